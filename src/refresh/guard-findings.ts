import type { FindingInput } from '../engine/finding.js';
import type { FindingCode } from '../engine/finding-codes.js';
import type { GuardError, Outcome, Recovery } from '../probes/cache-guard.js';

interface GuardFindingSpec {
  code: FindingCode;
  /** `relogin`: the sign-in command for this profile (aws login or aws sso login). */
  fix(relogin: string): FindingInput['fix'];
}

const GUARD_FINDINGS: Record<GuardError['problem'], GuardFindingSpec> = {
  'unsafe-path': {
    code: 'refresh-test-unsafe-path',
    fix: () => ({
      text: 'login-doctor edits only a real file in a real folder: replacing a symbolic link would cut it off from its target. Point AWS_LOGIN_CACHE_DIRECTORY at the real folder, or test by hand.',
      commands: [],
    }),
  },
  locked: {
    code: 'refresh-test-locked',
    fix: () => ({ text: 'Another refresh-test is running on this cache; wait for it to finish. A lock whose process has died is taken over automatically.', commands: [] }),
  },
  unwritable: {
    code: 'refresh-test-cache-unwritable',
    fix: () => ({
      text: 'The cache folder cannot be written (read-only, full disk or permissions; on Windows also a program that keeps the file open, such as a sync tool). The SDKs cannot save refreshed tokens there either: make the folder writable by you and free some space.',
      commands: [],
    }),
  },
  changed: {
    code: 'refresh-test-cache-changed',
    fix: () => ({
      text: 'Another program (aws login, an SDK, a sync tool) rewrote the cache during the test; login-doctor left the new file as it is and did not restore older data. Run the test again when nothing else uses the profile.',
      commands: [],
    }),
  },
  unhealthy: {
    code: 'refresh-test-cache-unhealthy',
    fix: (relogin) => ({ text: 'Sign in again to get a complete token cache.', commands: [relogin] }),
  },
};

export function guardFinding(error: GuardError, relogin: string): FindingInput {
  const spec = GUARD_FINDINGS[error.problem];
  return {
    code: spec.code,
    status: 'fail',
    title: error.message,
    detail: error.problem === 'changed' ? 'login-doctor never overwrites a cache file it did not write last, so it stopped the test.' : '',
    fix: spec.fix(relogin),
    evidence: { ...error.evidence },
  };
}

export const OUTCOME_TEXT: Record<Exclude<Outcome, 'left-changed-by-another-process' | 'deleted-backup-kept'>, string> = {
  'restored-original': 'No consumer refreshed: the cache file is back to its original bytes (original expiry).',
  'restored-expiry-of-newest-tokens': 'The newest refreshed tokens stay in the cache, with their real expiry; no used refresh token was written back.',
  'kept-refreshed': "The last consumer's refreshed cache file stays as it wrote it; no used refresh token was written back.",
};

export function recoveryFinding(r: Recovery): FindingInput | null {
  if (!r.staleLock && r.removedTemps === 0 && !r.backup) return null;
  const parts: string[] = [];
  if (r.staleLock) parts.push(`took over the lock of a refresh-test that died (pid ${r.staleLock.pid}, started ${r.staleLock.startedAt})`);
  if (r.removedTemps) parts.push(`removed ${r.removedTemps} unfinished temporary file(s)`);
  if (r.backup === 'restored') parts.push('put back the original expiry from its backup (nothing had refreshed since)');
  if (r.backup === 'dropped') parts.push('deleted its backup, whose refresh token had already been used');
  return {
    code: 'refresh-test-recovered',
    status: 'info',
    title: 'Cleaned up after an interrupted refresh-test',
    detail: `login-doctor ${parts.join('; ')}.`,
    fix: null,
    evidence: { staleLockPid: r.staleLock?.pid ?? null, removedTemps: r.removedTemps, backup: r.backup },
  };
}
