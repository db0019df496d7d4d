import { sanitizeLine } from '../engine/sanitize.js';
import type { SignatureMatch } from '../knowledge/error-signatures.js';
import type { Style } from './style.js';

const CONSUMER_WORDING = { botocore: 'botocore/boto3', 'cli-v2': 'AWS CLI v2', js: 'JS SDK v3', sts: 'AWS STS', any: 'several clients' } as const;

export interface ExplainedMatch {
  id: string;
  consumer: string;
  code: string;
  refreshCode: string | null;
  matched: string;
  cause: string;
  fix: { text: string; commands: string[] };
  check: string;
  /** The login-doctor command that confirms the cause on this machine. */
  command: string;
  source: string;
}

export function toExplained(m: SignatureMatch, command: string): ExplainedMatch {
  const s = m.signature;
  return {
    id: s.id,
    consumer: s.consumer,
    code: s.code,
    refreshCode: s.refreshCode ?? null,
    matched: sanitizeLine(m.text),
    cause: s.cause,
    fix: { text: s.fix.text, commands: [...s.fix.commands] },
    check: s.check,
    command,
    source: s.source,
  };
}

export function renderExplainPretty(matches: readonly ExplainedMatch[], style: Style): string {
  const { chalk } = style;
  if (matches.length === 0) {
    return (
      `${style.symbol('skip')} login-doctor does not recognise this error text.\n` +
      '  Run login-doctor to diagnose the machine, and please report the text so it can be added.\n'
    );
  }
  const blocks = matches.map((m) => {
    const lines = [
      `${style.symbol('fail')} ${chalk.bold(m.code)}  ${chalk.dim(`(${CONSUMER_WORDING[m.consumer as keyof typeof CONSUMER_WORDING] ?? m.consumer} wording: "${m.matched}")`)}`,
      `  ${chalk.cyan('Cause:')} ${m.cause}`,
      `  ${chalk.cyan('Fix:')} ${m.fix.text}`,
      ...m.fix.commands.map((c) => `    ${chalk.dim('$')} ${c}`),
    ];
    if (m.refreshCode) lines.push(`  ${chalk.cyan('Refresh test result:')} ${m.refreshCode}`);
    lines.push(`  ${chalk.cyan('Confirm on this machine:')} ${m.command}`, `  ${chalk.dim(`Source: ${m.source}`)}`, `  ${chalk.dim(`More: login-doctor explain ${m.code}`)}`);
    return lines.join('\n');
  });
  return style.text(blocks.join('\n\n') + '\n');
}
