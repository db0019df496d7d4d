import { appendFile, writeFile } from 'node:fs/promises';
import { homedir, hostname, release, type as osType, userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { Command, CommanderError, Option } from 'commander';
import { selectedProfile } from '../aws/profile-selection.js';
import type { Check } from '../engine/check.js';
import type { Context } from '../engine/context.js';
import { exitCodeFor } from '../engine/finding.js';
import { runChecks, type CheckResult } from '../engine/runner.js';
import { sanitizeLine } from '../engine/sanitize.js';
import { planFixes, runFixes } from '../fix/local-fixes.js';
import { matchErrorText } from '../knowledge/error-signatures.js';
import { Anonymizer, anonymizeFindings } from '../report/anonymize.js';
import { listChecks, renderChecksTable } from '../report/checks-list.js';
import { renderExplainPretty, toExplained } from '../report/explain.js';
import { renderGithubAnnotations } from '../report/github.js';
import { toJsonReport } from '../report/json.js';
import { renderJunit } from '../report/junit.js';
import { renderMarkdownReport, renderStepSummary } from '../report/markdown.js';
import { renderPretty } from '../report/pretty.js';
import { makeStyle } from '../report/style.js';
import { createRealContext } from './context.js';
import { registerRefreshTest } from './refresh-test.js';
import { applySelection, selectChecks, SelectionError } from './selection.js';
import { shouldSpin, Spinner } from './spinner.js';
import { VERSION } from './version.js';

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** Longest error text `explain` reads from stdin; a pasted log is far smaller. */
const MAX_EXPLAIN_INPUT = 1024 * 1024;

interface DiagnoseOptions {
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

/** Repeatable options; no default value, so help does not print "(default: [])". */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CommanderError(EXIT.usage, 'login-doctor.invalidArgument', `error: expected a positive whole number, got "${value}"`);
  return n;
}

/** CI=true (or any value but false/0), as GitHub Actions, GitLab, CircleCI, Travis and Buildkite set it. */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v.toLowerCase() !== 'false' && v !== '0';
}

function describeOs(): string {
  return `${osType()} ${release()} (${process.platform}/${process.arch})`;
}

function describeShell(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string {
  if (env.SHELL) return env.SHELL;
  if (platform === 'win32') return env.PSModulePath ? 'PowerShell' : (env.ComSpec ?? 'unknown');
  return 'unknown';
}

function localAccount(): { username: string; homedir: string } {
  try {
    const { username, homedir } = userInfo();
    return { username, homedir };
  } catch {
    return { username: '', homedir: '' };
  }
}

export function anonymizerFor(home: string): Anonymizer {
  const account = localAccount();
  return new Anonymizer({ homes: [home, account.homedir, homedir()], hostname: hostname(), username: account.username });
}

/** Anonymizes every check's findings with one placeholder table, so a value maps alike across checks. */
function anonymizeResults(results: readonly CheckResult[], anonymizer: Anonymizer): CheckResult[] {
  const all = anonymizeFindings(
    results.flatMap((r) => r.findings),
    anonymizer,
  );
  let i = 0;
  return results.map((r) => ({ ...r, findings: r.findings.map(() => all[i++]!) }));
}

class UsageError extends Error {}

/** Checks (and the parsers they import) load only for commands that run them, so --help and --version stay light. */
async function loadChecks(): Promise<readonly Check[]> {
  return (await import('../checks/registry.js')).CHECKS;
}

async function diagnose(opts: DiagnoseOptions, io: Io, forceMarkdown: boolean): Promise<number> {
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
  const allChecks = await loadChecks();
  let selection;
  try {
    selection = selectChecks(allChecks, opts.only ?? [], opts.skip ?? []);
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

  const anonymizer = opts.anonymize ? anonymizerFor(ctx.home) : null;
  const results = anonymizer ? anonymizeResults(raw, anonymizer) : raw;
  const show = (s: string) => (anonymizer ? anonymizer.apply(s) : s);
  const findings = results.flatMap((r) => r.findings);
  const profile = opts.allProfiles ? null : sanitizeLine(selectedProfile(ctx.env, ctx.options.profile).name);
  const strict = Boolean(opts.strict);
  // With --json / --markdown stdout carries only the document; everything else goes to stderr.
  const stdoutIsDocument = Boolean(opts.json) || markdown;
  const say = stdoutIsDocument ? io.err : io.out;

  if (opts.json) {
    io.out(JSON.stringify(toJsonReport(findings, { version: VERSION, generatedAt: ctx.now(), profile }), null, 2) + '\n');
  } else if (markdown) {
    io.out(
      renderMarkdownReport(results, {
        version: VERSION,
        generatedAt: ctx.now(),
        os: show(describeOs()),
        node: process.version,
        shell: show(describeShell(ctx.env, ctx.platform)),
        profile,
        anonymized: Boolean(anonymizer),
      }),
    );
  } else {
    // CI logs get no colour unless forced (--color / FORCE_COLOR).
    const style = makeStyle({ colorFlag: opts.color, env: ctx.env, isTTY: io.isTTY && !ci, ascii: Boolean(opts.ascii) });
    io.out(renderPretty(results, { style, verbose: Boolean(opts.verbose), version: VERSION, profile }));
  }

  if (github) {
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
  if (opts.junit) {
    try {
      await writeFile(opts.junit, renderJunit(results, { strict, generatedAt: ctx.now(), version: VERSION, notSelected: allChecks.filter((c) => !selection.checks.includes(c)) }), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot write the JUnit file ${opts.junit}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  let exit: number = exitCodeFor(findings, strict);
  if (opts.fix) exit = await fixStage(raw, opts, io, ctx, { ci, say, show, selection, exit });
  return exit;
}

async function fixStage(
  raw: readonly CheckResult[],
  opts: DiagnoseOptions,
  io: Io,
  ctx: Context,
  s: { ci: boolean; say: (t: string) => void; show: (t: string) => string; selection: ReturnType<typeof selectChecks>; exit: number },
): Promise<number> {
  const findings = raw.flatMap((r) => r.findings);
  const plan = planFixes(raw);
  const line = (t: string) => s.say(sanitizeMultilineSafe(t) + '\n');
  line('\nFixes');
  const summary = await runFixes(plan, {
    say: line,
    ask: io.stdinIsTTY && !s.ci ? (q) => io.ask(q) : null,
    yes: Boolean(opts.yes),
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
  const after = applySelection(await runChecks(s.selection.checks, createRealContext(ctx.options), { defaultTimeoutMs: opts.timeout }), s.selection);
  const remaining = after.flatMap((r) => r.findings);
  const failed = remaining.filter((f) => f.status === 'fail').length;
  const warned = remaining.filter((f) => f.status === 'warn').length;
  line(`After ${summary.applied} fix${summary.applied === 1 ? '' : 'es'}: ${failed} failed, ${warned} warning${warned === 1 ? '' : 's'}.`);
  return exitCodeFor(remaining, Boolean(opts.strict));
}

function sanitizeMultilineSafe(text: string): string {
  return text
    .split('\n')
    .map((l) => sanitizeLine(l))
    .join('\n');
}

/** The command that confirms an explained error on this machine. */
function confirmCommand(check: string, checks: readonly Check[], commands: readonly string[]): string {
  if (check === 'refresh-test') return commands.includes('refresh-test') ? 'login-doctor refresh-test' : 'login-doctor';
  return checks.some((c) => c.id === check) ? `login-doctor --only ${check}` : 'login-doctor';
}

async function explain(
  words: string[],
  io: Io,
  opts: { json?: boolean; color?: boolean; ascii?: boolean; anonymize?: boolean },
  commands: readonly string[],
): Promise<number> {
  let text = words.join(' ');
  if (!text.trim()) {
    if (io.stdinIsTTY) io.err('Paste the error message, then press Ctrl-D (Ctrl-Z Enter on Windows):\n');
    text = await io.readStdin(MAX_EXPLAIN_INPUT);
  }
  if (!text.trim()) throw new UsageError('explain needs the error text as an argument or on stdin');
  const checks = await loadChecks();
  const matches = matchErrorText(text).map((m) => toExplained(m, confirmCommand(m.signature.check, checks, commands)));
  if (opts.anonymize) {
    // The quoted text may carry a session ARN, a path or a start URL.
    const anonymizer = anonymizerFor(homedir());
    for (const m of matches) {
      anonymizer.learn(m.matched);
      m.matched = anonymizer.apply(m.matched);
    }
  }
  if (opts.json) {
    io.out(JSON.stringify({ schemaVersion: 1, tool: { name: 'login-doctor', version: VERSION }, matches }, null, 2) + '\n');
  } else {
    const style = makeStyle({ colorFlag: opts.color, env: process.env, isTTY: io.isTTY && !isCi(process.env), ascii: Boolean(opts.ascii) });
    io.out(renderExplainPretty(matches, style));
  }
  return matches.length ? EXIT.ok : EXIT.problems;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  errIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Reads stdin to the end, keeping at most maxBytes. */
  readStdin(maxBytes: number): Promise<string>;
  /** Asks a yes/no question on the terminal. */
  ask(question: string): Promise<boolean>;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY),
  stdinIsTTY: Boolean(process.stdin.isTTY),
  async readStdin(maxBytes) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      if (size < maxBytes) chunks.push(chunk.subarray(0, maxBytes - size));
      size += chunk.length;
    }
    return Buffer.concat(chunks).toString('utf8');
  },
  ask(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    return new Promise((resolve) => {
      // Resolve before close(): close emits 'close' synchronously, which answers "no" (end of input).
      rl.question(question, (answer) => {
        resolve(/^y(es)?$/i.test(answer.trim()));
        rl.close();
      });
      rl.on('close', () => resolve(false));
    });
  },
};

const HELP_AFTER = `
Exit codes: 0 no failure, 1 at least one failure (or warning with --strict; explain: unknown text),
2 usage or internal error.

CI: CI=true or --ci disables prompts, spinners and colour (unless forced); GITHUB_ACTIONS=true or --github
adds ::error/::warning annotations and a table in $GITHUB_STEP_SUMMARY.`;

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('login-doctor');
  const run = (forceMarkdown: boolean) => async () => setExit(await diagnose(program.opts<DiagnoseOptions>(), io, forceMarkdown));
  program
    .description('Diagnose why AWS credentials from `aws login` or `aws sso login` fail, expire early or never refresh.')
    .version(VERSION, '-V, --version')
    .option('-p, --profile <name>', 'profile to diagnose (default: AWS_PROFILE, AWS_DEFAULT_PROFILE, then "default")')
    .option('--all-profiles', 'diagnose every profile')
    .option('--json', 'print only the JSON report (schemaVersion 1) on stdout')
    .option('--markdown', 'print a Markdown support report on stdout (same as the report command)')
    .option('--offline', 'skip the live checks that call AWS')
    .option('--python <path>', 'also inspect this Python interpreter (repeatable)', collect)
    .option('--strict', 'exit 1 on warnings too')
    .option('--only <ids>', 'run only these check ids or categories / keep only these finding codes (comma-separated, repeatable)', collect)
    .option('--skip <ids>', 'skip these check ids or categories / drop these finding codes (comma-separated, repeatable)', collect)
    .option('--ci', 'CI mode: no prompts, no spinner, no colour unless forced (also when CI=true)')
    .option('--github', 'GitHub Actions annotations and step summary (also when GITHUB_ACTIONS=true)')
    .option('--junit <file>', 'also write a JUnit XML report to this file')
    .option('--fix', 'offer the safe local fixes (permissions, tmp leftovers, a missing region line), each confirmed')
    .option('-y, --yes', 'with --fix: apply every offered fix without asking')
    .option('-v, --verbose', 'show details and evidence for passing checks too')
    .option('--ascii', 'ASCII symbols instead of ✓ ! ✗ ○')
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour')
    .option('--anonymize', 'replace account ids, ARN names, user/role names, start URLs, home folder and host name with placeholders')
    .option('--no-cache', 'run every Python probe now instead of reusing unchanged results from the cache folder')
    .addOption(new Option('--timeout <ms>', 'time limit for each check').argParser(positiveInt).default(20000))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (s, write) => write(s) })
    .action(run(false));

  program
    .command('report')
    .description('print a complete Markdown report for a support ticket (combine with --anonymize)')
    .action(run(true));
  program
    .command('explain')
    .description('explain an AWS error message (as arguments or on stdin): finding code, cause, fix')
    .argument('[text...]', 'the error text; read from stdin when absent')
    .action(async (words: string[]) => setExit(await explain(words, io, program.opts(), program.commands.map((c) => c.name()))));
  program
    .command('list-checks')
    .description('list every check: id, category, what it may touch, title')
    .action(async () => {
      const checks = await loadChecks();
      io.out(program.opts<DiagnoseOptions>().json ? JSON.stringify(listChecks(checks), null, 2) + '\n' : renderChecksTable(checks));
      setExit(EXIT.ok);
    });
  registerRefreshTest(program, io, setExit);
  for (const sub of program.commands) sub.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (s, write) => write(s) });
  program.addHelpText('after', HELP_AFTER);
  return program;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.err(`login-doctor: ${error.message}\n`);
      return EXIT.usage;
    }
    io.err(`login-doctor: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
}
