import type { Check } from './check.js';
import type { Context } from './context.js';
import type { EvidenceValue, Finding, FindingInput, Status } from './finding.js';
import type { FindingCode } from './finding-codes.js';
import type { FixAction } from './fix-action.js';
import { isDeclared } from './finding-codes.js';
import { sanitizeEvidence, sanitizeLine, sanitizeMultiline } from './sanitize.js';

/** A repair offered beside a printed finding: the action keeps the exact, unsanitized paths. */
export interface PlannedFix {
  finding: Finding;
  action: FixAction;
}

/** What the renderers show of one check. */
export interface CheckReport {
  check: Pick<Check, 'id' | 'title' | 'category'>;
  findings: Finding[];
  durationMs: number;
}

export interface CheckResult extends CheckReport {
  /** The findings' fix actions, in finding order; never rendered, only applied by `--fix`. */
  fixes: PlannedFix[];
}

export interface RunnerOptions {
  defaultTimeoutMs: number;
  /** Called when each check finishes, in finish order (for progress display). */
  onProgress?: (done: number, total: number, check: Check) => void;
}

class CheckTimeout extends Error {}

/** Runs every check at once; results come back in registry order whatever the finish order. */
export async function runChecks(checks: readonly Check[], ctx: Context, options: RunnerOptions): Promise<CheckResult[]> {
  let done = 0;
  return Promise.all(
    checks.map(async (check) => {
      const started = performance.now();
      const findings = await runOne(check, ctx, check.timeoutMs ?? options.defaultTimeoutMs);
      done += 1;
      options.onProgress?.(done, checks.length, check);
      const normalized = findings.map((f) => normalizeFinding(f, check.id, ctx));
      return {
        check: { id: check.id, title: check.title, category: check.category },
        findings: normalized,
        fixes: findings.flatMap((f, i) => actionsOf(f).map((action) => ({ finding: normalized[i]!, action }))),
        durationMs: Math.round(performance.now() - started),
      };
    }),
  );
}

async function runOne(check: Check, ctx: Context, timeoutMs: number): Promise<FindingInput[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout()), timeoutMs);
  });
  try {
    const findings = await Promise.race([Promise.resolve().then(() => check.run(ctx)), timeout]);
    if (findings.some((f) => f.evidence?.fixable !== undefined)) throw new Error('wrote evidence.fixable by hand; give FindingInput.fixable (typed actions) instead');
    const undeclared = findings.find((f) => !isDeclared(check.id, f.code, f.status));
    if (undeclared) throw new Error(`reported code ${undeclared.code} with status ${undeclared.status}, which src/engine/finding-codes.ts does not declare for ${check.id}`);
    return findings;
  } catch (error) {
    if (error instanceof CheckTimeout) {
      return [
        {
          code: 'check-timeout',
          status: 'fail',
          title: `Check ${check.id} did not finish within ${timeoutMs / 1000} s`,
          detail: `The check "${check.title}" was stopped after ${timeoutMs} ms; the other checks still ran. Something it waits on (a file, a subprocess or the network) is hanging.`,
          fix: null,
          evidence: { timeoutMs },
        },
      ];
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return [
      {
        code: 'check-crashed',
        status: 'fail',
        title: `Check ${check.id} crashed`,
        detail: `The check "${check.title}" threw an error, so its area was not diagnosed; the other checks still ran.\n${message}`,
        fix: { text: 'This is a login-doctor bug: please report it with this output.', commands: [] },
        evidence: { error: message },
      },
    ];
  } finally {
    clearTimeout(timer);
  }
}

/** The printed copy of the actions, in the form given (one or a list); sanitized with the rest of the evidence. */
function fixableEvidence(fixable: FixAction | readonly FixAction[]): EvidenceValue {
  const plain = (a: FixAction): EvidenceValue => ({ ...a });
  return 'kind' in fixable ? plain(fixable) : fixable.map(plain);
}

function actionsOf(input: FindingInput): readonly FixAction[] {
  if (!input.fixable) return [];
  return 'kind' in input.fixable ? [input.fixable] : input.fixable;
}

/** Every string that leaves a check is redacted of secrets and stripped of terminal controls, once, here. */
export function normalizeFinding(input: FindingInput, checkId: string, ctx: Context): Finding {
  const line = (s: string) => sanitizeLine(ctx.secrets.redact(s));
  const multi = (s: string) => sanitizeMultiline(ctx.secrets.redact(s));
  return {
    code: input.code,
    status: input.status,
    check: checkId,
    title: line(input.title),
    detail: multi(input.detail ?? ''),
    fix: input.fix ? { text: multi(input.fix.text), commands: input.fix.commands.map(line) } : null,
    evidence: sanitizeEvidence(input.fixable ? { ...input.evidence, fixable: fixableEvidence(input.fixable) } : (input.evidence ?? {}), line),
    ...(input.consequenceOf ? { consequenceOf: input.consequenceOf } : {}),
  };
}

const RANK: Record<Status, number> = { pass: 0, skip: 0, info: 1, warn: 2, fail: 3 };

/** The first failing or warning finding the consequence names as a possible cause, at least as severe as it. */
function causeIn(all: readonly Finding[], f: Finding): Finding | undefined {
  const ref = f.consequenceOf;
  if (!ref || RANK[f.status] < RANK.warn) return undefined;
  return all.find(
    (c) => c !== f && ref.codes.includes(c.code as FindingCode) && RANK[c.status] >= RANK[f.status] && Object.entries(ref.where ?? {}).every(([k, v]) => c.evidence[k] === v),
  );
}

/**
 * One cause, one failing finding: a consequence whose cause the run also reports becomes info and points at the
 * root cause, so the counts, the recap, the exit code and every format show the cause once. Run after the
 * selection (--only/--skip), so a consequence whose cause was left out still fails on its own.
 */
export function linkCauses<R extends CheckReport>(results: readonly R[]): R[] {
  const all = results.flatMap((r) => r.findings);
  const link = new Map<Finding, Finding>();
  const root = (f: Finding): Finding => {
    let c = f;
    while (link.has(c)) c = link.get(c)!;
    return c;
  };
  for (const f of all) {
    const cause = causeIn(all, f);
    // A cause already linked to this finding (a cycle) leaves this one failing: one of them must stay the cause.
    if (cause && root(cause) !== f) link.set(f, cause);
  }
  if (link.size === 0) return [...results];
  const linked = (f: Finding): Finding => {
    if (!link.has(f)) return f;
    const cause = root(f);
    return { ...f, status: 'info', causedBy: { code: cause.code, check: cause.check, title: cause.title, ownStatus: f.status } };
  };
  return results.map((r) => ({ ...r, findings: r.findings.map(linked) }));
}
