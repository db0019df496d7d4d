import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { FINDING_CODES, type FindingCode } from '../../src/engine/finding-codes.js';
import { isCi } from '../../src/cli/ci.js';
import { runCli, runJson } from '../support/cli.js';
import { tempHome } from '../support/temp-home.js';
import { writeHealthyLoginCache } from '../support/token-fixtures.js';

const LOGIN = '[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/alice\n';
// Only the checks whose results these tests control (the machine's aws and python must not count).
const MINE = ['--only', 'environment,config'];

describe('CI modes, selection and list-checks', () => {
  const fx = tempHome({ '.aws/config': LOGIN });
  // A healthy login cache, so only the config findings decide the exit codes below.
  writeHealthyLoginCache(fx.home, 'arn:aws:iam::123456789012:user/alice');
  after(fx.cleanup);

  it('CI detection follows the CI variable', () => {
    assert.equal(isCi({ CI: 'true' }), true);
    assert.equal(isCi({ CI: '1' }), true);
    assert.equal(isCi({ CI: 'false' }), false);
    assert.equal(isCi({ CI: '' }), false);
    assert.equal(isCi({}), false);
  });

  it('--ci and CI=true: no colour unless forced, no spinner, no prompt', async () => {
    for (const opts of [{ args: ['--ci'], env: {} }, { args: [], env: { CI: 'true' } }]) {
      const r = await runCli(['--offline', '--profile', 'dev', ...opts.args], { home: fx.home, env: opts.env });
      assert.equal(r.code, 1);
      assert.doesNotMatch(r.stdout + r.stderr, /\u001b/);
      assert.equal(r.stderr, '');
    }
    const forced = await runCli(['--offline', '--profile', 'dev', '--ci'], { home: fx.home, env: { FORCE_COLOR: '1' } });
    assert.match(forced.stdout, /\u001b\[/);
  });

  it('--strict fails on a warning; without it a warning passes', async () => {
    const env = { AWS_REGION: 'eu-west-1' };
    const plain = await runJson(['--offline', '--profile', 'dev', ...MINE], { home: fx.home, env });
    assert.equal(plain.report.findings.find((f) => f.code === 'region-env-python')?.status, 'warn');
    assert.equal(plain.code, 0);
    assert.equal((await runJson(['--offline', '--profile', 'dev', '--strict', ...MINE], { home: fx.home, env })).code, 1);
  });

  it('--only by check id runs only that check', async () => {
    const r = await runJson(['--offline', '--profile', 'dev', '--only', 'config.region'], { home: fx.home });
    assert.deepEqual([...new Set(r.report.findings.map((f) => f.check))], ['config.region']);
    assert.equal(r.code, 1);
  });

  it('--only by finding code keeps only that code; --skip by code drops it', async () => {
    const only = await runJson(['--offline', '--profile', 'dev', '--only', 'region-missing,profile-selected'], { home: fx.home });
    assert.deepEqual(only.report.findings.map((f) => f.code).sort(), ['profile-selected', 'region-missing']);
    const skip = await runJson(['--offline', '--profile', 'dev', '--skip', 'region-missing', ...MINE], { home: fx.home });
    assert.ok(!skip.report.findings.some((f) => f.code === 'region-missing'));
    assert.ok(skip.report.findings.some((f) => f.code === 'profile-selected'));
    assert.equal(skip.code, 0, 'the skipped failure no longer fails the run');
  });

  it('--skip by check id skips the check', async () => {
    const r = await runJson(['--offline', '--profile', 'dev', '--skip', 'config.region', '--skip', 'environment.home', ...MINE], { home: fx.home });
    assert.ok(!r.report.findings.some((f) => f.check === 'config.region' || f.check === 'environment.home'));
    assert.equal(r.code, 0);
  });

  it('a category selects or skips all its checks', async () => {
    const only = await runJson(['--offline', '--profile', 'dev', '--only', 'config'], { home: fx.home });
    assert.deepEqual([...new Set(only.report.findings.map((f) => f.check.split('.')[0]))], ['config']);
    const skip = await runJson(['--offline', '--profile', 'dev', '--skip', 'environment'], { home: fx.home });
    assert.ok(!skip.report.findings.some((f) => f.check.startsWith('environment.')));
    assert.ok(skip.report.findings.some((f) => f.check === 'config.region'));
  });

  it('an unknown check id is a usage error', async () => {
    const r = await runCli(['--offline', '--only', 'config.nosuch'], { home: fx.home });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown check id, category or finding code "config\.nosuch"/);
  });

  it('list-checks: id, category, touches, title (text and JSON)', async () => {
    const text = await runCli(['list-checks'], { home: fx.home });
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^ID\s+CATEGORY\s+TOUCHES\s+TITLE$/m);
    assert.match(text.stdout, /^config\.region\s+config\s+files\s+Region for the login refresh$/m);
    const json = await runCli(['list-checks', '--json'], { home: fx.home });
    const list = JSON.parse(json.stdout) as Array<{ id: string; category: string; touches: string[]; title: string; codes: string[] }>;
    assert.deepEqual(list.find((c) => c.id === 'config.region'), {
      id: 'config.region',
      title: 'Region for the login refresh',
      category: 'config',
      touches: ['files'],
      codes: ['region-env-python', 'region-missing', 'region-ok'],
    });
    // Every check lists at least one code, and every listed code is declared for that check.
    for (const c of list) assert.ok(c.codes.length > 0 && c.codes.every((code) => FINDING_CODES[code as FindingCode].check === c.id), c.id);
  });

  it('unknown options and subcommands exit 2', async () => {
    assert.equal((await runCli(['--bogus'], { home: fx.home })).code, 2);
    assert.equal((await runCli(['bogus-command'], { home: fx.home })).code, 2);
  });
});
