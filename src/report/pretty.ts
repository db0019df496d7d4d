import { CATEGORIES, CATEGORY_TITLES } from '../engine/check.js';
import { summarize, type Finding } from '../engine/finding.js';
import type { CheckReport } from '../engine/runner.js';
import type { Style } from './style.js';


export interface PrettyOptions {
  style: Style;
  verbose: boolean;
  version: string;
  profile: string | null;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => (l ? prefix + l : l))
    .join('\n');
}

function renderFinding(f: Finding, { style, verbose }: PrettyOptions): string {
  const { chalk } = style;
  const lines = [`  ${style.symbol(f.status)} ${f.status === 'pass' ? f.title : chalk.bold(f.title)}`];
  const showDetail = verbose || f.status === 'warn' || f.status === 'fail' || f.status === 'info' || f.status === 'skip';
  if (showDetail && f.detail) lines.push(indent(f.detail, '      '));
  if (f.fix && f.status !== 'pass') {
    lines.push(`      ${chalk.cyan('Fix:')} ${f.fix.text.split('\n').join('\n      ')}`);
    for (const command of f.fix.commands) lines.push(`        ${chalk.dim('$')} ${command}`);
  }
  if (verbose && Object.keys(f.evidence).length) {
    lines.push(indent(chalk.dim(`evidence: ${JSON.stringify(f.evidence)}`), '      '));
  }
  return lines.join('\n');
}

export function renderPretty(results: readonly CheckReport[], options: PrettyOptions): string {
  const { chalk } = options.style;
  const out: string[] = [chalk.bold(`login-doctor ${options.version}`) + (options.profile ? ` · profile ${options.profile}` : '')];
  for (const category of CATEGORIES) {
    const group = results.filter((r) => r.check.category === category);
    const findings = group.flatMap((r) => r.findings);
    if (findings.length === 0) continue;
    out.push('', chalk.bold.underline(CATEGORY_TITLES[category]));
    for (const f of findings) out.push(renderFinding(f, options));
  }
  const s = summarize(results.flatMap((r) => r.findings));
  const parts = [
    chalk.green(`${s.pass} passed`),
    chalk.blue(`${s.info} info`),
    chalk.yellow(`${s.warn} warning${s.warn === 1 ? '' : 's'}`),
    chalk.red(`${s.fail} failed`),
    chalk.gray(`${s.skip} skipped`),
  ];
  out.push('', `${s.fail ? chalk.red.bold('Problems found.') : s.warn ? chalk.yellow.bold('Works, with warnings.') : chalk.green.bold('All good.')} ${parts.join(', ')}`);
  return out.join('\n') + '\n';
}
