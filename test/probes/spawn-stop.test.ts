import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { nodeSpawner, stopAllChildren } from '../../src/probes/spawn.js';

// Its own file: stopAllChildren ends spawning for the rest of the process, as it does for login-doctor.
const dir = mkdtempSync(join(tmpdir(), 'ld-spawn-stop-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('stopAllChildren kills what runs and refuses what would start after it', async () => {
  const slow = join(dir, 'slow');
  writeFileSync(slow, '#!/bin/sh\nsleep 30\n');
  chmodSync(slow, 0o755);
  const running = nodeSpawner(slow, [], { timeoutMs: 60_000, env: { PATH: '/usr/bin:/bin' } });
  await new Promise((done) => setTimeout(done, 100));
  stopAllChildren();
  const r = await running;
  assert.equal(r.signal, 'SIGKILL');
  assert.equal(r.timedOut, false);
  const late = await nodeSpawner(slow, [], { timeoutMs: 60_000, env: { PATH: '/usr/bin:/bin' } });
  assert.equal(late.exitCode, null);
  assert.match(late.error ?? '', /not started: login-doctor is exiting/);
});
