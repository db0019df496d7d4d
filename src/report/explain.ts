import { sanitizeLine } from '../engine/sanitize.js';
import type { SignatureMatch } from '../knowledge/error-signatures.js';
import { OTHER_SDK_CONSUMER_WORDING } from '../knowledge/error-signatures-other-sdks.js';
import { wrapLabelled, wrapLine } from './pretty.js';
import type { Style } from './style.js';

const CONSUMER_WORDING = { botocore: 'botocore/boto3', 'cli-v2': 'AWS CLI v2', js: 'JS SDK v3', sts: 'AWS STS', any: 'several clients', ...OTHER_SDK_CONSUMER_WORDING } as const;

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

/** `Label: command` with the command whole: on the label's line when it fits, else alone on the next line. */
function labelledCommand(label: string, command: string, width: number | null, paint: (s: string) => string): string[] {
  if (width === null || 2 + label.length + 1 + command.length <= width) return [`  ${paint(label)} ${command}`];
  return [`  ${paint(label)}`, `    ${command}`];
}

/** The explanation, wrapped like the diagnosis to `width` (null: piped, never wrapped); commands stay whole. */
export function renderExplainPretty(matches: readonly ExplainedMatch[], style: Style, width: number | null = null): string {
  const { chalk } = style;
  const t = style.text;
  if (matches.length === 0) {
    return [
      ...wrapLine(`${t('login-doctor does not recognise this error text.')}`, width, `${style.symbol('skip')} `, ' '.repeat(style.symbolWidth + 1)),
      ...wrapLine('Run login-doctor to diagnose the machine, and please report the text so it can be added.', width, '  ', '  '),
    ].join('\n') + '\n';
  }
  const blocks = matches.map((m) => {
    const pad = ' '.repeat(style.symbolWidth + 1);
    const wording = t(`(${CONSUMER_WORDING[m.consumer as keyof typeof CONSUMER_WORDING] ?? m.consumer} wording: "${m.matched}")`);
    const head = wrapLine(`${m.code}  ${wording}`, width, pad, pad + ' ').map((l, i) =>
      i === 0 ? `${style.symbol('fail')} ${chalk.bold(m.code)}${chalk.dim(l.slice(pad.length + m.code.length))}` : pad + chalk.dim(l.slice(pad.length)),
    );
    const lines = [
      ...head,
      ...wrapLabelled('Cause:', t(m.cause), width, '  ', chalk.cyan),
      ...wrapLabelled('Fix:', t(m.fix.text), width, '  ', chalk.cyan),
      // Commands stay whole on their own line, whatever the width: they are copied, not read.
      ...m.fix.commands.map((c) => `    ${chalk.dim('$')} ${c}`),
    ];
    if (m.refreshCode) lines.push(...wrapLabelled('Refresh test result:', m.refreshCode, width, '  ', chalk.cyan));
    lines.push(
      ...labelledCommand('Confirm on this machine:', m.command, width, chalk.cyan),
      ...wrapLine(t(`Source: ${m.source}`), width, '  ', '          ').map((l) => chalk.dim(l)),
      ...labelledCommand('More:', `login-doctor explain ${m.code}`, width, chalk.dim),
    );
    return lines.join('\n');
  });
  return blocks.join('\n\n') + '\n';
}
