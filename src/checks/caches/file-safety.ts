import type { Context, FileStat } from '../../engine/context.js';
import type { FixAction } from '../../engine/fix-action.js';
import { envValue } from '../../aws/paths.js';
import { keepWindowsSwitches, moveFile, shellQuote, shellOf } from '../../knowledge/shell.js';
import { probeEnv } from '../../probes/executables.js';

/** What is wrong with a token file's mode and owner, and the exact commands that fix it (POSIX only). */
export interface OwnershipReport {
  problems: string[];
  commands: string[];
  /** What `--fix` may do itself (src/fix/local-fixes.ts): the same chown/chmod as the commands. */
  actions: FixAction[];
  evidence: {
    fileMode: string | null;
    dirMode: string | null;
    fileUid: number | null;
    dirUid: number | null;
    uid: number | null;
  };
}

export function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/**
 * A token file must be private (0600) and, with its folder, owned by the user so a refresh can write it back;
 * after `sudo aws login` both belong to root. The folder must not be writable by others.
 */
export function ownershipReport(ctx: Context, file: { path: string; stat: FileStat | null }, dir: { path: string; stat: FileStat | null }): OwnershipReport | null {
  if (ctx.platform === 'win32' || ctx.uid === null) return null;
  const q = (p: string) => shellQuote(shellOf(ctx), p);
  const problems: string[] = [];
  const chown: string[] = [];
  const chmod: string[] = [];
  const actions: FixAction[] = [];
  const foreign = (s: FileStat | null) => s !== null && s.uid !== ctx.uid;
  if (foreign(dir.stat)) {
    problems.push(`the folder ${dir.path} is owned by uid ${dir.stat!.uid}, not by you (uid ${ctx.uid}), so a refresh cannot create its temporary file there`);
    chown.push(dir.path);
    actions.push({ kind: 'chown', path: dir.path, uid: ctx.uid });
  }
  if (foreign(file.stat)) {
    problems.push(`the file is owned by uid ${file.stat!.uid}, not by you (uid ${ctx.uid}), so a refresh cannot write the new token back`);
    chown.push(file.path);
    actions.push({ kind: 'chown', path: file.path, uid: ctx.uid });
  }
  if (file.stat && file.stat.mode & 0o077) {
    problems.push(`the file has mode ${octal(file.stat.mode)}: other users can read your credentials (should be 0600)`);
    chmod.push(`chmod 600 ${q(file.path)}`);
    actions.push({ kind: 'chmod', path: file.path, mode: '0600' });
  }
  if (dir.stat && dir.stat.mode & 0o022) {
    problems.push(`the folder has mode ${octal(dir.stat.mode)}: other users can replace your token file (should be 0700)`);
    chmod.push(`chmod 700 ${q(dir.path)}`);
    actions.push({ kind: 'chmod', path: dir.path, mode: '0700' });
  }
  if (!problems.length) return null;
  const commands = chown.length ? [`sudo chown "$(id -u):$(id -g)" ${chown.map(q).join(' ')}`, ...chmod] : chmod;
  return {
    problems,
    commands,
    actions,
    evidence: {
      fileMode: file.stat ? octal(file.stat.mode) : null,
      dirMode: dir.stat ? octal(dir.stat.mode) : null,
      fileUid: file.stat?.uid ?? null,
      dirUid: dir.stat?.uid ?? null,
      uid: ctx.uid,
    },
  };
}

const ICACLS_TIMEOUT_MS = 5000;

/** Groups that mean "other users" in icacls output (English names: on a localized Windows they are not recognised). */
const BROAD_PRINCIPALS = /^(everyone|builtin\\users|nt authority\\authenticated users)$/i;
/** Their well-known SIDs, which icacls accepts as `*SID` in any language: Everyone, Users, Authenticated Users. */
const BROAD_SIDS = ['*S-1-1-0', '*S-1-5-32-545', '*S-1-5-11'];

export interface AclEntry {
  principal: string;
  rights: string;
}

/** `icacls FILE` output: the file name, then one `PRINCIPAL:(flags)(rights)` per line, then a summary line. */
export function parseIcacls(output: string, path: string): AclEntry[] {
  const entries: AclEntry[] = [];
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.startsWith(path) ? raw.slice(path.length) : raw;
    const m = /^\s*(.+?):((?:\([^)]*\))+)\s*$/.exec(line);
    if (m) entries.push({ principal: m[1]!.trim(), rights: m[2]! });
  }
  return entries;
}

/** Allow entries that let the principal read: full, modify, read(-execute), generic read/all, or a list with R/RD. */
function grantsRead(rights: string): boolean {
  if (/\(DENY\)/i.test(rights)) return false;
  return /\((?:F|M|RX|R|GR|GA)\)|\((?:[A-Z]+,)*(?:R|RD)(?:,[A-Z]+)*\)/.test(rights);
}

/**
 * Windows has no file modes: a token file is private when its ACL gives no broad group read access. A cache inside
 * the user profile inherits a private ACL; one under a shared or moved folder (AWS_LOGIN_CACHE_DIRECTORY) may not.
 * Reads the ACL with icacls (read-only) and prints icacls commands, never chmod.
 */
export async function windowsAclReport(ctx: Context, path: string): Promise<OwnershipReport | null> {
  if (ctx.platform !== 'win32') return null;
  const icacls = `${envValue(ctx.env, ctx.platform, 'SystemRoot') || 'C:\\Windows'}\\System32\\icacls.exe`;
  const r = await ctx.spawn(icacls, [path], { timeoutMs: ICACLS_TIMEOUT_MS, maxOutputBytes: 64 * 1024, env: probeEnv(ctx, {}) });
  if (r.exitCode !== 0) return null;
  const broad = parseIcacls(r.stdout, path).filter((e) => BROAD_PRINCIPALS.test(e.principal) && grantsRead(e.rights));
  if (!broad.length) return null;
  const shell = shellOf(ctx);
  const me = icaclsMe(shell, '(F)');
  return {
    problems: broad.map((e) => `${e.principal} may read it (${e.rights})`),
    // Git Bash and MSYS2 would turn /inheritance:r into a path unless told not to.
    commands: [`${keepWindowsSwitches(shell)}icacls ${shellQuote(shell, path)} /inheritance:r /grant:r ${me} /remove:g ${BROAD_SIDS.join(' ')}`],
    actions: [],
    evidence: { fileMode: null, dirMode: null, fileUid: null, dirUid: null, uid: null },
  };
}

/** The user's own account in an icacls grant, for the shell the command is typed into. */
function icaclsMe(shell: ReturnType<typeof shellOf>, rights: string): string {
  return shell === 'cmd' ? `"%USERNAME%:${rights}"` : shell === 'powershell' ? `"$($env:USERNAME):${rights}"` : `"$USERNAME:${rights}"`;
}

/** Commands that make a file the user cannot read theirs again: chown/chmod on POSIX, takeown/icacls on Windows. */
export function reclaimCommands(ctx: Context, path: string): string[] {
  const shell = shellOf(ctx);
  const q = shellQuote(shell, path);
  if (ctx.platform === 'win32') {
    const msys = keepWindowsSwitches(shell);
    return [`${msys}takeown /f ${q}`, `${msys}icacls ${q} /grant:r ${icaclsMe(shell, '(F)')}`];
  }
  return [`sudo chown "$(id -un)" ${q}`, `chmod 600 ${q}`];
}

/**
 * A command that moves a broken token aside as *.broken (replacing an older one) so a new sign-in can write a fresh
 * one; a kept older *.broken would leave the broken file in place without a word.
 */
export function moveAsideCommand(ctx: Context, path: string): string {
  return moveFile(shellOf(ctx), path, `${path}.broken`, { replace: true });
}
