import type { Command } from 'commander';
import type { Check } from '../../engine/check.js';
import { matchErrorText } from '../../knowledge/error-signatures.js';
import { createRealContext } from '../../probes/real-context.js';
import { renderExplainPretty, toExplained } from '../../report/explain.js';
import { loadFindingDocs, looksLikeFindingCode, renderFindingDoc } from '../../report/finding-docs.js';
import { makeStyle } from '../../report/style.js';
import { anonymizerFor } from '../anonymizer.js';
import { typedOptions, UsageError } from '../args.js';
import { isCi } from '../ci.js';
import { EXIT } from '../exit.js';
import type { Io } from '../io.js';
import { VERSION } from '../version.js';
import { loadDiagnosis } from './diagnose.js';

/** Longest error text `explain` reads from stdin; a pasted log is far smaller. */
const MAX_EXPLAIN_INPUT = 1024 * 1024;

interface ExplainOptions {
  json?: boolean;
  color?: boolean;
  ascii?: boolean;
  anonymize?: boolean;
  ci?: boolean;
}

/** The command that confirms an explained error on this machine. */
function confirmCommand(check: string, checks: readonly Check[], commands: readonly string[]): string {
  if (check === 'refresh-test') return commands.includes('refresh-test') ? 'login-doctor refresh-test' : 'login-doctor';
  return checks.some((c) => c.id === check) ? `login-doctor --only ${check}` : 'login-doctor';
}

async function explain(words: string[], io: Io, opts: ExplainOptions, commands: readonly string[]): Promise<number> {
  let text = words.join(' ');
  if (!text.trim()) {
    if (io.stdinIsTTY) io.err('Paste the error message, then press Ctrl-D (Ctrl-Z Enter on Windows):\n');
    text = await io.readStdin(MAX_EXPLAIN_INPUT);
  }
  if (!text.trim()) throw new UsageError('explain needs the error text as an argument or on stdin', 'explain');
  const ctx = createRealContext({ profile: null, allProfiles: false, offline: true, pythons: [], anonymize: Boolean(opts.anonymize) });
  const style = () => makeStyle({ colorFlag: opts.color, env: ctx.env, isTTY: io.isTTY && !(Boolean(opts.ci) || isCi(ctx.env)), ascii: Boolean(opts.ascii) });
  const doc = words.length === 1 && looksLikeFindingCode(words[0]!) ? loadFindingDocs().get(words[0]!) : undefined;
  if (doc) {
    io.out(opts.json ? JSON.stringify({ schemaVersion: 1, tool: { name: 'login-doctor', version: VERSION }, finding: doc }, null, 2) + '\n' : renderFindingDoc(doc, style(), io.columns));
    return EXIT.ok;
  }
  const { CHECKS } = await loadDiagnosis();
  const matches = matchErrorText(text).map((m) => toExplained(m, confirmCommand(m.signature.check, CHECKS, commands)));
  if (opts.anonymize) {
    // The quoted text may carry a session ARN, a path or a start URL.
    const anonymizer = anonymizerFor(ctx.home);
    for (const m of matches) {
      anonymizer.learn(m.matched);
      m.matched = anonymizer.apply(m.matched);
    }
  }
  if (opts.json) {
    io.out(JSON.stringify({ schemaVersion: 1, tool: { name: 'login-doctor', version: VERSION }, matches }, null, 2) + '\n');
  } else {
    io.out(renderExplainPretty(matches, style(), io.columns));
  }
  return matches.length ? EXIT.ok : EXIT.problems;
}

export function registerExplain(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('explain')
    .description('explain an AWS error message (as arguments or on stdin): finding code, cause, fix; or print a finding code\'s documentation')
    .argument('[text...]', 'the error text, or one finding code; read from stdin when absent')
    .option('--json', 'print the matches as JSON (schemaVersion 1)')
    .option('--anonymize', 'hide ARNs, account ids and paths quoted from the text')
    .option('--ci', 'no colour unless forced (also when CI=true)')
    .option('--ascii', 'ASCII symbols only')
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour')
    .addHelpText(
      'after',
      `
Examples:
  $ login-doctor explain "botocore.exceptions.NoRegionError: You must specify a region."
  $ python app.py 2>&1 | login-doctor explain
  $ login-doctor explain region-missing
  $ login-doctor explain --json --anonymize < error.log`,
    )
    .action(async (words: string[], _opts: unknown, command: Command) =>
      setExit(await explain(words, io, typedOptions<ExplainOptions>(command), program.commands.map((c) => c.name()))),
    );
}
