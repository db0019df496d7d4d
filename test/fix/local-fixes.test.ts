import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Check } from '../../src/engine/check.js';
import type { Finding } from '../../src/engine/finding.js';
import type { FixAction } from '../../src/engine/fix-action.js';
import { runChecks, type CheckResult } from '../../src/engine/runner.js';
import { addSettingToIni, applyFix, planFixes, runFixes } from '../../src/fix/local-fixes.js';
import { fixtureContext } from '../support/context.js';
import { runCli, runJson } from '../support/cli.js';
import { finding } from '../support/findings.js';
import { tempHome } from '../support/temp-home.js';
import { writeHealthyLoginCache } from '../support/token-fixtures.js';

/** One check's result whose findings each carry the given actions. */
function result(...items: [Finding, FixAction[]][]): CheckResult {
  return {
    check: { id: 'caches.login', title: 'Login cache', category: 'caches' },
    findings: items.map(([f]) => f),
    fixes: items.flatMap(([f, actions]) => actions.map((action) => ({ finding: f, action }))),
    durationMs: 0,
  };
}

const add = (over: Partial<Extract<FixAction, { kind: 'add-setting' }>> = {}): Extract<FixAction, { kind: 'add-setting' }> => ({
  kind: 'add-setting',
  path: '/x/config',
  section: 'profile dev',
  line: 3,
  key: 'region',
  value: 'us-east-1',
  ...over,
});

describe('addSettingToIni', () => {
  const text = '[default]\nregion = eu-west-1\n[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/a\n\n# comment\n[profile other]\nregion = x\n';

  it('inserts after the last setting of the section, before blank lines and comments', () => {
    assert.equal(
      addSettingToIni(text, add()),
      '[default]\nregion = eu-west-1\n[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/a\nregion = us-east-1\n\n# comment\n[profile other]\nregion = x\n',
    );
  });

  it('keeps CRLF line ends', () => {
    assert.equal(addSettingToIni('[profile dev]\r\nlogin_session = s\r\n', add({ line: 1 })), '[profile dev]\r\nlogin_session = s\r\nregion = us-east-1\r\n');
  });

  it('refuses when the header moved or the key exists', () => {
    assert.throws(() => addSettingToIni(text, add({ line: 2 })), /not the \[profile dev\] header/);
    assert.throws(() => addSettingToIni(text, add({ section: 'default', line: 1 })), /already sets region/);
  });
});

describe('applyFix and runFixes', () => {
  const fx = tempHome({ 'cache/a.json': '{}', 'cache/tmpabc.tmp': 'x', 'cache/keep.json': '{}', 'config': '[profile dev]\nlogin_session = s\n' });
  after(fx.cleanup);
  const p = (rel: string) => join(fx.home, rel);

  it('chmod tightens; a mode that opens access is refused', async () => {
    chmodSync(p('cache/a.json'), 0o644);
    assert.deepEqual(await applyFix({ kind: 'chmod', path: p('cache/a.json'), mode: '0600' }, null), { ok: true });
    assert.equal(statSync(p('cache/a.json')).mode & 0o777, 0o600);
    const r = await applyFix({ kind: 'chmod', path: p('cache/a.json'), mode: '0644' }, null);
    assert.equal(r.ok, false);
    assert.equal(statSync(p('cache/a.json')).mode & 0o777, 0o600);
  });

  it('remove deletes only tmp*.tmp regular files', async () => {
    assert.equal((await applyFix({ kind: 'remove', path: p('cache/keep.json') }, null)).ok, false);
    assert.ok(existsSync(p('cache/keep.json')));
    assert.deepEqual(await applyFix({ kind: 'remove', path: p('cache/tmpabc.tmp') }, null), { ok: true });
    assert.ok(!existsSync(p('cache/tmpabc.tmp')));
  });

  it('add-setting rewrites the config atomically: its mode kept, the line added, no temp file left', async () => {
    chmodSync(p('config'), 0o640);
    assert.deepEqual(await applyFix(add({ path: p('config'), line: 1 }), null), { ok: true });
    assert.equal(readFileSync(p('config'), 'utf8'), '[profile dev]\nlogin_session = s\nregion = us-east-1\n');
    assert.equal(statSync(p('config')).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(fx.home).filter((n) => n.endsWith('.tmp')), []);
  });

  it('refuses symlinks', async () => {
    symlinkSync(p('cache/keep.json'), p('cache/tmplink.tmp'));
    const r = await applyFix({ kind: 'remove', path: p('cache/tmplink.tmp') }, null);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && /symbolic link/.test(r.reason));
    assert.ok(existsSync(p('cache/keep.json')));
  });

  it('chown only to the current user', async () => {
    const uid = process.getuid?.() ?? null;
    const r = await applyFix({ kind: 'chown', path: p('cache/a.json'), uid: 12345, gid: 12345 }, uid);
    assert.equal(r.ok, false);
    if (uid !== null) assert.deepEqual(await applyFix({ kind: 'chown', path: p('cache/a.json'), uid, gid: process.getgid!() }, uid), { ok: true });
  });

  it('planFixes takes the actions of reported problems only (not pass/skip, not findings removed by --skip)', () => {
    const kept = finding();
    const dropped = finding({ code: 'login-cache-permissions' });
    const r = result(
      [kept, [{ kind: 'chmod', path: '/a', mode: '0600' }, { kind: 'remove', path: '/t/tmp1.tmp' }]],
      [finding({ status: 'pass' }), [{ kind: 'remove', path: '/t/tmp2.tmp' }]],
      [dropped, [{ kind: 'chmod', path: '/b', mode: '0600' }]],
    );
    const plan = planFixes([{ ...r, findings: r.findings.filter((f) => f !== dropped) }]);
    assert.deepEqual(
      plan.map((x) => x.action),
      [
        { kind: 'chmod', path: '/a', mode: '0600' },
        { kind: 'remove', path: '/t/tmp1.tmp' },
      ],
    );
  });

  it('the runner keeps exact paths in the actions and prints a sanitized, redacted copy as evidence.fixable', async () => {
    const ctx = fixtureContext({ home: '/nonexistent-home' });
    ctx.secrets.add('SECRET-in-a-path');
    const path = '/h/.aws/login/cache/tmp\u001b[31mSECRET-in-a-path.tmp';
    const check: Check = {
      id: 'caches.login',
      title: 'Login cache',
      category: 'caches',
      touches: [],
      run: () => [{ code: 'login-cache-tmp-leftovers', status: 'info', title: 'tmp', evidence: { folder: '/h' }, fixable: [{ kind: 'remove', path }] }],
    };
    const [r] = await runChecks([check], ctx, { defaultTimeoutMs: 1000 });
    assert.deepEqual(r!.fixes.map((f) => f.action), [{ kind: 'remove', path }]);
    assert.equal(r!.fixes[0]!.finding, r!.findings[0]);
    assert.deepEqual(r!.findings[0]!.evidence, { folder: '/h', fixable: [{ kind: 'remove', path: '/h/.aws/login/cache/tmp[redacted].tmp' }] });
  });

  it('a check that writes evidence.fixable by hand crashes (the printed copy is the runner\'s)', async () => {
    const check: Check = {
      id: 'caches.login',
      title: 'Login cache',
      category: 'caches',
      touches: [],
      run: () => [{ code: 'login-cache-tmp-leftovers', status: 'info', title: 'tmp', evidence: { fixable: { kind: 'remove', path: '/t/tmp1.tmp' } } }],
    };
    const [r] = await runChecks([check], fixtureContext({ home: '/nonexistent-home' }), { defaultTimeoutMs: 1000 });
    assert.equal(r!.findings[0]!.code, 'check-crashed');
    assert.deepEqual(r!.fixes, []);
  });

  it('asks for each change and applies only what was confirmed', async () => {
    writeFileSync(p('cache/tmp1.tmp'), 'x');
    writeFileSync(p('cache/tmp2.tmp'), 'x');
    const said: string[] = [];
    const answers = [false, true];
    const summary = await runFixes(
      planFixes([result([finding(), [{ kind: 'remove', path: p('cache/tmp1.tmp') }, { kind: 'remove', path: p('cache/tmp2.tmp') }]])]),
      { say: (t) => said.push(t), ask: async () => answers.shift()!, yes: false, uid: null, show: (s) => s },
    );
    assert.deepEqual(summary, { applied: 1, declined: 1, failed: 0 });
    assert.ok(existsSync(p('cache/tmp1.tmp')));
    assert.ok(!existsSync(p('cache/tmp2.tmp')));
  });

  it('without a way to confirm and without --yes nothing changes', async () => {
    const said: string[] = [];
    const summary = await runFixes(planFixes([result([finding(), [{ kind: 'remove', path: p('cache/tmp1.tmp') }]])]), {
      say: (t) => said.push(t),
      ask: null,
      yes: false,
      uid: null,
      show: (s) => s,
    });
    assert.deepEqual(summary, { applied: 0, declined: 1, failed: 0 });
    assert.ok(existsSync(p('cache/tmp1.tmp')));
    assert.match(said.join('\n'), /re-run with --fix --yes/);
  });
});

describe('--fix through the CLI: a missing region line', () => {
  const CONFIG = '[default]\nregion = eu-west-1\n\n[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/alice\n\n[profile other]\noutput = json\n';

  it('without --yes (no terminal): shows the change, leaves the file alone, exit 1', async () => {
    const fx = tempHome({ '.aws/config': CONFIG });
    try {
      const r = await runCli(['--offline', '--profile', 'dev', '--only', 'environment,config', '--fix'], { home: fx.home });
      assert.equal(r.code, 1);
      assert.match(r.stdout, /1 local fix available, not applied/);
      assert.match(r.stdout, /region-missing: add to .*\.aws\/config, section \[profile dev\] \(line 4\):\n\s+\+ region = us-east-1/);
      assert.equal(readFileSync(join(fx.home, '.aws/config'), 'utf8'), CONFIG);
    } finally {
      fx.cleanup();
    }
  });

  it('with --yes: adds the line in the right section, keeps the mode, and the re-check passes', async () => {
    const fx = tempHome({ '.aws/config': CONFIG });
    // A healthy login cache, so the region line is the only thing to fix.
    writeHealthyLoginCache(fx.home, 'arn:aws:iam::123456789012:user/alice');
    try {
      const config = join(fx.home, '.aws/config');
      chmodSync(config, 0o640);
      const r = await runCli(['--offline', '--profile', 'dev', '--only', 'environment,config', '--fix', '--yes'], { home: fx.home });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /done\nAfter 1 fix: 0 failed, 0 warnings\./);
      assert.equal(readFileSync(config, 'utf8'), CONFIG.replace('user/alice\n', 'user/alice\nregion = us-east-1\n'));
      assert.equal(statSync(config).mode & 0o777, 0o640);
      const again = await runJson(['--offline', '--profile', 'dev'], { home: fx.home });
      assert.equal(again.report.findings.find((f) => f.check === 'config.region')?.code, 'region-ok');
    } finally {
      fx.cleanup();
    }
  });

  it('region-env-python: writes the AWS_REGION value; --json keeps stdout JSON and talks on stderr', async () => {
    const fx = tempHome({ '.aws/config': CONFIG });
    try {
      const r = await runJson(['--offline', '--profile', 'dev', '--fix', '--yes'], { home: fx.home, env: { AWS_REGION: 'ap-southeast-2' } });
      assert.equal(r.report.findings.find((f) => f.code === 'region-env-python')?.status, 'warn');
      assert.match(r.stderr, /\+ region = ap-southeast-2/);
      assert.match(readFileSync(join(fx.home, '.aws/config'), 'utf8'), /user\/alice\nregion = ap-southeast-2\n/);
    } finally {
      fx.cleanup();
    }
  });

  it('prints, never runs, the fixes it may not make', async () => {
    const fx = tempHome({ '.aws/config': CONFIG, '.aws/credentials': '[dev]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\n' });
    try {
      const r = await runCli(['--offline', '--profile', 'dev', '--only', 'environment,config', '--fix', '--yes'], { home: fx.home });
      assert.match(r.stdout, /Not changed automatically[^\n]*\n\s+static-keys-shadow-login:\n\s+\$ aws login --profile dev-login/);
      assert.equal(r.code, 1, 'the static keys still fail after the region fix');
    } finally {
      fx.cleanup();
    }
  });
});
