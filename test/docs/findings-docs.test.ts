import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { STATUSES } from '../../src/engine/finding.js';
import { ANY_CHECK, FINDING_CODES, type CodeEntry, type FindingCode } from '../../src/engine/finding-codes.js';
import { REPO_ROOT } from '../support/cli.js';

const DOC = readFileSync(join(REPO_ROOT, 'docs', 'findings.md'), 'utf8');
const SECTION = /^## `([^`]+)`\n\*\*Status:\*\* (.+?) \| \*\*Check:\*\* (.+?) \| \*\*Affects:\*\* (.+)\n\n\S/gm;
const CODES = Object.keys(FINDING_CODES) as FindingCode[];

function headings(): string[] {
  return [...DOC.matchAll(/^## `([^`]+)`$/gm)].map((m) => m[1]!);
}

/** The meta line as the catalog says it must read (the status part may add qualifiers in words). */
function expectedMeta(entry: CodeEntry): { check: string; affects: string } {
  return {
    check: entry.check === ANY_CHECK ? 'any' : `\`${entry.check}\``,
    affects: entry.affects.length === 0 ? 'none (login-doctor itself)' : entry.affects.join(', '),
  };
}

describe('docs/findings.md and the finding catalog', () => {
  it('has one section per catalog code and no section for an undeclared code', () => {
    const all = headings();
    assert.deepEqual(all.filter((c, i) => all.indexOf(c) !== i), [], 'duplicate sections');
    assert.deepEqual(CODES.filter((c) => !all.includes(c)), [], 'catalog codes without a section');
    assert.deepEqual(all.filter((c) => !(CODES as string[]).includes(c)), [], 'sections for codes the catalog does not declare');
  });

  it('every section has the meta line, and its check, statuses and affected consumers match the catalog', () => {
    const sections = [...DOC.matchAll(SECTION)];
    assert.equal(sections.length, headings().length, 'every heading is followed by the meta line, a blank line and text');
    for (const [, code, status, check, affects] of sections) {
      const entry: CodeEntry = FINDING_CODES[code as FindingCode];
      const want = expectedMeta(entry);
      assert.equal(check, want.check, `check of ${code}`);
      assert.equal(affects, want.affects, `affects of ${code}`);
      assert.match(status!, new RegExp(`^(?:${STATUSES.join('|')})\\b`), `status of ${code} starts with a status word`);
      const named = STATUSES.filter((s) => new RegExp(`\\b${s}\\b`).test(status!));
      assert.deepEqual(named, STATUSES.filter((s) => entry.statuses.includes(s)), `statuses of ${code}`);
    }
  });
});
