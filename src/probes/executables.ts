import { posix, win32 } from 'node:path';
import type { Context } from '../engine/context.js';

export interface FoundExecutable {
  /** As found on PATH. */
  path: string;
  /** Symlinks resolved. */
  realPath: string;
}

/** Credentials in the environment are never handed to a version probe: it needs none of them. */
const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'];

/** The environment for `aws --version` and the Python probe: the user's, minus credentials, plus the given settings. */
export function probeEnv(ctx: Context, extra: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...ctx.env, ...extra };
  for (const name of CREDENTIAL_VARIABLES) delete env[name];
  return env;
}

export function pathApi(platform: NodeJS.Platform) {
  return platform === 'win32' ? win32 : posix;
}

/** PATH entries in order; empty entries (the current directory on POSIX) are skipped so a project's own `./aws` is never run. */
export function pathEntries(ctx: Context): string[] {
  const raw = ctx.platform === 'win32' ? (ctx.env.Path ?? ctx.env.PATH ?? '') : (ctx.env.PATH ?? '');
  return raw.split(ctx.platform === 'win32' ? ';' : ':').filter((d) => d.trim() !== '' && pathApi(ctx.platform).isAbsolute(d));
}

/** File names a command resolves to: `aws` on POSIX; `aws.exe`, `aws.cmd` (and `aws.bat`) on Windows. */
export function commandFileNames(platform: NodeJS.Platform, command: string): string[] {
  return platform === 'win32' ? [`${command}.exe`, `${command}.cmd`, `${command}.bat`] : [command];
}

export async function isExecutableFile(ctx: Context, path: string): Promise<boolean> {
  const s = await ctx.fs.stat(path);
  if (!s || s.kind !== 'file') return false;
  return ctx.platform === 'win32' || (s.mode & 0o111) !== 0;
}

/** Every match of the commands on PATH, in PATH order (like `which -a`), de-duplicated by real path. */
export async function findOnPath(ctx: Context, commands: readonly string[], skipDirs: readonly string[] = []): Promise<FoundExecutable[]> {
  const p = pathApi(ctx.platform);
  const candidates = pathEntries(ctx)
    .filter((dir) => !skipDirs.includes(p.resolve(dir)))
    .flatMap((dir) => commands.flatMap((c) => commandFileNames(ctx.platform, c).map((name) => p.join(dir, name))));
  const checked = await Promise.all(
    candidates.map(async (path) => ((await isExecutableFile(ctx, path)) ? { path, realPath: (await ctx.fs.realpath(path)) ?? path } : null)),
  );
  const seen = new Set<string>();
  const found: FoundExecutable[] = [];
  for (const c of checked) {
    if (!c || seen.has(c.realPath)) continue;
    seen.add(c.realPath);
    found.push(c);
  }
  return found;
}

/** The interpreter a script's `#!` line names; `/usr/bin/env python3` gives the bare name. */
export function parseShebang(text: string): { interpreter: string; viaEnv: boolean } | null {
  const first = text.split('\n', 1)[0]!.replace(/\r$/, '');
  const m = /^#!\s*(\S+)(?:\s+(.*))?$/.exec(first);
  if (!m) return null;
  const program = m[1]!;
  if (/(^|\/)env$/.test(program)) {
    const target = (m[2] ?? '').split(/\s+/).find((w) => w !== '' && !w.startsWith('-'));
    return target ? { interpreter: target, viaEnv: true } : null;
  }
  return { interpreter: program, viaEnv: false };
}

export function looksLikePython(interpreter: string): boolean {
  return /(^|[\\/])python(\d+(\.\d+)*)?(\.exe)?$/i.test(interpreter);
}
