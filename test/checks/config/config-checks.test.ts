import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../src/engine/finding.js';
import { fixtureHome, runJson } from '../../support/cli.js';

function find(findings: Finding[], code: string): Finding {
  const f = findings.find((x) => x.code === code);
  assert.ok(f, `expected finding ${code}, got ${findings.map((x) => x.code).join(', ')}`);
  return f;
}

test('healthy login profile: every config check passes, exit 0', async () => {
  const { code, report } = await runJson(['--offline', '--profile', 'dev'], { home: fixtureHome('healthy-login') });
  const config = report.findings.filter((f) => f.check.startsWith('config.'));
  assert.deepEqual(
    config.map((f) => [f.code, f.status]),
    [
      ['config-files-ok', 'pass'],
      ['profile-selected', 'pass'],
      ['credential-sources', 'pass'],
      ['region-ok', 'pass'],
    ],
  );
  assert.equal(find(report.findings, 'profile-selected').evidence.kind, 'login');
  assert.equal(report.summary.fail, report.findings.filter((f) => f.status === 'fail').length);
  if (report.summary.fail === 0) assert.equal(code, 0);
});

test('healthy sso-session profile is recognised as kind sso', async () => {
  const { report } = await runJson(['--offline', '--profile', 'sso-dev'], { home: fixtureHome('healthy-sso') });
  assert.equal(find(report.findings, 'profile-selected').evidence.kind, 'sso');
  assert.equal(find(report.findings, 'credential-sources').status, 'pass');
  assert.ok(!report.findings.some((f) => f.check.startsWith('config.') && f.status !== 'pass'));
});

test('empty HOME: config-files-missing and the default profile is not found (warn)', async () => {
  const { report } = await runJson(['--offline'], { home: fixtureHome('empty') });
  const missing = find(report.findings, 'config-files-missing');
  assert.equal(missing.status, 'warn');
  assert.deepEqual(missing.fix!.commands, ['aws login']);
  assert.equal(find(report.findings, 'profile-not-found').status, 'warn');
});

test('config-bare-section names file:line and the rename', async () => {
  const home = fixtureHome('bare-section');
  const { report } = await runJson(['--offline'], { home });
  const f = find(report.findings, 'config-bare-section');
  assert.equal(f.status, 'warn');
  assert.match(f.detail, new RegExp(`${home}/.aws/config:4`));
  assert.match(f.fix!.text, /\[profile dev\]/);
});

test('config-parse-error is a fail with file:line', async () => {
  const home = fixtureHome('parse-error');
  const { code, report } = await runJson(['--offline', '--profile', 'dev'], { home });
  const f = find(report.findings, 'config-parse-error');
  assert.equal(f.status, 'fail');
  assert.equal(f.evidence.line, 4);
  assert.match(f.title, /config:4/);
  assert.equal(code, 1);
});

test('profile-not-found lists the existing profiles and exits 1', async () => {
  const { code, report } = await runJson(['--offline'], { home: fixtureHome('multi'), env: { AWS_PROFILE: 'ghost' } });
  const f = find(report.findings, 'profile-not-found');
  assert.equal(f.status, 'fail');
  assert.deepEqual(f.evidence.known, ['default', 'ci', 'legacy', 'proc', 'static']);
  assert.deepEqual(f.fix!.commands, ['unset AWS_PROFILE', 'export AWS_PROFILE=default', 'aws login --profile ghost']);
  assert.equal(report.profile, 'ghost');
  assert.equal(code, 1);
});

test('profile-env-conflict says which tool uses which profile', async () => {
  const { report } = await runJson(['--offline'], { home: fixtureHome('multi'), env: { AWS_PROFILE: 'default', AWS_DEFAULT_PROFILE: 'ci' } });
  const f = find(report.findings, 'profile-env-conflict');
  assert.equal(f.status, 'warn');
  assert.match(f.detail, /pip botocore\/boto3 use "ci"/);
  assert.match(f.detail, /AWS CLI v2 and the JS SDK use "default"/);
  assert.deepEqual(f.fix!.commands, ['unset AWS_DEFAULT_PROFILE']);
});

test('env-keys-shadow-profile: botocore takes env keys when the profile comes from AWS_PROFILE', async () => {
  const { report } = await runJson(['--offline'], {
    home: fixtureHome('healthy-login'),
    env: { AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIAENVFIXTURE000001', AWS_SECRET_ACCESS_KEY: 'SECRET-env-fixture-do-not-print' },
  });
  const f = find(report.findings, 'env-keys-shadow-profile');
  assert.equal(f.status, 'warn');
  assert.deepEqual(f.evidence.consumers, { botocore: 'env', 'cli-v2': 'env', js: 'login' });
  assert.deepEqual(f.fix!.commands, ['unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN']);
  assert.ok(!JSON.stringify(report).includes('SECRET-env-fixture'));
});

test('env keys with an explicit --profile are only info', async () => {
  const { report } = await runJson(['--offline', '--profile', 'dev'], {
    home: fixtureHome('healthy-login'),
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVFIXTURE000001', AWS_SECRET_ACCESS_KEY: 'x' },
  });
  assert.equal(find(report.findings, 'env-keys-shadow-profile').status, 'info');
});

test('static-keys-shadow-login: credentials-file keys fail for every consumer', async () => {
  const home = fixtureHome('static-keys-shadow-login');
  const { code, report } = await runJson(['--offline', '--profile', 'dev'], { home });
  const f = find(report.findings, 'static-keys-shadow-login');
  assert.equal(f.status, 'fail');
  assert.match(f.detail, /credentials:2/);
  assert.match(f.fix!.text, /\[dev\] section of .*credentials/);
  assert.equal(code, 1);
  const text = JSON.stringify(report);
  assert.ok(!text.includes('SECRET-static-fixture'));
  assert.ok(!text.includes('AKIAFIXTUREKEY123456'));
});

test('static keys in the config file only fool the JS SDK: warn', async () => {
  const { report } = await runJson(['--offline', '--profile', 'dev'], { home: fixtureHome('static-keys-in-config') });
  const f = find(report.findings, 'static-keys-shadow-login');
  assert.equal(f.status, 'warn');
  assert.match(f.detail, /JS SDK uses those keys/);
  assert.match(f.fix!.text, /\[profile dev\]/);
});

test('mixed-credential-sources names the extra keys and per-consumer winners', async () => {
  const { report } = await runJson(['--offline', '--profile', 'dev'], { home: fixtureHome('mixed-sources') });
  const f = find(report.findings, 'mixed-credential-sources');
  assert.equal(f.status, 'warn');
  assert.deepEqual(f.evidence.keys, ['credential_process']);
  assert.match(f.detail, /AWS SDK for JavaScript v3: credential_process/);
  assert.match(f.detail, /AWS CLI v2: aws login/);
});

test('web-identity-env-set', async () => {
  const { report } = await runJson(['--offline', '--profile', 'dev'], {
    home: fixtureHome('healthy-login'),
    env: { AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/ci', AWS_WEB_IDENTITY_TOKEN_FILE: '/tmp/token' },
  });
  const f = find(report.findings, 'web-identity-env-set');
  assert.equal(f.status, 'warn');
  assert.deepEqual(f.fix!.commands, ['unset AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE AWS_ROLE_SESSION_NAME']);
});

test('sso-session-missing quotes the JS SDK crash', async () => {
  const { code, report } = await runJson(['--offline', '--profile', 'sso-dev'], { home: fixtureHome('sso-session-missing') });
  const f = find(report.findings, 'sso-session-missing');
  assert.equal(f.status, 'fail');
  assert.match(f.detail, /reading 'sso_region'/);
  assert.equal(code, 1);
});

test('region-missing fails with the aws configure fix', async () => {
  const { code, report } = await runJson(['--offline', '--profile', 'dev'], { home: fixtureHome('region-missing') });
  const f = find(report.findings, 'region-missing');
  assert.equal(f.status, 'fail');
  assert.deepEqual(f.fix!.commands, ['aws configure set region us-east-1 --profile dev']);
  assert.equal(code, 1);
});

test('AWS_DEFAULT_REGION satisfies botocore; AWS_REGION alone is region-env-python', async () => {
  const home = fixtureHome('region-missing');
  const ok = await runJson(['--offline', '--profile', 'dev'], { home, env: { AWS_DEFAULT_REGION: 'eu-west-1' } });
  assert.equal(find(ok.report.findings, 'region-ok').evidence.region, 'eu-west-1');
  const { report } = await runJson(['--offline', '--profile', 'dev'], { home, env: { AWS_REGION: 'eu-west-1' } });
  const f = find(report.findings, 'region-env-python');
  assert.equal(f.status, 'warn');
  assert.deepEqual(f.fix!.commands, ['aws configure set region eu-west-1 --profile dev']);
});

test('--all-profiles diagnoses every profile', async () => {
  const { report } = await runJson(['--offline', '--all-profiles'], { home: fixtureHome('multi') });
  assert.equal(report.profile, null);
  const sources = report.findings.filter((f) => f.code === 'credential-sources');
  assert.deepEqual(
    sources.map((f) => (f.evidence.botocore as { source: string }).source),
    ['login', 'assume-role', 'sso', 'process', 'shared-credentials-file'],
  );
});
