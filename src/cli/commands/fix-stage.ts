import type { Context } from '../../engine/context.js';
import { exitCodeFor } from '../../engine/finding.js';
import type { CheckResult } from '../../engine/runner.js';
import { sanitizeMultiline } from '../../engine/sanitize.js';
import { planFixes, runFixes } from '../../fix/local-fixes.js';
import type { Io } from '../io.js';

export interface FixStage {
  /** Where text goes: stdout, or stderr when stdout carries a JSON/Markdown document. */
  say(text: string): void;
  /** Anonymizes a value for printing (identity without --anonymize). */
  show(text: string): string;
  ci: boolean;
  yes: boolean;
  strict: boolean;
  exit: number;
  /** Runs the same checks again, on the machine as it is after the fixes. */
  recheck(): Promise<CheckResult[]>;
}

/** `--fix`: offers each safe local fix, prints the rest, and judges the exit code by a re-check. */
export async function fixStage(raw: readonly CheckResult[], io: Io, ctx: Context, s: FixStage): Promise<number> {
  const findings = raw.flatMap((r) => r.findings);
  const plan = planFixes(raw);
  const line = (t: string) => s.say(sanitizeMultiline(t) + '\n');
  line('\nFixes');
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
  const remaining = (await s.recheck()).flatMap((r) => r.findings);
  const failed = remaining.filter((f) => f.status === 'fail').length;
  const warned = remaining.filter((f) => f.status === 'warn').length;
  line(`After ${summary.applied} fix${summary.applied === 1 ? '' : 'es'}: ${failed} failed, ${warned} warning${warned === 1 ? '' : 's'}.`);
  return exitCodeFor(remaining, s.strict);
}
