// One cause, one failing finding: findings that follow from another one point at it, in every format.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../../src/engine/finding.js';
import { FIXTURES, fixtureHome, runCli, runJson } from '../support/cli.js';
import { FakeAws } from '../support/fake-aws.js';
import { makeSsoHome } from '../support/sso-home.js';

function byCode(findings: Finding[], code: string): Finding {
  const f = findings.find((x) => x.code === code);
  assert.ok(f, `no ${code} in ${findings.map((x) => x.code).join(', ')}`);
  return f;
}

describe('one cause, one failing finding', () => {
  const empty = fixtureHome('empty');

  it('no ~/.aws at all, --profile dev: the missing files fail once; "profile not found" and the readers\' disagreement point there', async () => {
    const { report, code } = await runJson(['--offline', '--profile', 'dev'], { home: empty });
    const cause = byCode(report.findings, 'config-files-missing');
    assert.equal(cause.status, 'fail');
    assert.deepEqual(cause.fix!.commands, ['aws login --profile dev']);
    for (const c of ['profile-not-found', 'config-consumers-disagree']) {
      const f = byCode(report.findings, c);
      assert.equal(f.status, 'info', c);
      assert.deepEqual(f.causedBy, { code: 'config-files-missing', check: 'config.files', title: 'No AWS config or credentials file', ownStatus: c === 'profile-not-found' ? 'fail' : 'warn' });
    }
    assert.equal(report.summary.fail, 1);
    assert.equal(code, 1, 'the exit code still reflects the cause');
  });

  it('a config "file" that cannot be read (a folder): the unreadable file fails once; "profile not found" points there', async () => {
    const home = await mkdtemp(join(tmpdir(), 'ld-one-cause-unreadable-'));
    try {
      await mkdir(join(home, '.aws', 'config'), { recursive: true });
      const { report, code } = await runJson(['--offline', '--profile', 'dev', '--only', 'config'], { home });
      assert.equal(byCode(report.findings, 'config-file-unreadable').status, 'fail');
      for (const c of ['profile-not-found', 'config-consumers-disagree']) {
        const f = byCode(report.findings, c);
        assert.equal(f.status, 'info', c);
        assert.equal(f.causedBy?.code, 'config-file-unreadable', c);
      }
      assert.equal(report.summary.fail, 1);
      assert.equal(code, 1);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('the text report points at the cause instead of repeating its fix, and the recap lists the cause once', async () => {
    const r = await runCli(['--offline', '--profile', 'dev'], { home: empty, env: { NO_COLOR: '1' } });
    assert.match(r.stdout, /^ {2}i Profile "dev" is not defined\n(?: {6}.*\n)*? {6}Cause: "No AWS config or credentials file" \(config-files-missing\); fixing it fixes this too\.$/m);
    assert.equal(r.stdout.match(/\$ aws login --profile dev/g)?.length, 1, 'the sign-in command is printed once');
    const recap = r.stdout.slice(r.stdout.indexOf('\nTo fix\n'));
    assert.match(recap, /✗ No AWS config or credentials file/);
    assert.doesNotMatch(recap, /Profile "dev" is not defined|read the set-up differently/);
    assert.match(r.stdout, /Next: aws login --profile dev/);
    assert.match(r.stdout, /1 failed/);
  });

  it('Markdown, JUnit and GitHub annotations show the same link', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ld-one-cause-'));
    try {
      const junit = join(dir, 'report.xml');
      const md = await runCli(['report', '--offline', '--profile', 'dev', '--junit', junit], { home: empty });
      assert.match(md.stdout, /\*\*Cause:\*\* "No AWS config or credentials file" \(config-files-missing\); fixing it fixes this too\./);
      assert.match(md.stdout, /\| ℹ️ info \| `config.profile` \| `profile-not-found` \| Profile "dev" is not defined \(caused by `config-files-missing`\) \|/);
      const xml = await readFile(junit, 'utf8');
      assert.match(xml, /<testcase classname="login-doctor.config" name="config.files: [^"]*"[^>]*>\s*<failure message="No AWS config or credentials file"/);
      assert.match(xml, /<testcase classname="login-doctor.config" name="config.profile: [^"]*"[^>]*>\s*<system-out>\[info\] profile-not-found[^<]*Cause: "No AWS config/);
      const gh = await runCli(['--offline', '--profile', 'dev', '--github'], { home: empty, env: { GITHUB_ACTIONS: 'true' } });
      const annotations = gh.stdout.split('\n').filter((l) => l.startsWith('::error') || l.startsWith('::warning'));
      const errors = annotations.filter((l) => l.startsWith('::error'));
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0]!, /No AWS config or credentials file.*Also explains:%0A.*  - \[profile-not-found\] Profile "dev" is not defined/);
      assert.ok(!annotations.some((l) => l.includes('title=login-doctor%3A Profile')), 'no annotation of its own for a consequence');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a consequence whose cause is left out of the run (--skip) fails on its own', async () => {
    const { report } = await runJson(['--offline', '--profile', 'dev', '--skip', 'config.files'], { home: empty });
    const f = byCode(report.findings, 'profile-not-found');
    assert.equal(f.status, 'fail');
    assert.equal(f.causedBy, undefined);
  });

  it('an expired SSO session: the expired token is the one failure, offline and online (the live check points at it)', async () => {
    const fake = new FakeAws();
    await fake.start();
    const s = await makeSsoHome({ fake, expiresInS: -3600, registrationExpiresInS: -60 });
    try {
      for (const offline of [true, false]) {
        const { report, code } = await runJson([...(offline ? ['--offline'] : []), '--profile', s.profile, '--only', 'caches,live'], { home: s.home, env: { ...s.env, ...fake.env() } });
        const cause = byCode(report.findings, 'sso-token-expired');
        assert.equal(cause.status, 'fail');
        assert.deepEqual(byCode(report.findings, 'sso-registration-expired').causedBy?.code, 'sso-token-expired');
        if (!offline) {
          const live = byCode(report.findings, 'sts-credentials-failed');
          assert.deepEqual([live.status, live.causedBy?.code, live.causedBy?.ownStatus], ['info', 'sso-token-expired', 'fail']);
        }
        assert.equal(report.summary.fail, 1, JSON.stringify(report.findings.filter((f) => f.status === 'fail').map((f) => f.code)));
        assert.equal(code, 1);
      }
    } finally {
      await s.cleanup();
      await fake.stop();
    }
  });

  it('an old JS SDK seen by the installed copies and the lock file fails once', async () => {
    const home = fixtureHome('jsdeps-login');
    const nested = await runJson(['--offline', '--only', 'project', '--project', `${FIXTURES}projects/installed-nested`], { home });
    assert.equal(byCode(nested.report.findings, 'js-sdk-no-login').status, 'fail');
    assert.deepEqual(byCode(nested.report.findings, 'js-login-stale-cache').causedBy?.code, 'js-sdk-no-login');
    const locked = await runJson(['--offline', '--only', 'project', '--project', `${FIXTURES}projects/npm-lock-v3`], { home });
    assert.equal(byCode(locked.report.findings, 'js-login-stale-cache').status, 'warn');
    const pin = byCode(locked.report.findings, 'pins-js-too-old');
    assert.deepEqual([pin.status, pin.causedBy?.code, pin.causedBy?.ownStatus], ['info', 'js-login-stale-cache', 'warn']);
    assert.equal(locked.report.summary.warn, 1);
  });
});
