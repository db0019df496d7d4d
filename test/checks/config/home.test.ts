import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { homeCheck } from '../../../src/checks/environment/home.js';
import { fixtureContext } from '../../helpers/context.js';

// Windows-only rule; the platform is injected so it runs on any machine.
test('home-dir-split when HOME and USERPROFILE are different existing folders on Windows', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ld-home-'));
  const [a, b] = [join(root, 'msys'), join(root, 'profile')];
  mkdirSync(a);
  mkdirSync(b);
  const ctx = fixtureContext({ home: b, platform: 'win32', env: { HOME: a, USERPROFILE: b } });
  const [f] = await homeCheck.run(ctx);
  assert.equal(f!.code, 'home-dir-split');
  assert.equal(f!.status, 'warn');
  assert.ok(f!.fix!.commands[0]!.startsWith('$Env:AWS_CONFIG_FILE = '));
  const same = await homeCheck.run(fixtureContext({ home: b, platform: 'linux', env: { HOME: a, USERPROFILE: b } }));
  assert.equal(same[0]!.code, 'home-ok');
});
