import type { Context, FileStat } from '../../engine/context.js';
import type { FixAction } from '../../engine/fix-action.js';
import { shellQuote } from '../../knowledge/shell.js';

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
  const q = (p: string) => shellQuote(ctx.platform, p);
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

/** A command that moves a broken token aside (never deletes it) so a new sign-in can write a fresh one. */
export function moveAsideCommand(ctx: Context, path: string): string {
  if (ctx.platform === 'win32') return `Move-Item -LiteralPath ${shellQuote(ctx.platform, path)} -Destination ${shellQuote(ctx.platform, `${path}.broken`)}`;
  return `mv -- ${shellQuote(ctx.platform, path)} ${shellQuote(ctx.platform, `${path}.broken`)}`;
}

export function removeCommand(ctx: Context, paths: readonly string[]): string {
  if (ctx.platform === 'win32') return `Remove-Item -LiteralPath ${paths.map((p) => shellQuote(ctx.platform, p)).join(', ')}`;
  return `rm -f -- ${paths.map((p) => shellQuote(ctx.platform, p)).join(' ')}`;
}
