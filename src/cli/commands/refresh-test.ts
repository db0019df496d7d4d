import { Option, type Command } from 'commander';
import type { Finding } from '../../engine/finding.js';
import { createRealContext } from '../../probes/real-context.js';
import { makeStyle } from '../../report/style.js';
import { VIAS, type Via } from '../../refresh/via.js';
import { choiceList, collect, positiveInt, typedOptions } from '../args.js';
import { isCi } from '../ci.js';
import { EXIT } from '../exit.js';
import type { Io } from '../io.js';
import { emitReport } from '../output.js';


interface RefreshTestFlags {
  profile?: string;
  via: Via[];
  python?: string[];
  yes?: boolean;
  json?: boolean;
  ci?: boolean;
  color?: boolean;
  ascii?: boolean;
  anonymize?: boolean;
  consumerTimeout: number;
}

async function refreshTest(opts: RefreshTestFlags, io: Io): Promise<number> {
  const ctx = createRealContext({ profile: opts.profile ?? null, allProfiles: false, offline: false, pythons: opts.python ?? [], anonymize: Boolean(opts.anonymize) });
  const ci = Boolean(opts.ci) || isCi(ctx.env);
  const style = makeStyle({ colorFlag: opts.color, env: ctx.env, isTTY: io.errIsTTY && !ci, ascii: Boolean(opts.ascii) });
  const ellipsis = opts.ascii || ctx.env.TERM === 'dumb' ? '...' : '…';
  const { runRefreshTest } = await import('../../refresh/run.js');

  // First signal: stop after the running consumer and put the cache back; a second one exits at once
  // (every write is atomic, so the cache is complete either way).
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (abort.signal.aborted) process.exit(abort.signal.reason === 'SIGINT' ? 130 : 143);
    abort.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let outcome;
  try {
    outcome = await runRefreshTest(ctx, {
      via: opts.via,
      pythons: opts.python ?? [],
      consumerTimeoutMs: opts.consumerTimeout,
      yes: Boolean(opts.yes),
      // CI never has anyone to answer, even on a pseudo-terminal.
      confirm: async (plan) => (ci || !io.stdinIsTTY || !io.errIsTTY ? null : io.ask(`${plan}\nContinue? [y/N] `)),
      signal: abort.signal,
      onConsumer: opts.json
        ? undefined
        : (consumer, finding?: Finding) => io.err(finding ? `  ${style.symbol(finding.status)} ${finding.title}\n` : `  ${consumer.label}: refreshing${ellipsis}\n`),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (outcome.end === 'declined') {
    io.err('login-doctor: refresh-test cancelled; nothing was changed.\n');
    return EXIT.usage;
  }
  const { findings } = await emitReport(outcome.results, ctx, { ...opts, ci, profile: outcome.profile }, io);
  if (outcome.end === 'needs-confirmation') return EXIT.usage;
  if (outcome.end === 'interrupted') return abort.signal.reason === 'SIGINT' ? 130 : 143;
  return findings.some((f) => f.status === 'fail') ? EXIT.problems : EXIT.ok;
}

/** `login-doctor refresh-test`: its options are its own (typed before its name, the program's count too). */
export function registerRefreshTest(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('refresh-test')
    .description('make every consumer (JS SDK, Python botocore, AWS CLI) refresh the login or SSO token now, safely, and report each result')
    .option('-p, --profile <name>', 'profile whose token to refresh (default: AWS_PROFILE, AWS_DEFAULT_PROFILE, then "default")')
    .addOption(new Option('--via <list>', `consumers to run, comma-separated: ${VIAS.join(',')}`).argParser(choiceList(VIAS, '--via')).default([...VIAS], 'every consumer found'))
    .option('--python <path>', 'test exactly this Python interpreter (repeatable; default: every interpreter found)', collect)
    .option('-y, --yes', 'do not ask before changing the cache (needed without a terminal)')
    .addOption(new Option('--consumer-timeout <ms>', 'time limit for each consumer').argParser(positiveInt).default(60_000))
    .option('--json', 'print only the JSON report (schemaVersion 1) on stdout')
    .option('--anonymize', 'replace account ids, names, start URLs, home folder and host name with placeholders')
    .option('--ci', 'CI mode: never ask, no colour unless forced (also when CI=true)')
    .option('--ascii', 'ASCII symbols instead of ✓ ! ✗ ○')
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour')
    .addHelpText(
      'after',
      `
Examples:
  $ login-doctor refresh-test --profile dev                  # explains and asks first
  $ login-doctor refresh-test --profile dev --via js,python --python .venv/bin/python --yes
  $ login-doctor refresh-test --profile dev --yes --json > refresh.json`,
    )
    .action(async (_opts: unknown, command: Command) => setExit(await refreshTest(typedOptions<RefreshTestFlags>(command), io)));
}
