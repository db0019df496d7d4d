import { CATEGORIES, CATEGORY_TITLES } from '../engine/check.js';
import { summarize, type CausedBy, type Finding } from '../engine/finding.js';
import type { CheckReport } from '../engine/runner.js';
import { signInOf } from '../knowledge/shell.js';
import type { Style } from './style.js';

export interface PrettyOptions {
  style: Style;
  verbose: boolean;
  version: string;
  profile: string | null;
  /** Terminal width to wrap to; null (piped output) never wraps. */
  width: number | null;
}

const TITLE = '  ';
const BODY = '      ';
const COMMAND = '        ';

/**
 * Breaks one line of text at spaces so it fits `width`, the first line after `first`, the rest after `rest`
 * (a hanging indent). A word, path or command longer than the line stays whole on a line of its own.
 */
export function wrapLine(text: string, width: number | null, first: string, rest: string): string[] {
  if (width === null || first.length + text.length <= width) return [first + text];
  const lines: string[] = [];
  let line = '';
  let prefix = first;
  for (const word of unbreakable(text)) {
    if (line && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line);
      prefix = rest;
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(prefix + line);
  return lines;
}

/** `Label: text` wrapped with the text hanging after the label; the label is coloured after wrapping (colour codes take no columns). */
export function wrapLabelled(label: string, text: string, width: number | null, indent: string, paint: (s: string) => string): string[] {
  const lines = wrapLine(`${label} ${text}`, width, indent, indent + ' '.repeat(label.length + 1));
  lines[0] = lines[0]!.replace(label, paint(label));
  return lines;
}

/** The words of a line; a `quoted command` is one word, so no line break falls inside it. */
function unbreakable(text: string): string[] {
  const words: string[] = [];
  let open = false;
  for (const piece of text.split(' ')) {
    if (open) words[words.length - 1] += ` ${piece}`;
    else words.push(piece);
    if ((piece.match(/`/g)?.length ?? 0) % 2 === 1) open = !open;
  }
  return words;
}

export function wrapText(text: string, width: number | null, prefix: string, hang = ''): string[] {
  return text.split('\n').flatMap((l) => {
    if (!l) return [''];
    // Keep the line's own leading spaces (quoted output, lists) as part of the indent.
    const lead = /^ */.exec(l)![0];
    return wrapLine(l.slice(lead.length), width, prefix + lead, prefix + lead + hang);
  });
}

/** One line, cut with an ellipsis when it does not fit (the recap shows each title on one line). */
function fit(text: string, width: number | null, style: Style): string {
  if (width === null || text.length <= width) return text;
  const more = style.text('…');
  return text.slice(0, Math.max(1, width - more.length)) + more;
}

function renderFinding(f: Finding, { style, verbose, width }: PrettyOptions, sameFixAs: Finding | null, shownBlocks: Set<string>): string {
  const { chalk } = style;
  const indent = TITLE + ' '.repeat(style.symbolWidth + 1);
  const lines = wrapLine(style.text(f.title), width, indent, indent).map((l, i) => {
    const body = f.status === 'pass' ? l.slice(indent.length) : chalk.bold(l.slice(indent.length));
    return i === 0 ? `${TITLE}${style.symbol(f.status)} ${body}` : indent + body;
  });
  const showDetail = verbose || f.status !== 'pass';
  if (showDetail && f.detail) lines.push(...wrapText(style.text(f.detail), width, BODY));
  // An info finding's fix is advice for later: shown with --verbose only, so the failures stand out.
  const showFix = f.fix && f.status !== 'pass' && (f.status !== 'info' || verbose);
  if (f.causedBy) {
    // One cause, one failing finding: a consequence names its cause instead of repeating the cause's fix.
    lines.push(...wrapLabelled('Cause:', causeText(f.causedBy, style), width, BODY, chalk.cyan));
  } else if (showFix && sameFixAs) {
    // One cause, one fix block: a finding that shares its fix with an earlier one points there.
    lines.push(...wrapLine(`${chalk.cyan('Fix:')} the same as for "${style.text(sameFixAs.title)}" above.`, width, BODY, BODY + '     '));
  } else if (showFix && f.fix) {
    const [first = '', ...more] = style.text(f.fix.text).split('\n');
    lines.push(...wrapLabelled('Fix:', first, width, BODY, chalk.cyan));
    // A block repeated in several fixes (the requirements pins per interpreter) is printed once, then pointed at.
    const block = more.join('\n');
    if (more.length > 1 && shownBlocks.has(block)) lines.push(...wrapText(`${more[0]!.replace(/:$/, '')}: as shown above.`, width, BODY));
    else for (const l of more) lines.push(...wrapText(l, width, BODY));
    if (more.length > 1) shownBlocks.add(block);
    // Commands stay whole on their own line, whatever the width: they are copied, not read.
    for (const command of f.fix.commands) lines.push(`${COMMAND}${chalk.dim('$')} ${command}`);
  }
  if (verbose && Object.keys(f.evidence).length) {
    lines.push(...wrapText(`evidence: ${JSON.stringify(f.evidence)}`, width, BODY).map((l) => chalk.dim(l)));
  }
  return lines.join('\n');
}

/** Where a consequence points: its cause's title and code (the same words in every format). */
export function causeText(cause: CausedBy, style?: Style): string {
  const title = style ? style.text(cause.title) : cause.title;
  return `"${title}" (${cause.code}); fixing it fixes this too.`;
}

/** For each finding whose fix (text and commands) an earlier shown finding already gave: that earlier finding. */
function sharedFixes(findings: readonly Finding[]): Map<Finding, Finding> {
  const seen = new Map<string, Finding>();
  const same = new Map<Finding, Finding>();
  for (const f of findings) {
    if (!f.fix || f.fix.commands.length === 0 || (f.status !== 'fail' && f.status !== 'warn')) continue;
    const key = JSON.stringify([f.fix.text, f.fix.commands]);
    const first = seen.get(key);
    if (first) same.set(f, first);
    else seen.set(key, f);
  }
  return same;
}

/** The failures, then the warnings, one line each, and the one command to run next. */
function renderRecap(findings: readonly Finding[], options: PrettyOptions): string[] {
  const { style, width } = options;
  const bad = [...findings.filter((f) => f.status === 'fail'), ...findings.filter((f) => f.status === 'warn')];
  if (bad.length === 0) return [];
  const out = ['', style.chalk.bold('To fix')];
  for (const f of bad) out.push(`${TITLE}${style.symbol(f.status)} ${fit(style.text(f.title), width === null ? null : width - TITLE.length - style.symbolWidth - 1, style)}`);
  const next = nextStep(bad);
  if (next?.install) {
    out.push('', `Next: install an AWS CLI that can run \`${next.signIn}\`, then sign in:`);
    for (const command of [...next.install.fix!.commands, next.command]) out.push(`${TITLE}${style.chalk.dim('$')} ${style.chalk.bold(command)}`);
  } else if (next) out.push('', `Next: ${style.chalk.bold(next.command)}`);
  return out;
}

/** The first fix command of the worst finding, unless it is a sign-in the installed aws cannot run: then the install first. */
function nextStep(bad: readonly Finding[]): { command: string; signIn: string; install: Finding | null } | null {
  const command = bad.find((f) => f.fix && f.fix.commands.length > 0)?.fix?.commands[0];
  if (command === undefined) return null;
  const signIn = signInOf(command);
  const install = signIn ? bad.find((f) => signIn.blockedBy.has(f.code) && f.fix && f.fix.commands.length > 0) : undefined;
  return { command, signIn: signIn?.signIn ?? '', install: install ?? null };
}

export function renderPretty(results: readonly CheckReport[], options: PrettyOptions): string {
  const { chalk } = options.style;
  const out: string[] = [chalk.bold(`login-doctor ${options.version}`) + (options.profile ? `${options.style.text(' · ')}profile ${options.profile}` : '')];
  const firstWithFix = sharedFixes(results.flatMap((r) => r.findings));
  const shownBlocks = new Set<string>();
  for (const category of CATEGORIES) {
    const group = results.filter((r) => r.check.category === category);
    const findings = group.flatMap((r) => r.findings);
    if (findings.length === 0) continue;
    out.push('', chalk.bold.underline(CATEGORY_TITLES[category]));
    for (const f of findings) out.push(renderFinding(f, options, firstWithFix.get(f) ?? null, shownBlocks));
  }
  const all = results.flatMap((r) => r.findings);
  out.push(...renderRecap(all, options));
  const s = summarize(all);
  const parts = [
    chalk.green(`${s.pass} passed`),
    chalk.blue(`${s.info} info`),
    chalk.yellow(`${s.warn} warning${s.warn === 1 ? '' : 's'}`),
    chalk.red(`${s.fail} failed`),
    chalk.gray(`${s.skip} skipped`),
  ];
  const verdict = s.fail ? 'Problems found.' : s.warn ? 'Works, with warnings.' : 'All good.';
  const paint = s.fail ? chalk.red.bold : s.warn ? chalk.yellow.bold : chalk.green.bold;
  const counts = `${s.pass} passed, ${s.info} info, ${s.warn} warning${s.warn === 1 ? '' : 's'}, ${s.fail} failed, ${s.skip} skipped`;
  const fits = options.width === null || verdict.length + 1 + counts.length <= options.width;
  out.push('', `${paint(verdict)}${fits ? ' ' : '\n'}${parts.join(', ')}`);
  return out.join('\n') + '\n';
}
