// What users see names public evidence only: never this project's fact sheets, their section signs, its own issue
// numbers or the word UNVERIFIED. Scans every output format over every fixture HOME, the whole explain table,
// the shipped docs and the comments in src/.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { ERROR_SIGNATURES } from '../../src/knowledge/error-signatures.js';
import { loadFindingDocs } from '../../src/report/finding-docs.js';
import { FIXTURES, REPO_ROOT, runCli } from '../support/cli.js';
import { memoryIo } from '../support/io.js';
import { SAMPLES } from '../knowledge/error-samples.js';

const INTERNAL = /botocore-login\.md|js-sdk-login\.md|anchors\.md|other-sdks\.md|speed-notes\.md|shared\/reference|fact[- ]sheet|§|\bUNVERIFIED\b|\bissue \d+/i;

function leaks(label: string, text: string): string[] {
  return text
    .split('\n')
    .filter((line) => INTERNAL.test(line))
    .map((line) => `${label}: ${line.trim().slice(0, 200)}`);
}

const work = mkdtempSync(join(tmpdir(), 'ld-internal-refs-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('no internal references in what users see', () => {
  it('the pattern catches each kind of internal reference', () => {
    for (const bad of ['see botocore-login.md', 'js-sdk-login.md §1.2', 'issue 5 (STS)', 'wording UNVERIFIED', 'per the fact sheet']) {
      assert.equal(leaks('sample', bad).length, 1, bad);
    }
    assert.deepEqual(leaks('sample', 'aws/aws-cli#10330; boto/botocore tag 1.41.0; https://docs.aws.amazon.com/x'), []);
  });

  const homes = readdirSync(join(FIXTURES, 'homes'));
  for (const name of homes) {
    it(`every output format for fixture HOME ${name} (pretty, --json, --markdown, JUnit, GitHub annotations and summary)`, async () => {
      const home = join(FIXTURES, 'homes', name);
      const junit = join(work, `${name}.xml`);
      const summary = join(work, `${name}-summary.md`);
      writeFileSync(summary, '');
      const base = ['--offline', '--all-profiles', '--verbose'];
      const [pretty, json, markdown] = await Promise.all([
        runCli([...base, '--no-color'], { home }),
        runCli([...base, '--json', '--junit', junit, '--github'], { home, env: { GITHUB_STEP_SUMMARY: summary } }),
        runCli([...base, '--markdown'], { home }),
      ]);
      assert.ok(JSON.parse(json.stdout).findings.length > 0, 'the run reported findings');
      assert.match(readFileSync(summary, 'utf8'), /login-doctor/, 'GitHub mode wrote the step summary');
      assert.match(readFileSync(junit, 'utf8'), /<testsuite/, 'the JUnit file was written');
      const found = [
        ...leaks('pretty', pretty.stdout + pretty.stderr),
        ...leaks('json', json.stdout),
        ...leaks('github annotations', json.stderr),
        ...leaks('github summary', readFileSync(summary, 'utf8')),
        ...leaks('junit', readFileSync(junit, 'utf8')),
        ...leaks('markdown', markdown.stdout + markdown.stderr),
      ];
      assert.deepEqual(found, []);
    });
  }

  it('the whole explain table: every known error text (pretty and --json) and every finding code', async () => {
    const found: string[] = [];
    const texts = [...SAMPLES.map(([text]) => text), ...ERROR_SIGNATURES.flatMap((s) => (typeof s.match === 'string' ? [s.match] : []))];
    for (const text of texts) {
      for (const format of [['--no-color'], ['--json']]) {
        const io = memoryIo();
        await main(['explain', ...format, text], io);
        found.push(...leaks(`explain ${format[0]} "${text.slice(0, 40)}"`, io.stdout + io.stderr));
      }
    }
    for (const s of ERROR_SIGNATURES) found.push(...leaks(`signature ${s.id}`, `${s.cause}\n${s.fix.text}\n${s.source}`));
    for (const code of loadFindingDocs().keys()) {
      for (const format of [['--no-color'], ['--json']]) {
        const io = memoryIo();
        assert.equal(await main(['explain', ...format, code], io), 0, code);
        found.push(...leaks(`explain ${code}`, io.stdout + io.stderr));
      }
    }
    assert.deepEqual(found, []);
  });

  it('the shipped docs, the README and every comment and string in src/', () => {
    const files = ['README.md', 'docs/findings.md', 'bin/login-doctor.js'];
    const src = (dir: string): string[] =>
      readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? src(join(dir, e.name)) : [join(dir, e.name)]));
    const found = [...files, ...src('src')].flatMap((f) => leaks(f, readFileSync(join(REPO_ROOT, f), 'utf8')));
    assert.deepEqual(found, []);
  });
});
