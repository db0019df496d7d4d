import type { FindingCode } from './finding-codes.js';
import type { FixAction } from './fix-action.js';
import type { Status } from './status.js';

export { STATUSES, type Status } from './status.js';

export interface Fix {
  /** What to do, in one or two sentences. */
  text: string;
  /** Copy-pasteable commands for the user's shell, in order. */
  commands: string[];
}

export type EvidenceValue = string | number | boolean | null | EvidenceValue[] | { [key: string]: EvidenceValue };
export type Evidence = Record<string, EvidenceValue>;

/**
 * Where the cause of a finding may be reported: a consequence names the codes (and evidence values) of its
 * possible causes, and the runner links it to the one the run reports (see linkCauses).
 */
export interface CauseRef {
  codes: readonly FindingCode[];
  /** Evidence values the cause must carry (the same profile, the same package). */
  where?: Readonly<Record<string, string>>;
}

/** The finding a consequence follows from: the consequence points there instead of failing on its own. */
export interface CausedBy {
  code: string;
  check: string;
  title: string;
  /** The status the consequence has without its cause in the run. */
  ownStatus: Status;
}

/** A finding as the public JSON schema (schemaVersion 1) carries it. */
export interface Finding {
  code: string;
  status: Status;
  check: string;
  title: string;
  detail: string;
  fix: Fix | null;
  evidence: Evidence;
  /** Set by linkCauses: this finding follows from another one, so it is info and points there (additive JSON field). */
  causedBy?: CausedBy;
  /** What the check said about a possible cause; never printed. */
  consequenceOf?: CauseRef;
}

/** What a check returns: the runner fills in `check` and the optional parts. */
export interface FindingInput {
  /** Declared in src/engine/finding-codes.ts. */
  code: FindingCode;
  status: Status;
  title: string;
  detail?: string;
  fix?: Fix | null;
  /** `fixable` is the runner's to fill from `fixable` below; a check that writes it here crashes. */
  evidence?: Evidence;
  /**
   * What `--fix` may repair itself, with exact paths; the runner keeps these for the fix stage and shows a sanitized
   * copy as `evidence.fixable` (one action or a list, as given).
   */
  fixable?: FixAction | readonly FixAction[];
  /** The finding this one follows from when the run reports it (one cause, one failing finding). */
  consequenceOf?: CauseRef;
}

export type Summary = Record<Status, number>;

export function summarize(findings: readonly Finding[]): Summary {
  const summary: Summary = { pass: 0, info: 0, warn: 0, fail: 0, skip: 0 };
  for (const f of findings) summary[f.status] += 1;
  return summary;
}

/** Exit code contract: 0 no fail, 1 a fail (or a warn with --strict). */
export function exitCodeFor(findings: readonly Finding[], strict: boolean): 0 | 1 {
  const bad = findings.some((f) => f.status === 'fail' || (strict && f.status === 'warn'));
  return bad ? 1 : 0;
}
