import type { Finding } from '../engine/finding.js';
import { sanitizeLine, sanitizeMultiline } from '../engine/sanitize.js';

/** Workflow command data: GitHub decodes %25, %0D and %0A (actions/toolkit `escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command property values additionally escape ':' and ',' (actions/toolkit `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::error` per fail and `::warning` per warn finding: title, message with detail, and the fix. */
export function renderGithubAnnotations(findings: readonly Finding[]): string {
  const lines: string[] = [];
  for (const f of findings) {
    if (f.status !== 'fail' && f.status !== 'warn') continue;
    const message = [`[${f.code}] ${f.title}`];
    if (f.detail) message.push(f.detail);
    if (f.fix) {
      message.push(`Fix: ${f.fix.text}`);
      for (const command of f.fix.commands) message.push(`  $ ${command}`);
    }
    // Consequences get no annotation of their own (they are info): the cause's annotation names them.
    const consequences = findings.filter((c) => c.causedBy?.code === f.code && c.causedBy.check === f.check && c.causedBy.title === f.title);
    if (consequences.length) message.push('Also explains:', ...consequences.map((c) => `  - [${c.code}] ${c.title}`));
    // Findings are sanitized by the runner already; sanitize again so this output is safe on its own.
    const title = sanitizeLine(`login-doctor: ${f.title}`);
    lines.push(`::${f.status === 'fail' ? 'error' : 'warning'} title=${escapeProperty(title)}::${escapeData(sanitizeMultiline(message.join('\n')))}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
