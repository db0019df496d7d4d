import { CATEGORIES, type Check } from '../engine/check.js';
import { FINDING_CODES, isFindingCode } from '../engine/finding-codes.js';
import type { CheckResult } from '../engine/runner.js';
import { didYouMean } from '../engine/suggest.js';

/**
 * `--only` / `--skip` take check ids (`config.region`), categories (`tools`: every check in it) and finding
 * codes (`region-missing`). Check ids and categories decide which checks run; codes filter findings after
 * the run (a code's check is only known once it ran).
 */
export interface Selection {
  checks: readonly Check[];
  /** True when --only was given (even if it named an empty category). */
  filtering: boolean;
  onlyChecks: Set<string>;
  onlyCodes: Set<string>;
  skipCodes: Set<string>;
}

export class SelectionError extends Error {}

function split(values: readonly string[], all: readonly Check[]): { ids: Set<string>; codes: Set<string>; given: boolean } {
  const ids = new Set<string>();
  const codes = new Set<string>();
  const known = new Set(all.map((c) => c.id));
  const tokens = values.flatMap((v) => v.split(',')).map((t) => t.trim()).filter(Boolean);
  for (const token of tokens) {
    if ((CATEGORIES as readonly string[]).includes(token)) for (const c of all.filter((x) => x.category === token)) ids.add(c.id);
    else if (known.has(token)) ids.add(token);
    else if (isFindingCode(token)) codes.add(token);
    else {
      // A typo must not silently select nothing and report "All good".
      const hint = didYouMean(token, [...CATEGORIES, ...known, ...Object.keys(FINDING_CODES)]);
      throw new SelectionError(
        `unknown check id, category or finding code "${token}"${hint ? ` (did you mean ${hint}?)` : ''}; login-doctor list-checks lists them`,
      );
    }
  }
  return { ids, codes, given: tokens.length > 0 };
}

export function selectChecks(all: readonly Check[], only: readonly string[], skip: readonly string[]): Selection {
  const o = split(only, all);
  const s = split(skip, all);
  // A code in --only may come from any check, so only a pure list of check ids narrows what runs.
  const runOnlyIds = o.given && o.codes.size === 0;
  const checks = all.filter((c) => !s.ids.has(c.id) && (!runOnlyIds || o.ids.has(c.id)));
  return { checks, filtering: o.given, onlyChecks: o.ids, onlyCodes: o.codes, skipCodes: s.codes };
}

/** Keeps the findings the selection asks for; checks left with none are dropped from the report. */
export function applySelection(results: readonly CheckResult[], sel: Selection): CheckResult[] {
  const filtering = sel.filtering;
  return results
    .map((r) => ({
      ...r,
      findings: r.findings.filter(
        (f) => !sel.skipCodes.has(f.code) && (!filtering || sel.onlyChecks.has(r.check.id) || sel.onlyCodes.has(f.code)),
      ),
    }))
    .filter((r) => r.findings.length > 0);
}
