/**
 * `--fix`: the safe local repairs login-doctor may make itself. Checks opt in per finding through
 * evidence — the contract every check author follows:
 *
 *   evidence.fixable = FixAction | FixAction[]
 *   FixAction =
 *     | { kind: 'chmod', path, mode: '0600' }                   // tighten: the mode may grant nothing to group/others
 *     | { kind: 'chown', path, uid: number, gid?: number }      // give a file/folder back to the current user
 *                                                               // (gid absent: keep the file's group)
 *     | { kind: 'remove', path }                                // only tmp*.tmp leftovers (botocore's interrupted writes)
 *     | { kind: 'add-setting', path, section, line, key, value } // one missing `key = value` in an INI section;
 *                                                               // `section` is the header text ("profile dev"),
 *                                                               // `line` its 1-based line number in `path`
 *
 * Everything else (package installs, `aws login`, editing credentials) is only printed, never run. Each
 * action is shown and confirmed (all with --yes); symlinks are refused; files are rewritten atomically.
 */
import { chmod, chown, lstat, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Evidence, EvidenceValue, Finding } from '../engine/finding.js';
import { shellQuote } from '../knowledge/shell.js';

export type FixAction =
  | { kind: 'chmod'; path: string; mode: string }
  | { kind: 'chown'; path: string; uid: number; gid: number | null }
  | { kind: 'remove'; path: string }
  | { kind: 'add-setting'; path: string; section: string; line: number; key: string; value: string };

export interface PlannedFix {
  finding: Finding;
  action: FixAction;
}

function isRecord(v: EvidenceValue | undefined): v is Record<string, EvidenceValue> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function parseAction(v: EvidenceValue): FixAction | null {
  if (!isRecord(v) || typeof v.path !== 'string' || !v.path) return null;
  const path = v.path;
  switch (v.kind) {
    case 'chmod':
      return typeof v.mode === 'string' && /^0?[0-7]{3}$/.test(v.mode) ? { kind: 'chmod', path, mode: v.mode } : null;
    case 'chown':
      return Number.isInteger(v.uid) ? { kind: 'chown', path, uid: v.uid as number, gid: Number.isInteger(v.gid) ? (v.gid as number) : null } : null;
    case 'remove':
      return { kind: 'remove', path };
    case 'add-setting':
      return typeof v.section === 'string' && Number.isInteger(v.line) && typeof v.key === 'string' && typeof v.value === 'string'
        ? { kind: 'add-setting', path, section: v.section, line: v.line as number, key: v.key, value: v.value }
        : null;
    default:
      return null;
  }
}

/** The local fixes the findings offer, in report order. */
export function planFixes(findings: readonly Finding[]): PlannedFix[] {
  const out: PlannedFix[] = [];
  for (const finding of findings) {
    if (finding.status !== 'fail' && finding.status !== 'warn' && finding.status !== 'info') continue;
    const raw = (finding.evidence as Evidence).fixable;
    if (raw === undefined) continue;
    for (const v of Array.isArray(raw) ? raw : [raw]) {
      const action = parseAction(v);
      if (action) out.push({ finding, action });
    }
  }
  return out;
}

/** What the change does, for the confirmation prompt (before anonymization). */
export function describeFix(action: FixAction): string {
  switch (action.kind) {
    case 'chmod':
      return `chmod ${action.mode} ${shellQuote('linux', action.path)}`;
    case 'chown':
      return `chown ${action.uid}${action.gid === null ? '' : `:${action.gid}`} ${shellQuote('linux', action.path)}`;
    case 'remove':
      return `rm ${shellQuote('linux', action.path)}`;
    case 'add-setting':
      return `add to ${action.path}, section [${action.section}] (line ${action.line}):\n  + ${action.key} = ${action.value}`;
  }
}

export type FixOutcome = { ok: true } | { ok: false; reason: string; manual?: string };

async function refuseSymlink(path: string): Promise<string | null> {
  const s = await lstat(path).catch(() => null);
  if (!s) return `${path} does not exist`;
  if (s.isSymbolicLink()) return `${path} is a symbolic link; not following it`;
  return null;
}

/** Rewrites a file atomically: temp file in the same folder, fsync, rename; keeps the mode. */
async function writeAtomic(path: string, text: string): Promise<void> {
  const { mode } = await stat(path);
  const temp = join(dirname(path), `.${basename(path)}.login-doctor-${process.pid}.tmp`);
  const handle = await open(temp, 'wx', mode & 0o777);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Inserts `key = value` after the last setting of the section whose header is at `line`. */
export function addSettingToIni(text: string, action: Extract<FixAction, { kind: 'add-setting' }>): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const headerIndex = action.line - 1;
  const header = /^\s*\[\s*(.+?)\s*\]\s*(?:[#;].*)?$/.exec(lines[headerIndex] ?? '');
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (!header || norm(header[1]!) !== norm(action.section)) {
    throw new Error(`line ${action.line} of ${action.path} is not the [${action.section}] header any more; the file changed since the check ran`);
  }
  let end = lines.length;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (/^\s*\[/.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  const keyPattern = new RegExp(`^\\s*${action.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`);
  if (lines.slice(headerIndex + 1, end).some((l) => keyPattern.test(l))) {
    throw new Error(`[${action.section}] in ${action.path} already sets ${action.key}`);
  }
  let insertAt = headerIndex + 1;
  for (let i = headerIndex + 1; i < end; i++) if (/^\s*[^\s#;]/.test(lines[i]!)) insertAt = i + 1;
  lines.splice(insertAt, 0, `${action.key} = ${action.value}`);
  return lines.join(eol);
}

export async function applyFix(action: FixAction, currentUid: number | null): Promise<FixOutcome> {
  const refused = await refuseSymlink(action.path);
  if (refused) return { ok: false, reason: refused };
  try {
    switch (action.kind) {
      case 'chmod': {
        const mode = Number.parseInt(action.mode, 8);
        if (mode & 0o077) return { ok: false, reason: `mode ${action.mode} would grant access to other users; only tightening is automatic` };
        await chmod(action.path, mode);
        return { ok: true };
      }
      case 'chown': {
        if (currentUid === null || action.uid !== currentUid) return { ok: false, reason: 'only giving a file back to the current user is automatic' };
        try {
          const gid = action.gid ?? (await lstat(action.path)).gid;
          await chown(action.path, action.uid, gid);
          return { ok: true };
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EPERM' || code === 'EACCES') {
            return {
              ok: false,
              reason: 'the file belongs to another user (root?), so taking it back needs sudo',
              manual: `sudo chown ${action.uid}${action.gid === null ? '' : `:${action.gid}`} ${shellQuote('linux', action.path)}`,
            };
          }
          throw error;
        }
      }
      case 'remove': {
        if (!/^tmp.*\.tmp$/.test(basename(action.path))) return { ok: false, reason: 'only tmp*.tmp leftovers are removed automatically' };
        const s = await lstat(action.path);
        if (!s.isFile()) return { ok: false, reason: `${action.path} is not a regular file` };
        await rm(action.path);
        return { ok: true };
      }
      case 'add-setting': {
        if (!/^[A-Za-z0-9_]+$/.test(action.key) || /[\r\n]/.test(action.value) || !action.value.trim()) {
          return { ok: false, reason: 'refusing a malformed setting' };
        }
        const text = await readFile(action.path, 'utf8');
        await writeAtomic(action.path, addSettingToIni(text, action));
        return { ok: true };
      }
    }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

export interface FixSession {
  /** Writes one block of dialogue. */
  say(text: string): void;
  /** Asks a yes/no question; null when nobody can answer (no terminal, CI). */
  ask: ((question: string) => Promise<boolean>) | null;
  yes: boolean;
  uid: number | null;
  /** Applied to every path and value before it is shown (anonymization). */
  show(text: string): string;
}

export interface FixSummary {
  applied: number;
  declined: number;
  failed: number;
}

/** Shows each planned fix, asks (or takes --yes), applies; never guesses consent. */
export async function runFixes(plan: readonly PlannedFix[], s: FixSession): Promise<FixSummary> {
  const summary: FixSummary = { applied: 0, declined: 0, failed: 0 };
  if (plan.length === 0) {
    s.say('No automatic fixes apply: nothing login-doctor may change itself was found.');
    return summary;
  }
  if (!s.yes && !s.ask) {
    s.say(`${plan.length} local fix${plan.length === 1 ? '' : 'es'} available, not applied: nobody can confirm here (no terminal or CI). Review them and re-run with --fix --yes:`);
    for (const p of plan) s.say(`  - ${s.show(p.finding.code)}: ${s.show(describeFix(p.action))}`);
    summary.declined = plan.length;
    return summary;
  }
  for (const p of plan) {
    s.say(`${s.show(p.finding.code)}: ${s.show(p.finding.title)}\n  ${s.show(describeFix(p.action)).split('\n').join('\n  ')}`);
    const go = s.yes || (await s.ask!('Apply this change? [y/N] '));
    if (!go) {
      summary.declined += 1;
      s.say('  skipped');
      continue;
    }
    const outcome = await applyFix(p.action, s.uid);
    if (outcome.ok) {
      summary.applied += 1;
      s.say('  done');
    } else {
      summary.failed += 1;
      s.say(`  not changed: ${s.show(outcome.reason)}${outcome.manual ? `\n  run yourself: ${s.show(outcome.manual)}` : ''}`);
    }
  }
  return summary;
}
