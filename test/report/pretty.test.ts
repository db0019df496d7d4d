import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colorLevel } from '../../src/report/style.js';
import { fixtureHome, runCli } from '../support/cli.js';

const ESC = '\u001b[';

test('colour precedence: flag > FORCE_COLOR > NO_COLOR > TTY', () => {
  assert.equal(colorLevel({ colorFlag: false, env: { FORCE_COLOR: '3' }, isTTY: true, ascii: false }), 0);
  assert.equal(colorLevel({ colorFlag: true, env: { NO_COLOR: '1' }, isTTY: false, ascii: false }), 1);
  assert.equal(colorLevel({ colorFlag: undefined, env: { FORCE_COLOR: '2', NO_COLOR: '1' }, isTTY: false, ascii: false }), 2);
  assert.equal(colorLevel({ colorFlag: undefined, env: { FORCE_COLOR: '0' }, isTTY: true, ascii: false }), 0);
  assert.equal(colorLevel({ colorFlag: undefined, env: { NO_COLOR: '1' }, isTTY: true, ascii: false }), 0);
  assert.equal(colorLevel({ colorFlag: undefined, env: {}, isTTY: true, ascii: false }), 1);
  assert.equal(colorLevel({ colorFlag: undefined, env: {}, isTTY: false, ascii: false }), 0);
  assert.equal(colorLevel({ colorFlag: undefined, env: { TERM: 'dumb' }, isTTY: true, ascii: false }), 0);
});

test('pretty report, NO_COLOR: grouped, symbols, fix commands, summary, no escapes', async () => {
  // An empty PATH keeps the machine's own aws and python (tools checks) out of the exact summary line.
  const { code, stdout } = await runCli(['--offline', '--profile', 'dev'], { home: fixtureHome('region-missing'), env: { NO_COLOR: '1', PATH: '' } });
  assert.equal(code, 1);
  assert.ok(!stdout.includes(ESC), 'no ANSI escapes with NO_COLOR');
  assert.match(stdout, /^Configuration$/m);
  assert.match(stdout, /^ {2}✓ Config files parse cleanly \(1 profile\)$/m);
  assert.match(stdout, /^ {2}✗ Login profile "dev" has no region: the refresh will fail$/m);
  assert.match(stdout, /^ {8}\$ aws configure set region us-east-1 --profile dev$/m);
  // The fixture has no login cache either (caches.login), hence two failures.
  assert.match(stdout, /^ {2}✗ No login cache file for profile "dev"$/m);
  assert.match(stdout, /Problems found\. \d+ passed, \d+ info, \d+ warnings?, 2 failed, \d+ skipped$/m);
});

test('pretty report with --color: coloured symbols', async () => {
  const { stdout } = await runCli(['--offline', '--profile', 'dev', '--color'], { home: fixtureHome('region-missing') });
  assert.ok(stdout.includes(`${ESC}31m✗${ESC}39m`), 'red cross');
  assert.ok(stdout.includes(`${ESC}32m✓${ESC}39m`), 'green tick');
});

test('--ascii and TERM=dumb use ASCII symbols', async () => {
  for (const [args, env] of [
    [['--ascii'], {}],
    [[], { TERM: 'dumb' }],
  ] as const) {
    const { stdout } = await runCli(['--offline', '--profile', 'dev', ...args], { home: fixtureHome('region-missing'), env });
    assert.match(stdout, /^ {2}\[XX\] Login profile "dev" has no region/m);
    assert.match(stdout, /^ {2}\[ok\] Config files parse cleanly/m);
    assert.ok(!stdout.includes('✓'));
  }
});

test('passing checks are one line; --verbose adds evidence', async () => {
  const quiet = await runCli(['--offline', '--profile', 'dev'], { home: fixtureHome('healthy-login'), env: { NO_COLOR: '1' } });
  const line = quiet.stdout.split('\n').findIndex((l) => l.includes('Profile "dev" (login) chosen by --profile'));
  assert.ok(line >= 0);
  assert.ok(!quiet.stdout.split('\n')[line + 1]!.startsWith('      '), 'no detail under a pass');
  const verbose = await runCli(['--offline', '--profile', 'dev', '--verbose'], { home: fixtureHome('healthy-login'), env: { NO_COLOR: '1' } });
  assert.match(verbose.stdout, /evidence: \{"profile":"dev","kind":"login","from":"--profile"\}/);
});

test('a profile name with escape sequences is neutralised in the terminal output', async () => {
  const { stdout } = await runCli(['--offline', '--profile', 'evil\u001b[2J\u202e'], { home: fixtureHome('healthy-login'), env: { NO_COLOR: '1' } });
  assert.ok(!stdout.includes('\u001b'), 'no raw ESC');
  assert.ok(!stdout.includes('\u202e'), 'no raw RLO');
  assert.match(stdout, /Profile "evil\\u\{202e\}" is not defined/);
});
