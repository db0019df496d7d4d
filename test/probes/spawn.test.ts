import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeSpawner } from '../../src/probes/spawn.js';

const dir = mkdtempSync(join(tmpdir(), 'ld-spawn-'));
function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}
const env = { PATH: '/usr/bin:/bin' };

test('a hanging program is killed at the time limit, grandchildren included', async () => {
  const hang = script('hang', 'sleep 30 & wait');
  const r = await nodeSpawner(hang, [], { timeoutMs: 300, env });
  assert.equal(r.timedOut, true);
  assert.equal(r.exitCode, null);
  assert.ok(r.durationMs < 10_000);
});

test('a program that floods stdout is cut at the cap and stopped', async () => {
  const flood = script('flood', 'yes garbage');
  const r = await nodeSpawner(flood, [], { timeoutMs: 10_000, maxOutputBytes: 64 * 1024, env });
  assert.equal(r.truncated, true);
  assert.ok(r.stdout.length <= 64 * 1024);
  assert.equal(r.timedOut, false);
});

test('a crash by signal and an exit code are reported as they are', async () => {
  const segv = script('segv', 'kill -SEGV $$');
  const r = await nodeSpawner(segv, [], { timeoutMs: 5000, env });
  assert.equal(r.signal, 'SIGSEGV');
  const exit139 = script('exit139', 'echo "not a version" ; exit 139');
  const r2 = await nodeSpawner(exit139, [], { timeoutMs: 5000, env });
  assert.equal(r2.exitCode, 139);
  assert.equal(r2.stdout, 'not a version\n');
});

test('a missing program is an error, not an exception', async () => {
  const r = await nodeSpawner(join(dir, 'does-not-exist'), [], { timeoutMs: 1000, env });
  assert.match(r.error ?? '', /ENOENT/);
  assert.equal(r.exitCode, null);
});

test('only the given environment reaches the child', async () => {
  const show = script('show', 'echo "${SECRET_IN_PARENT:-unset} $ONLY"');
  process.env.SECRET_IN_PARENT = 'leaked';
  const r = await nodeSpawner(show, [], { timeoutMs: 5000, env: { ...env, ONLY: 'given' } });
  delete process.env.SECRET_IN_PARENT;
  assert.equal(r.stdout.trim(), 'unset given');
});
