/**
 * `--fix`: the safe local repairs login-doctor may make itself. A check offers one by giving its finding typed
 * actions (`FindingInput.fixable`, src/engine/fix-action.ts: chmod, chown, remove a tmp leftover, add one INI
 * setting); the runner keeps them, with exact paths, beside the printed (sanitized) finding.
 *
 * Everything else (package installs, `aws login`, editing credentials) is only printed, never run. Each
 * action is shown and confirmed (all with --yes); symlinks are refused; files are rewritten atomically.
 */
import { chmod, chown, lstat, readFile, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FixAction } from '../engine/fix-action.js';
import type { CheckResult, PlannedFix } from '../engine/runner.js';
import { shellQuote } from '../knowledge/shell.js';
import { nodeWriteIo, writeAtomic } from '../probes/atomic-write.js';

/** The local fixes the findings offer, in report order. */
export function planFixes(results: readonly CheckResult[]): PlannedFix[] {
  // Only for findings still in the report (--skip may have removed some) that are a problem or a note.
  return results.flatMap((r) => r.fixes.filter((p) => r.findings.includes(p.finding) && p.finding.status !== 'pass' && p.finding.status !== 'skip'));
}

/** What the change does, for the confirmation prompt (before anonymization). */
export function describeFix(action: FixAction): string {
  switch (action.kind) {
    case 'chmod':
      return `chmod ${action.mode} ${shellQuote('linux', action.path)}`;
    case 'chown':
      return `chown ${action.uid}${action.gid === undefined ? '' : `:${action.gid}`} ${shellQuote('linux', action.path)}`;
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
              manual: `sudo chown ${action.uid}${action.gid === undefined ? '' : `:${action.gid}`} ${shellQuote('linux', action.path)}`,
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
        // The config keeps its mode; written as the cache guard writes a cache (temp file, fsync, rename).
        await writeAtomic(action.path, addSettingToIni(text, action), nodeWriteIo(), { mode: (await stat(action.path)).mode & 0o777 });
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
