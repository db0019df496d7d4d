import { Command, CommanderError, Option } from 'commander';
import { CHECKS } from '../checks/registry.js';
import { selectedProfile } from '../aws/profile-selection.js';
import { exitCodeFor } from '../engine/finding.js';
import { runChecks } from '../engine/runner.js';
import { sanitizeLine } from '../engine/sanitize.js';
import { toJsonReport } from '../report/json.js';
import { renderPretty } from '../report/pretty.js';
import { makeStyle } from '../report/style.js';
import { createRealContext } from './context.js';
import { VERSION } from './version.js';

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

interface DiagnoseOptions {
  profile?: string;
  allProfiles?: boolean;
  json?: boolean;
  offline?: boolean;
  verbose?: boolean;
  ascii?: boolean;
  color?: boolean;
  strict?: boolean;
  python: string[];
  anonymize?: boolean;
  timeout: number;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CommanderError(EXIT.usage, 'login-doctor.invalidArgument', `error: expected a positive whole number, got "${value}"`);
  return n;
}

async function diagnose(opts: DiagnoseOptions, io: Io): Promise<number> {
  const ctx = createRealContext({
    profile: opts.profile ?? null,
    allProfiles: Boolean(opts.allProfiles),
    offline: Boolean(opts.offline),
    pythons: opts.python,
    anonymize: Boolean(opts.anonymize),
  });
  const results = await runChecks(CHECKS, ctx, { defaultTimeoutMs: opts.timeout });
  const findings = results.flatMap((r) => r.findings);
  const profile = opts.allProfiles ? null : sanitizeLine(selectedProfile(ctx.env, ctx.options.profile).name);
  if (opts.json) {
    io.out(JSON.stringify(toJsonReport(findings, { version: VERSION, generatedAt: ctx.now(), profile }), null, 2) + '\n');
  } else {
    const style = makeStyle({ colorFlag: opts.color, env: ctx.env, isTTY: io.isTTY, ascii: Boolean(opts.ascii) });
    io.out(renderPretty(results, { style, verbose: Boolean(opts.verbose), version: VERSION, profile }));
  }
  return exitCodeFor(findings, Boolean(opts.strict));
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY),
};

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('login-doctor')
    .description('Diagnose why AWS credentials from `aws login` or `aws sso login` fail, expire early or never refresh.')
    .version(VERSION, '-V, --version')
    .option('-p, --profile <name>', 'profile to diagnose (default: AWS_PROFILE, AWS_DEFAULT_PROFILE, then "default")')
    .option('--all-profiles', 'diagnose every profile')
    .option('--json', 'print only the JSON report (schemaVersion 1) on stdout')
    .option('--offline', 'skip the live checks that call AWS')
    .option('--python <path>', 'also inspect this Python interpreter (repeatable)', collect, [] as string[])
    .option('--strict', 'exit 1 on warnings too')
    .option('-v, --verbose', 'show details and evidence for passing checks too')
    .option('--ascii', 'ASCII symbols instead of ✓ ! ✗ ○')
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour')
    .option('--anonymize', 'replace account ids, ARNs, user names, paths and host names with placeholders')
    .addOption(new Option('--timeout <ms>', 'time limit for each check').argParser(positiveInt).default(20000))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (s, write) => write(s) })
    .action(async (opts: DiagnoseOptions) => setExit(await diagnose(opts, io)));
  program.addHelpText(
    'after',
    '\nExit codes: 0 no failure, 1 at least one failure (or warning with --strict), 2 usage or internal error.',
  );
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
    io.err(`login-doctor: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
}
