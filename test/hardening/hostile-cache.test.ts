import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loginCacheFileName } from '../../src/aws/login-cache.js';
import { runJson } from '../support/cli.js';
import { awsHome, loginCacheDir, writeConfig } from '../support/token-fixtures.js';

const SESSION = 'arn:aws:iam::123456789012:user/alice';

// Each hostile cache gives a clear finding of its own and a bounded run (the test timeout is the bound).
async function loginFinding(place: (path: string) => void) {
  const home = awsHome('ld-hostile-cache-');
  writeConfig(home, `[profile dev]\nlogin_session = ${SESSION}\nregion = us-east-1\n`);
  mkdirSync(loginCacheDir(home), { recursive: true, mode: 0o700 });
  place(join(loginCacheDir(home), loginCacheFileName(SESSION)));
  const { report } = await runJson(['--offline', '--profile', 'dev', '--only', 'caches.login'], { home, timeoutMs: 30_000 });
  const problems = report.findings.filter((f) => f.check === 'caches.login' && f.status !== 'pass');
  assert.ok(problems.length > 0, JSON.stringify(report.findings));
  return problems[0]!;
}

test('a 50 MB login cache is refused unread', { timeout: 30_000 }, async () => {
  const f = await loginFinding((p) => writeFileSync(p, Buffer.alloc(50 * 1024 * 1024, 0x20)));
  assert.equal(f.code, 'login-cache-unreadable');
  assert.equal(f.status, 'fail');
});

test('deeply nested JSON is a corrupt cache, not a crash', { timeout: 30_000 }, async () => {
  const f = await loginFinding((p) => writeFileSync(p, '['.repeat(100_000) + ']'.repeat(100_000)));
  assert.ok(['login-cache-corrupt', 'login-cache-fields-missing'].includes(f.code), f.code);
  assert.notEqual(f.code, 'check-crashed');
});

test('a FIFO, a directory and a symlink loop in place of the cache file', { timeout: 30_000 }, async () => {
  for (const place of [
    (p: string) => execFileSync('mkfifo', [p]),
    (p: string) => mkdirSync(p),
    (p: string) => {
      symlinkSync(`${p}.b`, `${p}.a`);
      symlinkSync(`${p}.a`, `${p}.b`);
      symlinkSync(`${p}.a`, p);
    },
  ]) {
    const f = await loginFinding(place);
    assert.equal(f.code, 'login-cache-unreadable', JSON.stringify(f));
  }
});

test('NUL bytes and non-UTF-8 bytes in the cache are reported as corrupt', { timeout: 30_000 }, async () => {
  const f = await loginFinding((p) => writeFileSync(p, Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x7d])));
  assert.equal(f.code, 'login-cache-corrupt');
});
