import type { Context } from '../../engine/context.js';
import { exitCodeFor } from '../../engine/finding.js';
import { linkCauses, type CheckResult, type PlannedFix } from '../../engine/runner.js';
import { sanitizeMultiline } from '../../engine/sanitize.js';
import { planFixes, runFixes } from '../../fix/local-fixes.js';
import { UsageError } from '../args.js';
import type { Io } from '../io.js';

export interface FixStage {
  /** Where text goes: stdout, or stderr when stdout carries a JSON/Markdown document. */
  say(text: string): void;
  /** Anonymizes a value for printing (identity without --anonymize). */
  show(text: string): string;
  ci: boolean;
  yes: boolean;
  /** --region: the region to write where a profile has none. */
  region: string | undefined;
  strict: boolean;
  exit: number;
  /** Runs the same checks again, on the machine as it is after the fixes. */
  recheck(): Promise<CheckResult[]>;
}

/** `--fix`: offers each safe local fix, prints the rest, and judges the exit code by a re-check. */
export async function fixStage(raw: readonly CheckResult[], io: Io, ctx: Context, s: FixStage): Promise<number> {
  // As the report counted them: a consequence's fix is its cause's, listed once.
  const findings = linkCauses(raw).flatMap((r) => r.findings);
  const line = (t: string) => s.say(sanitizeMultiline(t) + '\n');
  line('\nFixes');
  const interactive = io.stdinIsTTY && !s.ci;
  const plan: PlannedFix[] = [];
  for (const p of planFixes(raw)) {
    if (p.action.kind !== 'add-setting' || p.action.key !== 'region') plan.push(p);
    else plan.push({ ...p, action: { ...p.action, value: await chooseRegion(p.action.section, p.action.value, s.region, interactive && !s.yes ? io : null) } });
  }
  const summary = await runFixes(plan, {
    say: line,
    ask: io.stdinIsTTY && !s.ci ? (q) => io.ask(q) : null,
    yes: s.yes,
    uid: ctx.uid,
    show: s.show,
  });
  const fixedCodes = new Set(plan.map((p) => p.finding.code));
  const manual = findings.filter((f) => (f.status === 'fail' || f.status === 'warn') && !fixedCodes.has(f.code) && f.fix && f.fix.commands.length);
  if (manual.length) {
    line('Not changed automatically (package installs, sign-ins and edits of your credentials are yours to run):');
    for (const f of manual) line(`  ${s.show(f.code)}:\n${f.fix!.commands.map((c) => `    $ ${s.show(c)}`).join('\n')}`);
  }
  if (summary.applied === 0) return s.exit;
  // Judge the result by the state after the fixes, not before.
  const remaining = linkCauses(await s.recheck()).flatMap((r) => r.findings);
  const failed = remaining.filter((f) => f.status === 'fail').length;
  const warned = remaining.filter((f) => f.status === 'warn').length;
  line(`After ${summary.applied} fix${summary.applied === 1 ? '' : 'es'}: ${failed} failed, ${warned} warning${warned === 1 ? '' : 's'}.`);
  return exitCodeFor(remaining, s.strict);
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/**
 * The refresh must go to the region of the sign-in, which only the user knows: --region, else asked on a
 * terminal with the suggestion as default, else the suggestion (from AWS_REGION or the one aws login offers).
 */
async function chooseRegion(section: string, suggested: string, flag: string | undefined, io: Io | null): Promise<string> {
  if (flag !== undefined) {
    if (!REGION.test(flag)) throw new UsageError(`--region "${flag}" is not a region name (like us-east-1 or eu-west-2)`);
    return flag;
  }
  if (!io) return suggested;
  for (;;) {
    const answer = await io.prompt(`Region for [${section}]: the one you signed in with [${suggested}]: `);
    const region = answer?.trim() || suggested;
    if (REGION.test(region)) return region;
    io.err(`"${region}" is not a region name (like us-east-1 or eu-west-2).\n`);
  }
}
