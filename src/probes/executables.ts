import { envValue, pathApi } from '../aws/paths.js';
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

/**
 * PATH entries in order; empty entries (the current directory on POSIX) are skipped so a project's own `./aws` is
 * never run. Windows: the variable's name is case-insensitive (`Path`), entries may be quoted, and cmd.exe's
 * habit of trying the current folder first is deliberately not copied.
 */
export function pathEntries(ctx: Context): string[] {
  const win = ctx.platform === 'win32';
  const raw = envValue(ctx.env, ctx.platform, 'PATH') ?? '';
  return raw
    .split(win ? ';' : ':')
    .map((d) => (win ? d.trim().replace(/^"(.*)"$/, '$1') : d))
    .filter((d) => d.trim() !== '' && pathApi(ctx.platform).isAbsolute(d));
}

/** PATHEXT's extensions in order (Windows' default when unset); a command is tried with each. */
export function pathExtensions(env: Context['env'], platform: NodeJS.Platform): string[] {
  if (platform !== 'win32') return [''];
  const raw = envValue(env, platform, 'PATHEXT') || '.COM;.EXE;.BAT;.CMD';
  return raw.split(';').map((e) => e.trim().toLowerCase()).filter((e) => /^\.[a-z0-9]+$/.test(e));
}

/** File names a command resolves to: `aws` on POSIX; on Windows `aws` plus each PATHEXT extension (`aws.exe`, `aws.cmd`…). */
export function commandFileNames(platform: NodeJS.Platform, command: string, extensions: readonly string[] = ['.com', '.exe', '.bat', '.cmd']): string[] {
  if (platform !== 'win32') return [command];
  // A name that already ends in a PATHEXT extension is looked up as it is, like cmd.exe does.
  if (extensions.some((e) => command.toLowerCase().endsWith(e))) return [command];
  return extensions.map((e) => `${command}${e}`);
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
    .flatMap((dir) => commands.flatMap((c) => commandFileNames(ctx.platform, c, pathExtensions(ctx.env, ctx.platform)).map((name) => p.join(dir, name))));
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

export type AwsCliLayout = 'installer' | 'homebrew' | 'pip' | 'pipx';

/** How an `aws` was installed, from where its file really lives. */
export function awsCliLayout(realPath: string): AwsCliLayout | null {
  if (/[\\/]aws-cli[\\/]|[\\/]Amazon[\\/]AWSCLIV2[\\/]/i.test(realPath)) return 'installer';
  if (/[\\/]Cellar[\\/]awscli/.test(realPath)) return 'homebrew';
  if (/[\\/]pipx[\\/]venvs[\\/]/i.test(realPath)) return 'pipx';
  if (/[\\/](Scripts|bin)[\\/]aws(\.cmd|\.exe)?$/i.test(realPath)) return 'pip';
  return null;
}

/**
 * Where AWS CLI installers put `aws`, whether or not PATH has it: the official installers (macOS pkg
 * `/usr/local/aws-cli/aws` linked from `/usr/local/bin/aws`; Windows MSI `%ProgramFiles%\Amazon\AWSCLIV2\aws.exe`),
 * Homebrew (`/opt/homebrew` on Apple silicon, `/usr/local` on Intel), pipx (`~/.local/bin`, or PIPX_BIN_DIR) and
 * pip (`--user` and python.org per-user installs).
 */
async function knownAwsCliPaths(ctx: Context): Promise<string[]> {
  const p = pathApi(ctx.platform);
  const get = (name: string) => envValue(ctx.env, ctx.platform, name);
  const pipxBin = get('PIPX_BIN_DIR') || p.join(ctx.home, '.local', 'bin');
  /** `<base>/<Python3xx>/<rest>` for every Python version folder under base. */
  const perVersion = async (base: string | undefined, pattern: RegExp, rest: string[]) =>
    base ? ((await ctx.fs.readdir(base)) ?? []).filter((d) => pattern.test(d)).sort().map((d) => p.join(base, d, ...rest)) : [];
  if (ctx.platform === 'win32') {
    const programFiles = get('ProgramFiles') || 'C:\\Program Files';
    return [
      p.join(programFiles, 'Amazon', 'AWSCLIV2', 'aws.exe'),
      p.join(pipxBin, 'aws.exe'),
      ...(await perVersion(get('APPDATA') && p.join(get('APPDATA')!, 'Python'), /^Python3\d+$/i, ['Scripts', 'aws.cmd'])),
      ...(await perVersion(get('LOCALAPPDATA') && p.join(get('LOCALAPPDATA')!, 'Programs', 'Python'), /^Python3\d+$/i, ['Scripts', 'aws.cmd'])),
    ];
  }
  const common = [p.join(pipxBin, 'aws'), '/usr/local/bin/aws'];
  if (ctx.platform === 'darwin') {
    return [
      '/opt/homebrew/bin/aws',
      ...common,
      '/usr/local/aws-cli/aws',
      ...(await perVersion(p.join(ctx.home, 'Library', 'Python'), /^3\.\d+$/, ['bin', 'aws'])),
    ];
  }
  return ['/usr/local/aws-cli/v2/current/bin/aws', ...common];
}

export interface InstalledAwsCli extends FoundExecutable {
  layout: AwsCliLayout | null;
  /** Whether a folder on PATH holds this file (else the shell never runs it). */
  onPath: boolean;
}

/** Every AWS CLI in the usual install places, de-duplicated by real path; nothing is run. */
export async function findInstalledAwsClis(ctx: Context): Promise<InstalledAwsCli[]> {
  const onPathReal = new Set((await findOnPath(ctx, ['aws'])).map((f) => f.realPath));
  const seen = new Set<string>();
  const found: InstalledAwsCli[] = [];
  for (const path of await knownAwsCliPaths(ctx)) {
    if (!(await isExecutableFile(ctx, path))) continue;
    const realPath = (await ctx.fs.realpath(path)) ?? path;
    const key = ctx.platform === 'win32' ? realPath.toLowerCase() : realPath;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({ path, realPath, layout: awsCliLayout(realPath), onPath: onPathReal.has(realPath) });
  }
  return found;
}
