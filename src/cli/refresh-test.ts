import { CommanderError, Option, type Command } from 'commander';
import type { Io } from './main.js';

export const VIAS = ['js', 'python', 'cli'] as const;
export type Via = (typeof VIAS)[number];

/** Own options plus the program's global ones (--profile, --python, --yes, --json, --ci, colour), merged. */
export interface RefreshTestOptions {
  profile?: string;
  via: Via[];
  python: string[];
  yes?: boolean;
  json?: boolean;
  ci?: boolean;
  color?: boolean;
  ascii?: boolean;
  anonymize?: boolean;
  consumerTimeout: number;
}

/** Asks one question on the terminal; null when stdin or stdout is not a terminal. */
export type Prompt = (question: string) => Promise<string | null>;

function parseVia(value: string): Via[] {
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  const bad = parts.filter((p) => !(VIAS as readonly string[]).includes(p));
  if (bad.length > 0 || parts.length === 0) {
    throw new CommanderError(2, 'login-doctor.invalidArgument', `error: --via takes a comma list of ${VIAS.join(', ')}; got "${value}"`);
  }
  return [...new Set(parts as Via[])];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CommanderError(2, 'login-doctor.invalidArgument', `error: expected a positive whole number, got "${value}"`);
  return n;
}

/**
 * `login-doctor refresh-test`. --profile, --python, --yes, --json, --ci and the colour options are the program's
 * global ones (accepted before or after the subcommand name); --via and --consumer-timeout are its own.
 */
export function registerRefreshTest(program: Command, io: Io, setExit: (code: number) => void, prompt?: Prompt): void {
  program
    .command('refresh-test')
    .description('make every consumer (JS SDK, Python botocore, AWS CLI) refresh the login token now, safely, and report each result (--profile, --python, --yes, --json)')
    .addOption(new Option('--via <list>', `consumers to run, comma-separated: ${VIAS.join(',')}`).argParser(parseVia).default([...VIAS], 'every consumer found'))
    .addOption(new Option('--consumer-timeout <ms>', 'time limit for each consumer').argParser(positiveInt).default(60_000))
    .action(async (_opts: unknown, command: Command) => {
      // Loaded only when the subcommand runs: --help, --version and diagnoses never pay for it.
      const { refreshTest, terminalPrompt } = await import('./refresh-test-run.js');
      setExit(await refreshTest(command.optsWithGlobals<RefreshTestOptions>(), io, prompt ?? terminalPrompt));
    });
}

