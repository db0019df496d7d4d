import { Command, CommanderError } from 'commander';
import { UsageError, didYouMean, typedOptions } from './args.js';
import { addDiagnoseOptions, diagnose, type DiagnoseOptions } from './commands/diagnose.js';
import { registerExplain } from './commands/explain.js';
import { registerListChecks } from './commands/list-checks.js';
import { registerRefreshTest } from './commands/refresh-test.js';
import { EXIT } from './exit.js';
import { processIo, quietOnClosedPipe, type Io } from './io.js';
import { VERSION } from './version.js';

export { EXIT } from './exit.js';
export type { Io } from './io.js';

const HELP_AFTER = `
Examples:
  $ login-doctor                          # diagnose the selected profile
  $ login-doctor --profile dev --offline  # no calls to AWS
  $ login-doctor report --anonymize > login-doctor-report.md

Exit codes: 0 no failure, 1 at least one failure (or warning with --strict; explain: unknown text),
2 usage or internal error.

CI: CI=true or --ci disables prompts, spinners and colour (unless forced); GITHUB_ACTIONS=true or --github
adds ::error/::warning annotations and a table in $GITHUB_STEP_SUMMARY.`;

const REPORT_HELP_AFTER = `
Examples:
  $ login-doctor report > login-doctor-report.md
  $ login-doctor report --anonymize --profile dev > login-doctor-report.md`;

function helpHint(command: string | null): string {
  return `Run 'login-doctor ${command ? `${command} ` : ''}--help' for ${command ? 'its options' : 'usage'}.`;
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('login-doctor');
  const output = { writeOut: io.out, writeErr: io.err, outputError: (s: string, write: (s: string) => void) => write(s) };
  program
    .description('Diagnose why AWS credentials from `aws login` or `aws sso login` fail, expire early or never refresh.')
    .version(VERSION, '-V, --version')
    .usage('[options] [command]')
    // Options typed after a command name belong to that command, so each command's help lists what works there.
    .enablePositionalOptions()
    // A mistyped command arrives here as an argument: answered below as "unknown command", not "too many arguments".
    .allowExcessArguments(true)
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureOutput(output);
  addDiagnoseOptions(program, false);
  program.showHelpAfterError(helpHint(null)).action(async () => {
    if (program.args.length > 0) {
      const word = program.args[0]!;
      const hint = didYouMean(word, program.commands.map((c) => c.name()));
      program.error(`error: unknown command '${word}'${hint ? `\n(Did you mean ${hint}?)` : ''}`, { code: 'commander.unknownCommand', exitCode: EXIT.usage });
    }
    setExit(await diagnose(program.opts<DiagnoseOptions>(), io, false));
  });

  const report = program
    .command('report')
    .description('print a complete Markdown report for a support ticket (combine with --anonymize)')
    .addHelpText('after', REPORT_HELP_AFTER);
  addDiagnoseOptions(report, true).action(async (_opts: unknown, command: Command) => setExit(await diagnose(typedOptions<DiagnoseOptions>(command), io, true)));
  registerExplain(program, io, setExit);
  registerListChecks(program, io, setExit);
  registerRefreshTest(program, io, setExit);
  for (const sub of program.commands) sub.exitOverride().configureOutput(output).showHelpAfterError(helpHint(sub.name()));
  program.addHelpText('after', HELP_AFTER);
  return program;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  if (io === processIo) quietOnClosedPipe();
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
      io.err(`error: ${error.message}\n${helpHint(error.command)}\n`);
      return EXIT.usage;
    }
    io.err(`login-doctor: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
}
