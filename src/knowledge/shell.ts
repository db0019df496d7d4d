/**
 * Copy-pasteable commands for the user's shell: POSIX sh everywhere but Windows; there PowerShell by default,
 * cmd.exe when the environment says cmd.exe is the shell, POSIX when run from Git Bash, MSYS2 or Cygwin.
 */

export type ShellKind = 'posix' | 'powershell' | 'cmd';

/** A platform (meaning its default shell: PowerShell on Windows, sh elsewhere) or an explicit shell. */
export type ShellTarget = NodeJS.Platform | ShellKind;

export function shellKind(target: ShellTarget): ShellKind {
  if (target === 'posix' || target === 'powershell' || target === 'cmd') return target;
  return target === 'win32' ? 'powershell' : 'posix';
}

type Env = Readonly<Record<string, string | undefined>>;

function envGet(env: Env, name: string): string | undefined {
  const key = Object.keys(env).find((k) => k.toUpperCase() === name && env[k] !== undefined);
  return key === undefined ? undefined : env[key];
}

/**
 * The shell the user typed `login-doctor` into, from the environment alone (nothing is spawned):
 * - Git Bash and MSYS2 export MSYSTEM, Cygwin a POSIX SHELL: POSIX commands work there.
 * - PowerShell (5.1 and 7) adds the user's own `Documents\…PowerShell\Modules` folder to PSModulePath at start;
 *   the machine-wide value that cmd.exe inherits has no such entry.
 * - cmd.exe defines PROMPT (default `$P$G`) for itself and the programs it starts; PowerShell does not.
 * Anything else on Windows gets PowerShell, the default shell of Windows Terminal.
 */
export function detectShell(platform: NodeJS.Platform, env: Env): ShellKind {
  if (platform !== 'win32') return 'posix';
  if (envGet(env, 'MSYSTEM') || /(^|\/)(ba|z|da|k)?sh$/.test(envGet(env, 'SHELL') ?? '')) return 'posix';
  const modules = (envGet(env, 'PSMODULEPATH') ?? '').split(';').map((d) => d.toLowerCase());
  if (modules.some((d) => /\\documents\\(windows)?powershell\\modules\\?$/.test(d))) return 'powershell';
  if (envGet(env, 'PROMPT') !== undefined) return 'cmd';
  return 'powershell';
}

/** Where a fix command will be typed: the platform and the environment the shell is detected from. */
export interface ShellWhere {
  platform: NodeJS.Platform;
  env: Env;
}

/** The shell for a context's fix commands. */
export function shellOf(ctx: ShellWhere): ShellKind {
  return detectShell(ctx.platform, ctx.env);
}

/**
 * Git Bash and MSYS2 rewrite an argument that starts with `/` into a path (`/i` becomes `C:/Program Files/Git/i`);
 * this prefix keeps a Windows program's `/switches` as typed. Empty for PowerShell and cmd.exe.
 */
export function keepWindowsSwitches(shell: ShellKind): string {
  return shell === 'posix' ? "MSYS_NO_PATHCONV=1 MSYS2_ARG_CONV_EXCL='*' " : '';
}

/** Runs the program at `path`: PowerShell needs the call operator for a quoted path; cmd.exe takes it in plain quotes. */
export function runProgram(shell: ShellKind, path: string): string {
  if (shell === 'powershell') return `& ${shellQuote(shell, path)}`;
  // Carets would make the quotes literal and split the program name; inside quotes cmd.exe acts only on %VAR%.
  if (shell === 'cmd') return CMD_BARE.test(path) ? path : `"${path}"`;
  return shellQuote(shell, path);
}

/**
 * Moves a file to a new name. Without `replace` a file already there is kept (PowerShell stops with an error,
 * cmd.exe asks); with it, replaced.
 */
export function moveFile(shell: ShellKind, from: string, to: string, o: { replace?: boolean } = {}): string {
  const q = (v: string) => shellQuote(shell, v);
  if (shell === 'powershell') return `Move-Item ${o.replace ? '-Force ' : ''}-LiteralPath ${q(from)} -Destination ${q(to)}`;
  if (shell === 'cmd') return `move ${o.replace ? '/Y' : '/-Y'} ${q(from)} ${q(to)}`;
  return `mv ${o.replace ? '-f' : '-n'} -- ${q(from)} ${q(to)}`;
}

/** Deletes files (a leftover that holds no secret the user still needs). */
export function removeFiles(shell: ShellKind, paths: readonly string[]): string {
  const q = (v: string) => shellQuote(shell, v);
  if (shell === 'powershell') return `Remove-Item -LiteralPath ${paths.map(q).join(', ')}`;
  if (shell === 'cmd') return `del ${paths.map(q).join(' ')}`;
  return `rm -f -- ${paths.map(q).join(' ')}`;
}

const POSIX_BARE = /^[A-Za-z0-9_./:@%+=,-]+$/;
/** Words cmd.exe and the program's argument parser both take as they are. */
const CMD_BARE = /^[A-Za-z0-9_./:@+=,\\-]+$/;
/** cmd.exe's special characters; a caret makes each one literal (quotes too, so cmd never enters a quoted run). */
const CMD_META = /[()%!^"<>&|]/g;

/** Quotes one argument the way the Microsoft C runtime's parser (CommandLineToArgvW) reads it back. */
function argvQuote(value: string): string {
  let out = '"';
  let backslashes = 0;
  for (const ch of value) {
    if (ch === '\\') {
      backslashes += 1;
      continue;
    }
    if (ch === '"') out += '\\'.repeat(backslashes * 2 + 1) + '"';
    else out += '\\'.repeat(backslashes) + ch;
    backslashes = 0;
  }
  return `${out}${'\\'.repeat(backslashes * 2)}"`;
}

/**
 * One argument inside a credential_process value, for the program that splits it where the SDK runs (not the shell
 * the user types into): POSIX SDKs use shlex or `sh -c`; on Windows botocore's compat_shell_split and cmd.exe /C (the
 * JS and Go SDKs) read double quotes and backslashes like the C runtime, and take single quotes literally.
 */
export function credentialProcessArg(platform: NodeJS.Platform, value: string): string {
  if (platform !== 'win32') return shellQuote('posix', value);
  return CMD_BARE.test(value) ? value : argvQuote(value);
}

function cmdEscape(text: string): string {
  return text.replace(CMD_META, '^$&');
}

/** One argument (a path, a profile name) quoted for the shell. */
export function shellQuote(target: ShellTarget, value: string): string {
  switch (shellKind(target)) {
    case 'powershell':
      // PowerShell also takes the typographic quotes ‘ ’ ‚ ‛ as single quotes: each is doubled like '.
      return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, '$&$&')}'`;
    case 'cmd':
      return CMD_BARE.test(value) ? value : cmdEscape(argvQuote(value));
    case 'posix':
      return POSIX_BARE.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
  }
}

export function unsetEnv(target: ShellTarget, names: readonly string[]): string {
  switch (shellKind(target)) {
    case 'powershell':
      return names.map((n) => `Remove-Item Env:${n}`).join('; ');
    case 'cmd':
      return names.map((n) => `set ${n}=`).join(' & ');
    case 'posix':
      return `unset ${names.join(' ')}`;
  }
}

export function setEnv(target: ShellTarget, name: string, value: string): string {
  switch (shellKind(target)) {
    case 'powershell':
      return `$env:${name} = ${shellQuote(target, value)}`;
    case 'cmd':
      // `set` takes the rest of the line as the value; carets keep cmd.exe from acting on & | < > % and quotes.
      return `set ${name}=${cmdEscape(value)}`;
    case 'posix':
      return `export ${name}=${shellQuote(target, value)}`;
  }
}

/** Puts a folder first on PATH for this session. */
export function prependPath(target: ShellTarget, dir: string): string {
  switch (shellKind(target)) {
    case 'powershell':
      return `$env:Path = ${shellQuote(target, `${dir};`)} + $env:Path`;
    case 'cmd':
      return `set PATH=${cmdEscape(dir)};%PATH%`;
    case 'posix':
      return `export PATH=${shellQuote(target, dir)}:"$PATH"`;
  }
}

/** `aws login --profile P`, leaving out --profile for the default profile. */
export function awsLogin(target: ShellTarget, profile: string, extra = ''): string {
  const base = profile === 'default' ? 'aws login' : `aws login --profile ${shellQuote(target, profile)}`;
  return extra ? `${base} ${extra}` : base;
}

/** `aws sso login --profile P`, leaving out --profile for the default profile. */
export function awsSsoLogin(target: ShellTarget, profile: string): string {
  return profile === 'default' ? 'aws sso login' : `aws sso login --profile ${shellQuote(target, profile)}`;
}

/** Sign-in commands, and the tools.aws-cli findings under which the aws on PATH cannot run them. */
const SIGN_IN_BLOCKED_BY: readonly (readonly [string, ReadonlySet<string>])[] = [
  ['aws login', new Set(['cli-missing', 'cli-v1', 'cli-too-old'])],
  ['aws sso login', new Set(['cli-missing', 'cli-v1'])],
];

/** For a fix command that signs in: which sign-in it is and the finding codes that block it; null for anything else. */
export function signInOf(command: string): { signIn: string; blockedBy: ReadonlySet<string> } | null {
  const found = SIGN_IN_BLOCKED_BY.find(([signIn]) => command === signIn || command.startsWith(`${signIn} `));
  return found ? { signIn: found[0], blockedBy: found[1] } : null;
}

export function awsConfigureSet(target: ShellTarget, key: string, value: string, profile: string): string {
  return `aws configure set ${key} ${shellQuote(target, value)} --profile ${shellQuote(target, profile)}`;
}
