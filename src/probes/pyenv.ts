import type { Context } from '../engine/context.js';
import { isExecutableFile, pathEntries } from './executables.js';
import { pathApi } from '../aws/paths.js';

const SHIM_MAX_BYTES = 8 * 1024;

/**
 * A pyenv shim is a small bash script in `<PYENV_ROOT>/shims` that execs `pyenv exec <program>`. Running it
 * costs a bash and a pyenv start per call, so login-doctor resolves it the way pyenv does instead:
 * PYENV_VERSION, then `.python-version` from the working directory up, then `<PYENV_ROOT>/version`, then system.
 */
export async function pyenvRootOfShim(ctx: Context, path: string): Promise<string | null> {
  const p = pathApi(ctx.platform);
  if (p.basename(p.dirname(path)) !== 'shims') return null;
  const read = await ctx.fs.readText(path, SHIM_MAX_BYTES);
  if (!read.ok || !/pyenv/.test(read.text) || !/\bexec\b/.test(read.text)) return null;
  const declared = /^export PYENV_ROOT="([^"\n]+)"/m.exec(read.text)?.[1];
  return declared ?? ctx.env.PYENV_ROOT ?? p.dirname(p.dirname(path));
}

async function versionFileWords(ctx: Context, file: string): Promise<string[] | null> {
  const read = await ctx.fs.readText(file, 64 * 1024);
  if (!read.ok) return null;
  return read.text
    .split(/\r?\n/)
    .filter((l) => !l.trim().startsWith('#'))
    .flatMap((l) => l.trim().split(/\s+/))
    .filter((w) => w !== '' && !w.includes('..'));
}

async function selectedVersions(ctx: Context, root: string): Promise<string[]> {
  const p = pathApi(ctx.platform);
  if (ctx.env.PYENV_VERSION) return ctx.env.PYENV_VERSION.split(':').filter(Boolean);
  let dir = p.resolve(ctx.env.PYENV_DIR ?? ctx.cwd);
  for (;;) {
    const words = await versionFileWords(ctx, p.join(dir, '.python-version'));
    if (words && words.length > 0) return words;
    const parent = p.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return (await versionFileWords(ctx, p.join(root, 'version'))) ?? ['system'];
}

function compareDotted(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

/** `3.11` selects the newest installed 3.11.x, as pyenv >= 2.3 does; `python-3.11.7` means 3.11.7. */
async function installedVersionDir(ctx: Context, root: string, version: string): Promise<string | null> {
  const p = pathApi(ctx.platform);
  const versionsDir = p.join(root, 'versions');
  const name = version.replace(/^python-/, '');
  if (await ctx.fs.stat(p.join(versionsDir, name))) return p.join(versionsDir, name);
  const installed = ((await ctx.fs.readdir(versionsDir)) ?? []).filter((v) => v.startsWith(`${name}.`) && /^[\d.]+$/.test(v));
  installed.sort(compareDotted);
  const newest = installed.at(-1);
  return newest ? p.join(versionsDir, newest) : null;
}

/** The real program a pyenv shim would exec, or null when the shim cannot be resolved without running pyenv. */
export async function resolvePyenvShim(ctx: Context, shimPath: string): Promise<string | null> {
  const root = await pyenvRootOfShim(ctx, shimPath);
  if (!root) return null;
  const p = pathApi(ctx.platform);
  const program = p.basename(shimPath);
  const shimsDir = p.dirname(shimPath);
  for (const version of await selectedVersions(ctx, root)) {
    if (version === 'system') {
      for (const dir of pathEntries(ctx)) {
        if (p.resolve(dir) === p.resolve(shimsDir)) continue;
        const candidate = p.join(dir, program);
        if (await isExecutableFile(ctx, candidate)) return candidate;
      }
      continue;
    }
    const dir = await installedVersionDir(ctx, root, version);
    if (!dir) continue;
    const candidate = p.join(dir, 'bin', program);
    if (await isExecutableFile(ctx, candidate)) return candidate;
  }
  return null;
}
