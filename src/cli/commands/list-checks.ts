import type { Command } from 'commander';
import { listChecks, renderChecksTable } from '../../report/checks-list.js';
import { typedOptions } from '../args.js';
import { EXIT } from '../exit.js';
import type { Io } from '../io.js';
import { loadDiagnosis } from './diagnose.js';

export function registerListChecks(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('list-checks')
    .description('list every check: id, category, what it may touch, title')
    .option('--json', 'print the list as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ login-doctor list-checks
  $ login-doctor list-checks --json
  $ login-doctor --only config.region      # run one check from the list`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const { CHECKS } = await loadDiagnosis();
      io.out(typedOptions<{ json?: boolean }>(command).json ? JSON.stringify(listChecks(CHECKS), null, 2) + '\n' : renderChecksTable(CHECKS));
      setExit(EXIT.ok);
    });
}
