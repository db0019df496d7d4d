import { Option, type Command } from 'commander';
import { runChecks, type CheckResult } from '../../engine/runner.js';
import { exitCodeFor } from '../../engine/finding.js';
import { createRealContext } from '../../probes/real-context.js';
import { collect, positiveInt, UsageError } from '../args.js';
import { isCi } from '../ci.js';
import type { Io } from '../io.js';
import { emitReport } from '../output.js';
import { applySelection, selectChecks, SelectionError } from '../selection.js';
import { shouldSpin, Spinner } from '../spinner.js';
import { fixStage } from './fix-stage.js';

export interface DiagnoseOptions {
  profile?: string;
  allProfiles?: boolean;
  json?: boolean;
  markdown?: boolean;
  offline?: boolean;
  verbose?: boolean;
  ascii?: boolean;
  color?: boolean;
  strict?: boolean;
  python?: string[];
  anonymize?: boolean;
  cache?: boolean;
  timeout: number;
  ci?: boolean;
  github?: boolean;
  junit?: string;
  only?: string[];
  skip?: string[];
  fix?: boolean;
  yes?: boolean;
}

/** The options of a diagnosis, for the program itself and for `report` (which always prints Markdown). */
export function addDiagnoseOptions(command: Command, report: boolean): Command {
  command.option('-p, --profile <name>', 'profile to diagnose (default: AWS_PROFILE, AWS_DEFAULT_PROFILE, then "default")').option('--all-profiles', 'diagnose every profile');
  if (!report) {
    command
      .option('--json', 'print only the JSON report (schemaVersion 1) on stdout')
      .option('--markdown', 'print a Markdown support report on stdout (same as the report command)');
  }
  command
    .option('--offline', 'skip the live checks that call AWS')
    .option('--python <path>', 'also inspect this Python interpreter (repeatable)', collect)
    .option('--strict', 'exit 1 on warnings too')
    .option('--only <ids>', 'run only these check ids or categories / keep only these finding codes (comma-separated, repeatable)', collect)
    .option('--skip <ids>', 'skip these check ids or categories / drop these finding codes (comma-separated, repeatable)', collect)
    .option('--ci', 'CI mode: no prompts, no spinner, no colour unless forced (also when CI=true)')
    .option('--github', 'GitHub Actions annotations and step summary (also when GITHUB_ACTIONS=true)')
    .option('--junit <file>', 'also write a JUnit XML report to this file');
  if (!report) {
    command
      .option('--fix', 'offer the safe local fixes (permissions, tmp leftovers, a missing region line), each confirmed')
      .option('-y, --yes', 'with --fix: apply every offered fix without asking')
      .option('-v, --verbose', 'show details and evidence for passing checks too')
      .option('--ascii', 'ASCII symbols instead of ✓ ! ✗ ○')
      .option('--color', 'force colour')
      .option('--no-color', 'disable colour');
  }
  return command
    .option('--anonymize', 'replace account ids, ARN names, user/role names, start URLs, home folder and host name with placeholders')
    .option('--no-cache', 'run every Python probe now instead of reusing unchanged results from the cache folder')
    .addOption(new Option('--timeout <ms>', 'time limit for each check').argParser(positiveInt).default(20000));
}

/** Checks (and the parsers they import) load only for commands that run them, so --help and --version stay light. */
export function loadDiagnosis() {
  return import('../../checks/diagnosis.js');
}

export async function diagnose(opts: DiagnoseOptions, io: Io, forceMarkdown: boolean): Promise<number> {
  const markdown = forceMarkdown || Boolean(opts.markdown);
  if (opts.json && markdown) throw new UsageError('--json and --markdown (or report) cannot be combined: both use stdout');
  const ctx = createRealContext({
    profile: opts.profile ?? null,
    allProfiles: Boolean(opts.allProfiles),
    offline: Boolean(opts.offline),
    pythons: opts.python ?? [],
    anonymize: Boolean(opts.anonymize),
    probeCache: opts.cache !== false && !process.env.LOGIN_DOCTOR_NO_CACHE,
  });
  const ci = Boolean(opts.ci) || isCi(ctx.env);
  const github = Boolean(opts.github) || ctx.env.GITHUB_ACTIONS === 'true';
  const { CHECKS, diagnosedProfile } = await loadDiagnosis();
  let selection;
  try {
    selection = selectChecks(CHECKS, opts.only ?? [], opts.skip ?? []);
  } catch (error) {
    if (error instanceof SelectionError) throw new UsageError(error.message);
    throw error;
  }

  const spinner = shouldSpin({ stderrIsTTY: io.errIsTTY, json: Boolean(opts.json), markdown, ci, github, term: ctx.env.TERM })
    ? new Spinner(io.err, Boolean(opts.ascii) || ctx.env.TERM === 'dumb')
    : null;
  spinner?.start(selection.checks.length);
  let raw: CheckResult[];
  try {
    raw = applySelection(
      await runChecks(selection.checks, ctx, { defaultTimeoutMs: opts.timeout, onProgress: (done, total) => spinner?.update(done, total) }),
      selection,
    );
  } finally {
    spinner?.stop();
  }

  const strict = Boolean(opts.strict);
  const { findings, show } = await emitReport(
    raw,
    ctx,
    { ...opts, markdown, ci, github, strict, profile: diagnosedProfile(ctx), notSelected: CHECKS.filter((c) => !selection.checks.includes(c)) },
    io,
  );
  const exit = exitCodeFor(findings, strict);
  if (!opts.fix) return exit;
  return fixStage(raw, io, ctx, {
    say: opts.json || markdown ? io.err : io.out,
    show,
    ci,
    yes: Boolean(opts.yes),
    strict,
    exit,
    recheck: async () => applySelection(await runChecks(selection.checks, createRealContext(ctx.options), { defaultTimeoutMs: opts.timeout }), selection),
  });
}
