import { appendFile, writeFile } from 'node:fs/promises';
import { release, type as osType } from 'node:os';
import type { Check } from '../engine/check.js';
import type { Context } from '../engine/context.js';
import type { Finding } from '../engine/finding.js';
import { linkCauses, type CheckReport } from '../engine/runner.js';
import { sanitizeLine } from '../engine/sanitize.js';
import { shellOf } from '../knowledge/shell.js';
import { renderGithubAnnotations } from '../report/github.js';
import { toJsonReport } from '../report/json.js';
import { renderJunit } from '../report/junit.js';
import { renderMarkdownReport, renderStepSummary } from '../report/markdown.js';
import { renderPretty } from '../report/pretty.js';
import { makeStyle } from '../report/style.js';
import { anonymizeResults, anonymizerFor } from './anonymizer.js';
import { UsageError } from './args.js';
import type { Io } from './io.js';
import { VERSION } from './version.js';

/** How the user asked to see a result: the options every reporting command shares. */
export interface OutputOptions {
  json?: boolean;
  markdown?: boolean;
  anonymize?: boolean;
  verbose?: boolean;
  ascii?: boolean;
  color?: boolean;
  /** --ci or CI=true: no colour unless forced. */
  ci: boolean;
  github?: boolean;
  junit?: string;
  strict?: boolean;
  /** The profile in the header; null with --all-profiles. */
  profile: string | null;
  /** Checks that exist but were not selected, for the JUnit file. */
  notSelected?: readonly Check[];
}

function describeOs(): string {
  return `${osType()} ${release()} (${process.platform}/${process.arch})`;
}

/** The shell the support report names: the one the fix commands are written for ($SHELL when that is POSIX). */
function describeShell(ctx: Context): string {
  const shell = shellOf(ctx);
  if (shell === 'posix') return ctx.env.SHELL || (ctx.platform === 'win32' ? 'a POSIX shell (MSYSTEM is set)' : 'unknown');
  return shell === 'powershell' ? 'PowerShell' : 'cmd.exe';
}

/**
 * The one way a result reaches the user, for the diagnosis and refresh-test alike: anonymized when asked,
 * then JSON, Markdown or the pretty checklist on stdout, plus GitHub annotations and a JUnit file when asked.
 * Returns the findings as printed and the anonymizer's view of any further text (identity without --anonymize).
 */
export async function emitReport(raw: readonly CheckReport[], ctx: Context, o: OutputOptions, io: Io): Promise<{ findings: Finding[]; show(text: string): string }> {
  const anonymizer = o.anonymize ? anonymizerFor(ctx.home) : null;
  // Linked after anonymizing, so a consequence quotes its cause's title as printed.
  const results = linkCauses(anonymizer ? anonymizeResults(raw, anonymizer) : [...raw]);
  const show = (s: string) => (anonymizer ? anonymizer.apply(s) : s);
  const findings = results.flatMap((r) => r.findings);
  const profile = o.profile === null ? null : sanitizeLine(o.profile);
  // With --json / --markdown stdout carries only the document; everything else goes to stderr.
  const say = o.json || o.markdown ? io.err : io.out;

  if (o.json) {
    io.out(JSON.stringify(toJsonReport(findings, { version: VERSION, generatedAt: ctx.now(), profile }), null, 2) + '\n');
  } else if (o.markdown) {
    io.out(
      renderMarkdownReport(results, {
        version: VERSION,
        generatedAt: ctx.now(),
        os: show(describeOs()),
        node: process.version,
        shell: show(describeShell(ctx)),
        profile,
        anonymized: Boolean(anonymizer),
      }),
    );
  } else {
    // CI logs get no colour unless forced (--color / FORCE_COLOR).
    const style = makeStyle({ colorFlag: o.color, env: ctx.env, isTTY: io.isTTY && !o.ci, ascii: Boolean(o.ascii) });
    io.out(renderPretty(results, { style, verbose: Boolean(o.verbose), version: VERSION, profile, width: io.columns }));
  }

  if (o.github) {
    // With --json/--markdown they go to stderr, which the runner also scans for workflow commands
    // (observed in overengineeringstudio/effect-utils#969; not stated in GitHub's docs).
    say(renderGithubAnnotations(findings));
    const summaryFile = ctx.env.GITHUB_STEP_SUMMARY;
    if (summaryFile) {
      // A broken summary file must not hide the diagnosis: say so and carry on.
      await appendFile(summaryFile, renderStepSummary(findings, { version: VERSION, profile }) + '\n', 'utf8').catch((error: unknown) =>
        io.err(`login-doctor: cannot append to GITHUB_STEP_SUMMARY (${sanitizeLine(summaryFile)}): ${error instanceof Error ? error.message : String(error)}\n`),
      );
    }
  }
  if (o.junit) {
    try {
      await writeFile(o.junit, renderJunit(results, { strict: Boolean(o.strict), generatedAt: ctx.now(), version: VERSION, notSelected: o.notSelected ?? [] }), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot write the JUnit file ${o.junit}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { findings, show };
}
