import { envValue } from '../aws/paths.js';
import type { Context } from '../engine/context.js';
import { PYTHON_STUBS } from '../knowledge/python-stubs.js';
import { findOnPath, isExecutableFile, probeEnv } from './executables.js';
import { pathApi } from '../aws/paths.js';

const PY_LAUNCHER_TIMEOUT_MS = 5000;

async function commandLineToolsInstalled(ctx: Context): Promise<boolean> {
  const p = pathApi(ctx.platform);
  const { toolsDir, selectLink } = PYTHON_STUBS.xcode;
  if (await isExecutableFile(ctx, p.join(toolsDir, 'usr', 'bin', 'python3'))) return true;
  // Xcode.app instead of the standalone tools: xcode-select's link names its Developer folder.
  const selected = await ctx.fs.realpath(selectLink);
  return selected !== null && (await isExecutableFile(ctx, p.join(selected, 'usr', 'bin', 'python3')));
}

/**
 * Why a python on PATH must not be run, decided from files alone (running it is the harm):
 * the macOS /usr/bin stub without the Command Line Tools opens an install dialog; the Windows Store alias
 * without a Store Python only prints an install hint.
 */
export async function pythonStubReason(ctx: Context, path: string): Promise<string | null> {
  const p = pathApi(ctx.platform);
  if (ctx.platform === 'darwin') {
    if (!/^\/usr\/bin\/python3?$/.test(path)) return null;
    if (await commandLineToolsInstalled(ctx)) return null;
    return `${path} is the macOS stub that asks to install the Command Line Tools (${PYTHON_STUBS.xcode.toolsDir} is absent); not run`;
  }
  if (ctx.platform === 'win32') {
    const local = envValue(ctx.env, ctx.platform, 'LOCALAPPDATA');
    if (!local) return null;
    const aliases = p.join(local, 'Microsoft', 'WindowsApps');
    if (p.dirname(path).toLowerCase() !== aliases.toLowerCase() || !/^python(3(\.\d+)?)?\.exe$/i.test(p.basename(path))) return null;
    const target = await ctx.fs.realpath(path);
    const { redirector, packagePrefix } = PYTHON_STUBS.storeAlias;
    if (target && target.toLowerCase().endsWith(redirector.toLowerCase())) return `${path} is the Microsoft Store alias: no Python is installed here`;
    if (target && target.includes(packagePrefix)) return null;
    const entries = (await ctx.fs.readdir(aliases)) ?? [];
    if (entries.some((e) => e.startsWith(packagePrefix))) return null;
    return `${path} is the Microsoft Store alias: no Python is installed here`;
  }
  return null;
}

/** Whether a run's output is the Store alias's answer: "no Python here", not a broken interpreter. */
export function isStoreAliasAnswer(exitCode: number | null, output: string): boolean {
  return exitCode === PYTHON_STUBS.storeAlias.exitCode || output.includes(PYTHON_STUBS.storeAlias.text);
}

/** `py -0p` lists installed Pythons, one per line ending in (or followed by) the interpreter path. */
export function parsePyLauncherList(output: string): string[] {
  return output
    .split(/\r?\n/)
    .map((line) => /([A-Za-z]:\\[^*\r\n]*?\.exe)\b/i.exec(line)?.[1]?.trim())
    .filter((p): p is string => Boolean(p));
}

/**
 * Pythons installed where users usually put them but that PATH may not name: on macOS Homebrew (both prefixes),
 * python.org framework builds, pyenv, conda and uv; on Windows whatever the `py` launcher lists.
 */
export async function installedPythons(ctx: Context): Promise<string[]> {
  const p = pathApi(ctx.platform);
  const children = async (dir: string, pattern: RegExp, rest: string[]) =>
    ((await ctx.fs.readdir(dir)) ?? []).filter((d) => pattern.test(d)).sort().map((d) => p.join(dir, d, ...rest));
  let candidates: string[] = [];
  if (ctx.platform === 'darwin') {
    const home = ctx.home;
    const pyenvRoot = ctx.env.PYENV_ROOT || p.join(home, '.pyenv');
    const uvDir = ctx.env.UV_PYTHON_INSTALL_DIR || p.join(ctx.env.XDG_DATA_HOME || p.join(home, '.local', 'share'), 'uv', 'python');
    candidates = [
      '/opt/homebrew/bin/python3',
      '/usr/local/bin/python3',
      ...(await children('/Library/Frameworks/Python.framework/Versions', /^\d+\.\d+$/, ['bin', 'python3'])),
      ...(await children(p.join(pyenvRoot, 'versions'), /^\d/, ['bin', 'python3'])),
      ...(ctx.env.CONDA_PREFIX ? [p.join(ctx.env.CONDA_PREFIX, 'bin', 'python3')] : []),
      ...['miniconda3', 'anaconda3', 'miniforge3'].map((d) => p.join(home, d, 'bin', 'python3')),
      '/opt/homebrew/Caskroom/miniconda/base/bin/python3',
      ...(await children(uvDir, /^cpython-/, ['bin', 'python3'])),
    ];
  } else if (ctx.platform === 'win32') {
    const [launcher] = await findOnPath(ctx, ['py']);
    if (launcher) {
      const r = await ctx.spawn(launcher.path, ['-0p'], { timeoutMs: PY_LAUNCHER_TIMEOUT_MS, maxOutputBytes: 64 * 1024, env: probeEnv(ctx, {}) });
      if (r.exitCode === 0) candidates = parsePyLauncherList(r.stdout);
    }
  }
  const found: string[] = [];
  for (const c of candidates) if (!found.includes(c) && (await isExecutableFile(ctx, c))) found.push(c);
  return found;
}
