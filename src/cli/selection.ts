import type { Check } from '../engine/check.js';
import type { CheckResult } from '../engine/runner.js';

/**
 * `--only` / `--skip` take check ids (`config.region`) and finding codes (`region-missing`). Check ids
 * decide which checks run; codes filter findings after the run (a code's check is only known once it ran).
 */
export interface Selection {
  checks: readonly Check[];
  onlyChecks: Set<string>;
  onlyCodes: Set<string>;
  skipCodes: Set<string>;
}

export class SelectionError extends Error {}

const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function split(values: readonly string[], all: readonly Check[]): { ids: Set<string>; codes: Set<string> } {
  const ids = new Set<string>();
  const codes = new Set<string>();
  const known = new Set(all.map((c) => c.id));
  for (const token of values.flatMap((v) => v.split(',')).map((t) => t.trim()).filter(Boolean)) {
    if (known.has(token)) ids.add(token);
    else if (CODE.test(token)) codes.add(token);
    else throw new SelectionError(`unknown check id "${token}" (see login-doctor list-checks)`);
  }
  return { ids, codes };
}

export function selectChecks(all: readonly Check[], only: readonly string[], skip: readonly string[]): Selection {
  const o = split(only, all);
  const s = split(skip, all);
  const filtering = o.ids.size + o.codes.size > 0;
  // A code in --only may come from any check, so only a pure list of check ids narrows what runs.
  const runOnlyIds = filtering && o.codes.size === 0;
  const checks = all.filter((c) => !s.ids.has(c.id) && (!runOnlyIds || o.ids.has(c.id)));
  return { checks, onlyChecks: o.ids, onlyCodes: o.codes, skipCodes: s.codes };
}

/** Keeps the findings the selection asks for; checks left with none are dropped from the report. */
export function applySelection(results: readonly CheckResult[], sel: Selection): CheckResult[] {
  const filtering = sel.onlyChecks.size + sel.onlyCodes.size > 0;
  return results
    .map((r) => ({
      ...r,
      findings: r.findings.filter(
        (f) => !sel.skipCodes.has(f.code) && (!filtering || sel.onlyChecks.has(r.check.id) || sel.onlyCodes.has(f.code)),
      ),
    }))
    .filter((r) => r.findings.length > 0);
}
