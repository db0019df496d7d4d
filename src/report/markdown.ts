import { CATEGORIES, CATEGORY_TITLES } from '../engine/check.js';
import { summarize, type EvidenceValue, type Finding, type Status } from '../engine/finding.js';
import type { CheckReport } from '../engine/runner.js';
import { causeText } from './pretty.js';
import { sanitizeLine } from '../engine/sanitize.js';

const STATUS_LABEL: Record<Status, string> = { pass: '✅ pass', info: 'ℹ️ info', warn: '⚠️ warn', fail: '❌ fail', skip: '⏭️ skip' };

/**
 * Escapes inline text so Markdown shows it literally: the punctuation that can start inline markup, HTML,
 * links or table cells is backslash-escaped, so file contents can neither format nor inject anything.
 * Control characters are made visible. Only for text placed after a prefix on its line (see mdParagraph).
 */
export function mdText(text: string): string {
  return sanitizeLine(text).replace(/[\\`*_[\]|<>~&]/g, '\\$&');
}

/** Multi-line text as Markdown lines (hard line breaks kept); block markers at a line start escaped too. */
export function mdParagraph(text: string): string {
  return text
    .split('\n')
    .map((line) => mdText(line).replace(/^(\s*)([#+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
    .join('  \n');
}

/** A fenced code block whose fence is longer than any backtick run inside, so content cannot close it. */
export function mdCode(lines: readonly string[], lang = ''): string {
  const body = lines.map((l) => sanitizeLine(l));
  const longest = Math.max(0, ...body.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body.join('\n')}\n${fence}`;
}

function inlineCode(text: string): string {
  const t = sanitizeLine(text);
  const longest = Math.max(0, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${longest ? ` ${t} ` : t}${ticks}`;
}

/** Inline code inside a GFM table cell: a pipe splits cells even inside a code span unless escaped. */
function cellCode(text: string): string {
  return inlineCode(text).replace(/\|/g, '\\|');
}

export function summaryTable(findings: readonly Finding[]): string {
  const rows = findings
    .filter((f) => f.status !== 'pass')
    .map((f) => `| ${STATUS_LABEL[f.status]} | ${cellCode(f.check)} | ${cellCode(f.code)} | ${mdText(f.title)}${f.causedBy ? ` (caused by ${cellCode(f.causedBy.code)})` : ''} |`);
  const s = summarize(findings);
  const counts = `**${s.fail} failed, ${s.warn} warning${s.warn === 1 ? '' : 's'}, ${s.info} info, ${s.skip} skipped, ${s.pass} passed**`;
  if (rows.length === 0) return `${counts}\n`;
  return [counts, '', '| Status | Check | Code | Finding |', '| --- | --- | --- | --- |', ...rows, ''].join('\n');
}

/** The block appended to $GITHUB_STEP_SUMMARY. */
export function renderStepSummary(findings: readonly Finding[], meta: { version: string; profile: string | null }): string {
  return `### login-doctor ${mdText(meta.version)}${meta.profile ? ` · profile ${inlineCode(meta.profile)}` : ''}\n\n${summaryTable(findings)}\n`;
}

export interface ReportEnvironment {
  version: string;
  generatedAt: Date;
  os: string;
  node: string;
  shell: string;
  profile: string | null;
  anonymized: boolean;
}

function renderFinding(f: Finding, withEvidence: boolean): string {
  const out = [`#### ${STATUS_LABEL[f.status]} · ${inlineCode(f.code)} · ${mdText(f.title)}`, '', `Check: ${inlineCode(f.check)}`];
  if (f.detail) out.push('', mdParagraph(f.detail));
  if (f.causedBy) {
    out.push('', `**Cause:** ${mdText(causeText(f.causedBy))}`);
  } else if (f.fix) {
    out.push('', `**Fix:** ${mdParagraph(f.fix.text)}`);
    if (f.fix.commands.length) out.push('', mdCode(f.fix.commands, 'sh'));
  }
  // Evidence (paths, versions, what was seen) is what a support engineer needs beyond the prose.
  const table = f.status === 'pass' || !withEvidence ? '' : evidenceTable(f.evidence);
  if (table) out.push('', '<details><summary>Evidence</summary>', '', table, '', '</details>');
  return out.join('\n');
}

function flatten(value: EvidenceValue, prefix: string, out: Array<[string, string]>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else {
    out.push([prefix, Array.isArray(value) ? value.join(', ') : String(value)]);
  }
}

/** Evidence as a two-column table; nested objects become dotted keys. */
function evidenceTable(evidence: Record<string, EvidenceValue>): string {
  const rows: Array<[string, string]> = [];
  flatten(evidence, '', rows);
  if (rows.length === 0) return '';
  return ['| Field | Value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${mdText(k)} | ${mdText(v)} |`)].join('\n');
}

function profileSection(findings: readonly Finding[], profile: string | null): string {
  const out = ['## Profile', ''];
  const selected = findings.find((f) => f.code === 'profile-selected' && typeof f.evidence.kind === 'string');
  const sources = findings.filter((f) => f.code === 'credential-sources');
  if (profile === null && !selected) out.push('All profiles were diagnosed (see the findings).');
  else out.push(`- Name: ${inlineCode(String(selected?.evidence.profile ?? profile ?? 'default'))}${selected ? ` (chosen by ${mdText(String(selected.evidence.from))})` : ''}`);
  if (selected) out.push(`- Kind: ${mdText(String(selected.evidence.kind))}`);
  else if (profile !== null) out.push('- Kind: unknown (the profile is not defined)');
  for (const f of sources) {
    const perConsumer = Object.entries(f.evidence).filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v) && 'source' in v);
    if (perConsumer.length === 0) continue;
    out.push('- Credential source per consumer:');
    for (const [consumer, v] of perConsumer) {
      const o = v as Record<string, EvidenceValue>;
      const hidden = Array.isArray(o.shadowed) && o.shadowed.length ? `; hides ${o.shadowed.join(', ')}` : '';
      out.push(`  - ${mdText(consumer)}: ${mdText(String(o.source))}${o.origin ? ` (${mdText(String(o.origin))})` : ''}${mdText(hidden)}`);
    }
  }
  return out.join('\n');
}

/**
 * Versions of every AWS CLI, Python interpreter and JS SDK the tool checks found. Rendered generically from
 * the evidence of every finding of a `tools` or `project` check, so new checks show up without changes here.
 */
function toolsSection(results: readonly CheckReport[]): string {
  const out = ['## Tool versions', ''];
  const inventory = results.filter((r) => r.check.category === 'tools' || r.check.category === 'project');
  const blocks = inventory.flatMap((r) =>
    r.findings.map((f) => {
      const table = evidenceTable(f.evidence);
      return `### ${mdText(f.title)}\n\n${STATUS_LABEL[f.status]} · ${inlineCode(f.code)} · check ${inlineCode(f.check)}${table ? `\n\n${table}` : ''}`;
    }),
  );
  if (blocks.length === 0) out.push('No installed-tool checks ran (they are not part of this build or were skipped).');
  else out.push(blocks.join('\n\n'));
  return out.join('\n');
}

/** The complete support report for a ticket. Findings must already be anonymized when asked for. */
export function renderMarkdownReport(results: readonly CheckReport[], env: ReportEnvironment): string {
  const findings = results.flatMap((r) => r.findings);
  const out: string[] = [
    '# login-doctor report',
    '',
    `- login-doctor: ${mdText(env.version)}`,
    `- Generated: ${mdText(env.generatedAt.toISOString())}`,
    `- OS: ${mdText(env.os)}`,
    `- Node.js: ${mdText(env.node)}`,
    `- Shell: ${mdText(env.shell)}`,
    `- Anonymized: ${env.anonymized ? 'yes' : 'no'}`,
    '',
    '## Summary',
    '',
    summaryTable(findings),
    profileSection(findings, env.profile),
    '',
    '## Findings',
  ];
  for (const category of CATEGORIES) {
    const group = results.filter((r) => r.check.category === category).flatMap((r) => r.findings);
    if (group.length === 0) continue;
    out.push('', `### ${CATEGORY_TITLES[category]}`, '');
    // Tools and project evidence is shown once, in the "Tool versions" section.
    const withEvidence = category !== 'tools' && category !== 'project';
    out.push(group.map((f) => renderFinding(f, withEvidence)).join('\n\n'));
  }
  out.push('', toolsSection(results), '');
  return out.join('\n');
}
