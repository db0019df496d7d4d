import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { wrapLabelled, wrapLine, wrapText } from './pretty.js';
import type { Style } from './style.js';

/**
 * docs/findings.md ships in the npm package, so `login-doctor explain <code>` reads a finding's documentation
 * from the installed copy, offline. The path is the same from src/report (tests) and dist/bundle (package).
 */
export const FINDINGS_DOC = fileURLToPath(new URL('../../docs/findings.md', import.meta.url));

/** One `## \`code\`` section of docs/findings.md. */
export interface FindingDoc {
  code: string;
  status: string;
  check: string;
  affects: string;
  /** The section's prose: meaning, how it is detected, the fix. */
  text: string;
}

const CODE_WORD = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;
const META = /^\*\*Status:\*\* (.+?) \| \*\*Check:\*\* (.+?) \| \*\*Affects:\*\* (.+)$/;

/** Whether a word looks like a finding code (kebab-case, two words or more) rather than error text. */
export function looksLikeFindingCode(word: string): boolean {
  return CODE_WORD.test(word);
}

export function parseFindingDocs(markdown: string): Map<string, FindingDoc> {
  const docs = new Map<string, FindingDoc>();
  for (const section of markdown.split(/^## /m).slice(1)) {
    const [heading = '', meta = '', ...rest] = section.split('\n');
    const code = /^`([^`]+)`$/.exec(heading.trim())?.[1];
    const m = META.exec(meta.trim());
    if (!code || !m) continue;
    docs.set(code, { code, status: m[1]!, check: m[2]!.replace(/`/g, ''), affects: m[3]!, text: rest.join('\n').trim() });
  }
  return docs;
}

export function loadFindingDocs(path = FINDINGS_DOC): Map<string, FindingDoc> {
  return parseFindingDocs(readFileSync(path, 'utf8'));
}

/** Joins the Markdown's hard-wrapped lines into paragraphs and drops bold markers for the terminal. */
function plain(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').replace(/\*\*/g, '').trim())
    .filter(Boolean);
}

/** A finding's documentation, wrapped like the diagnosis to `width` (null: piped, never wrapped). */
export function renderFindingDoc(doc: FindingDoc, style: Style, width: number | null = null): string {
  const { chalk } = style;
  const field = (label: string, value: string) => wrapLabelled(label, value, width, '  ', chalk.cyan);
  const lines = [
    chalk.bold(doc.code),
    ...field('Status:', doc.status),
    ...field('Check:', doc.check),
    ...field('Affects:', style.text(doc.affects)),
    '',
    ...plain(doc.text).flatMap((p) => wrapText(style.text(p), width, '  ')),
    '',
    ...wrapLine('From docs/findings.md in the installed login-doctor package.', width, '  ', '  ').map((l) => chalk.dim(l)),
  ];
  return lines.join('\n') + '\n';
}
