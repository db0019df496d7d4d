import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runJson } from '../../helpers/cli.js';
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

test('home-unusable through the CLI: HOME empty or missing fails and says what each SDK reads', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ld-home-'));
  const missing = await runJson(['--offline'], { home: join(root, 'nope'), cwd: root });
  const f = missing.report.findings.find((x) => x.code === 'home-unusable')!;
  assert.equal(f.status, 'fail');
  assert.match(f.title, /nope, which does not exist/);
  assert.match(f.fix!.commands[0]!, /^export HOME=/);
  assert.ok(!missing.report.findings.some((x) => x.code === 'home-ok'));
  const empty = await runJson(['--offline'], { home: '', cwd: root });
  const e = empty.report.findings.find((x) => x.code === 'home-unusable')!;
  assert.equal(e.status, 'fail');
  assert.deepEqual([e.evidence.python, e.evidence.js], ['/.aws', `${root}/.aws`]);
});

test('the real Python and JS SDK resolve an empty HOME as the finding says', async () => {
  const py = spawnSync('python3', ['-c', "import os; print(os.path.expanduser('~/.aws/config'))"], { env: { PATH: process.env.PATH, HOME: '' }, encoding: 'utf8' });
  if (py.status !== 0) return;
  assert.equal(py.stdout.trim(), '/.aws/config');
  const loader = fileURLToPath(new URL('../../../node_modules/@smithy/core/dist-cjs/submodules/config/index.js', import.meta.url));
  const js = spawnSync(process.execPath, ['-e', `console.log(JSON.stringify(require(${JSON.stringify(loader)}).getHomeDir()))`], { env: { HOME: '' }, encoding: 'utf8' });
  assert.equal(js.stdout.trim(), '""');
});
