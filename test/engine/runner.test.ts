import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Check } from '../../src/engine/check.js';
import { runChecks } from '../../src/engine/runner.js';
import { fixtureContext } from '../support/context.js';

const ctx = () => fixtureContext({ home: '/nonexistent-home' });

/** Real check ids with one of their declared pass codes: the runner refuses codes a check did not declare. */
const PASS_CODES = { 'environment.home': 'home-ok', 'config.files': 'config-files-ok', 'config.region': 'region-ok' } as const;

function delayed(id: keyof typeof PASS_CODES, ms: number): Check {
  return {
    id,
    title: id,
    category: 'config',
    touches: [],
    run: () => new Promise((resolve) => setTimeout(() => resolve([{ code: PASS_CODES[id], status: 'pass', title: id }]), ms)),
  };
}

test('results keep registry order whatever the finish order', async () => {
  const results = await runChecks([delayed('environment.home', 30), delayed('config.files', 1), delayed('config.region', 10)], ctx(), { defaultTimeoutMs: 1000 });
  assert.deepEqual(
    results.map((r) => r.check.id),
    ['environment.home', 'config.files', 'config.region'],
  );
  assert.deepEqual(
    results.map((r) => r.findings[0]!.check),
    ['environment.home', 'config.files', 'config.region'],
  );
});

test('a check that throws becomes check-crashed and the others still run', async () => {
  const boom: Check = { id: 'boom', title: 'Boom', category: 'config', touches: [], run: () => { throw new TypeError('bad thing'); } };
  const results = await runChecks([boom, delayed('config.files', 1)], ctx(), { defaultTimeoutMs: 1000 });
  const crashed = results[0]!.findings[0]!;
  assert.equal(crashed.code, 'check-crashed');
  assert.equal(crashed.status, 'fail');
  assert.equal(crashed.check, 'boom');
  assert.match(crashed.detail, /TypeError: bad thing/);
  assert.equal(results[1]!.findings[0]!.code, 'config-files-ok');
});

test('a check that hangs becomes check-timeout naming the check', async () => {
  const hang: Check = { id: 'hang', title: 'Hang', category: 'live', touches: [], timeoutMs: 20, run: () => new Promise(() => {}) };
  const results = await runChecks([hang, delayed('config.files', 1)], ctx(), { defaultTimeoutMs: 1000 });
  const f = results[0]!.findings[0]!;
  assert.equal(f.code, 'check-timeout');
  assert.equal(f.status, 'fail');
  assert.match(f.title, /hang/);
  assert.equal(results[1]!.findings[0]!.status, 'pass');
});

test('findings are redacted of registered secrets, key ids masked and terminal controls removed', async () => {
  const c = ctx();
  c.secrets.add('SECRET-super-sensitive-value');
  const leaky: Check = {
    id: 'config.files',
    title: 'Leaky',
    category: 'config',
    touches: [],
    run: () => [
      {
        code: 'config-bare-section',
        status: 'warn',
        title: 'profile \u001b[31mred\u001b[0m\u202eevil',
        detail: 'token SECRET-super-sensitive-value key AKIAABCDEFGHIJKLMNOP',
        fix: { text: 'x', commands: ['echo \u0007bell'] },
        evidence: { name: 'a\u001b]0;title\u0007b', nested: { v: 'SECRET-super-sensitive-value' } },
      },
    ],
  };
  const [result] = await runChecks([leaky], c, { defaultTimeoutMs: 1000 });
  const f = result!.findings[0]!;
  assert.equal(f.title, 'profile red\\u{202e}evil');
  assert.equal(f.detail, 'token [redacted] key AKIA…MNOP');
  assert.equal(f.fix!.commands[0], 'echo \\u{7}bell');
  assert.deepEqual(f.evidence, { name: 'ab', nested: { v: '[redacted]' } });
});

test('a code the catalog does not declare for the check, or a status it does not list, becomes check-crashed', async () => {
  const wrongCheck: Check = { id: 'config.files', title: 'Files', category: 'config', touches: [], run: () => [{ code: 'home-ok', status: 'pass', title: 'x' }] };
  const wrongStatus: Check = { id: 'environment.home', title: 'Home', category: 'environment', touches: [], run: () => [{ code: 'home-ok', status: 'fail', title: 'x' }] };
  const unknown: Check = { id: 'environment.home', title: 'Home', category: 'environment', touches: [], run: () => [{ code: 'no-such-code' as 'home-ok', status: 'pass', title: 'x' }] };
  const results = await runChecks([wrongCheck, wrongStatus, unknown, delayed('config.region', 1)], ctx(), { defaultTimeoutMs: 1000 });
  for (const [i, code] of [[0, 'home-ok'], [1, 'home-ok'], [2, 'no-such-code']] as const) {
    const f = results[i]!.findings[0]!;
    assert.equal(f.code, 'check-crashed');
    assert.match(f.detail, new RegExp(`reported code ${code} with status \\w+, which src/engine/finding-codes.ts does not declare`));
  }
  assert.equal(results[3]!.findings[0]!.code, 'region-ok');
});
