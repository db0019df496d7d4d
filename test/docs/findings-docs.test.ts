import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ERROR_SIGNATURES, REFRESH_CODES } from '../../src/knowledge/error-signatures.js';
import { REPO_ROOT } from '../helpers/cli.js';

const KEBAB = '[a-z0-9]+(?:-[a-z0-9]+)*';
// `code: 'x'` and `code: cond ? 'x' : 'y'` in any source file.
const LITERAL = new RegExp(`\\bcode:\\s*['"\`](${KEBAB})['"\`]`, 'g');
const TERNARY = new RegExp(`\\bcode:\\s*[^'"\`\\n,]*\\?\\s*['"\`](${KEBAB})['"\`]\\s*:\\s*['"\`](${KEBAB})['"\`]`, 'g');
// Lookup tables of codes: `const CODES = { 'no-login': 'js-sdk-no-login', ... }` (also `FOO_CODES`).
const CODE_TABLE = /\bconst\s+(?:\w+_)?CODES?\b[^=]*=\s*\{([^}]*)\}/g;
// Table values count only when they look like codes (two words or more): other tables map to letters.
const TABLE_VALUE = /:\s*['"`]([a-z0-9]+(?:-[a-z0-9]+)+)['"`]/g;
// Any quoted kebab-case string: a documented code must at least appear in src/ this way.
const QUOTED = new RegExp(`['"\`](${KEBAB})['"\`]`, 'g');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const SOURCES = sourceFiles(join(REPO_ROOT, 'src')).map((file) => readFileSync(file, 'utf8'));

/** Every finding code the product can emit: literals in src/ plus the data tables that name codes. */
function codesInSource(): Set<string> {
  const codes = new Set<string>();
  for (const text of SOURCES) {
    for (const m of text.matchAll(LITERAL)) codes.add(m[1]!);
    for (const m of text.matchAll(TERNARY)) codes.add(m[1]!).add(m[2]!);
    for (const t of text.matchAll(CODE_TABLE)) for (const m of t[1]!.matchAll(TABLE_VALUE)) codes.add(m[1]!);
  }
  for (const s of ERROR_SIGNATURES) {
    codes.add(s.code);
    if (s.refreshCode) codes.add(s.refreshCode);
  }
  for (const c of REFRESH_CODES) codes.add(c);
  return codes;
}

const DOC = readFileSync(join(REPO_ROOT, 'docs', 'findings.md'), 'utf8');
const SECTION = /^## `([^`]+)`\n(.*)\n\n(\S.*)$/gm;
const STATUS = '(?:pass|info|warn|fail|skip)';
// The status starts with a status word; qualifiers may follow: `fail (warn when …)`, `warn / fail`,
// `fail for the no-login floor (…); warn for the stale-cache floor`.
const META = new RegExp(`^\\*\\*Status:\\*\\* ${STATUS}\\b[^|\\n]* \\| \\*\\*Check:\\*\\* (?:\`[a-z][a-z0-9.-]*\`|any) \\| \\*\\*Affects:\\*\\* .+$`);

function codesInDocs(): string[] {
  return [...DOC.matchAll(/^## `([^`]+)`$/gm)].map((m) => m[1]!);
}

describe('docs/findings.md', () => {
  it('has a section for every code in the source, and no section for a code the source cannot produce', () => {
    const source = codesInSource();
    const docs = new Set(codesInDocs());
    assert.deepEqual([...source].filter((c) => !docs.has(c)).sort(), [], 'codes without a section in docs/findings.md');
    // Codes built in ways the collector cannot follow still appear in src/ as a quoted string.
    const quoted = new Set(SOURCES.flatMap((t) => [...t.matchAll(QUOTED)].map((m) => m[1]!)));
    assert.deepEqual([...docs].filter((c) => !source.has(c) && !quoted.has(c)).sort(), [], 'sections for codes the source does not have');
  });

  it('each code has exactly one section in the agreed format', () => {
    const all = codesInDocs();
    assert.deepEqual(all.filter((c, i) => all.indexOf(c) !== i), [], 'duplicate sections');
    const sections = [...DOC.matchAll(SECTION)];
    assert.equal(sections.length, all.length, 'every heading is followed by the meta line, a blank line and text');
    for (const [, code, meta] of sections) {
      assert.match(code!, new RegExp(`^${KEBAB}$`));
      assert.match(meta!, META, `meta line of ${code}`);
    }
  });

  it('the collector sees codes in the forms checks write them', () => {
    const sample =
      "x = { code: 'a-b', status: 'fail' }; y = { code: ok ? 'c-d' : 'e-f' }; z = { kind: 'g-h' };\nconst CODES: Record<P, string> = {\n  'one': 'i-j',\n  two: 'k-l',\n};\nconst OTHER = { a: 'm-n' };";
    const found = new Set([...sample.matchAll(LITERAL)].map((m) => m[1]));
    for (const m of sample.matchAll(TERNARY)) found.add(m[1]).add(m[2]);
    for (const t of sample.matchAll(CODE_TABLE)) for (const m of t[1]!.matchAll(TABLE_VALUE)) found.add(m[1]);
    assert.deepEqual([...found].sort(), ['a-b', 'c-d', 'e-f', 'i-j', 'k-l']);
  });
});
