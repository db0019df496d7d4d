import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { STATUSES } from '../../src/engine/finding.js';
import { FIXTURES, fixtureHome, runCli, runJson } from '../support/cli.js';

// The JSON document is a public contract (README "JSON schema"): these are its exact keys and types.
function assertSchema(doc: unknown) {
  const r = doc as Record<string, unknown>;
  assert.deepEqual(Object.keys(r), ['schemaVersion', 'tool', 'generatedAt', 'profile', 'summary', 'findings']);
  assert.equal(r.schemaVersion, 1);
  assert.deepEqual(Object.keys(r.tool as object), ['name', 'version']);
  assert.equal((r.tool as { name: string }).name, 'login-doctor');
  assert.match((r.tool as { version: string }).version, /^\d+\.\d+\.\d+/);
  assert.ok(!Number.isNaN(Date.parse(r.generatedAt as string)));
  assert.ok(r.profile === null || typeof r.profile === 'string');
  assert.deepEqual(Object.keys(r.summary as object), [...STATUSES]);
  const findings = r.findings as Record<string, unknown>[];
  assert.ok(Array.isArray(findings) && findings.length > 0);
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const f of findings) {
    // causedBy is the one additive field: only on a consequence, which is then info.
    assert.deepEqual(Object.keys(f), ['code', 'status', 'check', 'title', 'detail', 'fix', 'evidence', ...('causedBy' in f ? ['causedBy'] : [])]);
    if ('causedBy' in f) {
      assert.deepEqual(Object.keys(f.causedBy as object), ['code', 'check', 'title', 'ownStatus']);
      assert.equal(f.status, 'info');
    }
    assert.match(f.code as string, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(STATUSES.includes(f.status as never));
    assert.match(f.check as string, /^[a-z-]+(\.[a-z0-9-]+)*$/);
    assert.equal(typeof f.title, 'string');
    assert.ok(!(f.title as string).includes('\n'));
    assert.equal(typeof f.detail, 'string');
    if (f.fix !== null) {
      const fix = f.fix as Record<string, unknown>;
      assert.deepEqual(Object.keys(fix), ['text', 'commands']);
      assert.ok(Array.isArray(fix.commands) && fix.commands.every((c) => typeof c === 'string'));
    }
    assert.equal(typeof f.evidence, 'object');
    counts[f.status as string]! += 1;
  }
  assert.deepEqual(r.summary, counts);
}

for (const name of readdirSync(`${FIXTURES}homes`)) {
  test(`--json on fixture ${name} follows schemaVersion 1`, async () => {
    const { report, code } = await runJson(['--offline', '--profile', 'dev'], { home: fixtureHome(name) });
    assertSchema(report);
    assert.equal(report.profile, 'dev');
    assert.equal(code, report.summary.fail > 0 ? 1 : 0);
  });
}

test('--strict turns warnings into exit 1', async () => {
  const home = fixtureHome('bare-section');
  // Instance metadata on (as on a laptop by default): "default", with only a region, is then info, not a failure.
  const env = { AWS_EC2_METADATA_DISABLED: '' };
  const plain = await runJson(['--offline', '--profile', 'default'], { home, env });
  assert.equal(plain.report.summary.fail, 0);
  assert.ok(plain.report.summary.warn > 0);
  assert.equal(plain.code, 0);
  const strict = await runJson(['--offline', '--profile', 'default', '--strict'], { home, env });
  assert.equal(strict.code, 1);
});

test('unknown options: the error and one line pointing at --help on stderr, exit 2', async () => {
  const { code, stdout, stderr } = await runCli(['--no-such-option'], { home: fixtureHome('empty') });
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.equal(stderr, "error: unknown option '--no-such-option'\nRun 'login-doctor --help' for usage.\n");
});
