import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Finding, Status } from '../../src/engine/finding.js';
import type { CheckReport } from '../../src/engine/runner.js';
import { renderGithubAnnotations } from '../../src/report/github.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdownReport, renderStepSummary } from '../../src/report/markdown.js';

// Any UTF-16 code unit (lone surrogates and every control character included), with the metacharacters
// of each output format made frequent.
const unit = fc.oneof(
  fc.constantFrom('\u0000', '\u001b', '\ud800', '\udfff', '\ufffe', '\r', '\n', '|', '<', '&', '%', ':', ',', '`', ']]>', '::'),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
const text = fc.string({ unit, maxLength: 40 });
const status = fc.constantFrom<Status>('pass', 'info', 'warn', 'fail', 'skip');
const finding: fc.Arbitrary<Finding> = fc.record({
  code: text,
  status,
  check: text,
  title: text,
  detail: text,
  fix: fc.option(fc.record({ text, commands: fc.array(text, { maxLength: 3 }) }), { nil: null }),
  evidence: fc.dictionary(text, fc.oneof(text, fc.integer(), fc.constant(null), fc.array(text, { maxLength: 2 }))),
});
const results: fc.Arbitrary<CheckReport[]> = fc.array(
  fc.record({
    check: fc.record({ id: text, title: text, category: fc.constantFrom('environment', 'config', 'caches', 'tools', 'project', 'live' as const) }),
    findings: fc.array(finding, { maxLength: 4 }),
    durationMs: fc.nat(100000),
  }),
  { maxLength: 5 },
);

describe('renderers over arbitrary findings', () => {
  it('JUnit is always valid XML with one testcase per check', () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testcase' });
    fc.assert(
      fc.property(results, fc.boolean(), (rs, strict) => {
        const xml = renderJunit(rs, { strict, generatedAt: new Date(0), version: '0.0.0' });
        assert.equal(XMLValidator.validate(xml), true);
        const doc = parser.parse(xml) as { testsuites: { testsuite: { testcase?: unknown[] } } };
        assert.equal(doc.testsuites.testsuite.testcase?.length ?? 0, rs.length);
      }),
      { numRuns: 300 },
    );
  });

  it('GitHub: exactly one single-line command per fail or warn finding', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 8 }), (fs) => {
        const out = renderGithubAnnotations(fs);
        const lines = out ? out.slice(0, -1).split('\n') : [];
        assert.equal(lines.length, fs.filter((f) => f.status === 'fail' || f.status === 'warn').length);
        for (const line of lines) {
          assert.match(line, /^::(error|warning) title=[^:,\r\n]*::[^\r\n]*$/);
          assert.doesNotMatch(line, /\u001b/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('Markdown: never a raw control character, never an unescaped table pipe in a row', () => {
    fc.assert(
      fc.property(results, (rs) => {
        const md = renderMarkdownReport(rs, { version: '0', generatedAt: new Date(0), os: 'x', node: 'v20', shell: 'sh', profile: 'p', anonymized: false });
        assert.doesNotMatch(md, /[\u0000-\u0008\u000b-\u001f\u007f]/);
        const summary = renderStepSummary(rs.flatMap((r) => r.findings), { version: '0', profile: null });
        for (const row of summary.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Status') && !l.startsWith('| ---'))) {
          // Four cells: the only unescaped pipes are the five separators.
          assert.equal(row.replace(/\\\|/g, '').split('|').length, 6, row);
        }
      }),
      { numRuns: 300 },
    );
  });
});
