import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAwsConfig } from '../../src/aws/config.js';
import { effectiveSource } from '../../src/aws/credential-source.js';

const config = (text: string, creds = '') => buildAwsConfig('/h/.aws/config', text, '/h/.aws/credentials', creds);
const LOGIN = '[profile dev]\nlogin_session = arn:aws:iam::1:user/a\nregion = us-east-1\n';

test('a plain login profile is login for every consumer', () => {
  const profile = config(LOGIN).profiles.get('dev');
  for (const consumer of ['botocore', 'cli-v2', 'js'] as const) {
    const s = effectiveSource(consumer, { env: { AWS_PROFILE: 'dev' }, profile, explicitProfile: false });
    assert.equal(s.winner.source, 'login', consumer);
    assert.equal(s.winner.origin, '/h/.aws/config:2');
  }
});

test('env keys: botocore uses them with AWS_PROFILE, the JS chain skips them, an explicit profile beats them', () => {
  const profile = config(LOGIN).profiles.get('dev');
  const env = { AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIA1', AWS_SECRET_ACCESS_KEY: 's' };
  assert.equal(effectiveSource('botocore', { env, profile, explicitProfile: false }).winner.source, 'env');
  assert.equal(effectiveSource('js', { env, profile, explicitProfile: false }).winner.source, 'login');
  assert.equal(effectiveSource('botocore', { env, profile, explicitProfile: true }).winner.source, 'login');
  const noProfileEnv = { AWS_ACCESS_KEY_ID: 'AKIA1', AWS_SECRET_ACCESS_KEY: 's' };
  assert.equal(effectiveSource('js', { env: noProfileEnv, profile, explicitProfile: false }).winner.source, 'env');
});

test('static keys: the credentials file beats login everywhere, the config file only in JS', () => {
  const inCreds = config(LOGIN, '[dev]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n').profiles.get('dev');
  assert.equal(effectiveSource('botocore', { env: {}, profile: inCreds, explicitProfile: true }).winner.source, 'shared-credentials-file');
  assert.equal(effectiveSource('js', { env: {}, profile: inCreds, explicitProfile: true }).winner.source, 'static');
  const inConfig = config(`${LOGIN}aws_access_key_id = AKIA1\naws_secret_access_key = s\n`).profiles.get('dev');
  const boto = effectiveSource('botocore', { env: {}, profile: inConfig, explicitProfile: true });
  assert.equal(boto.winner.source, 'login');
  assert.deepEqual(boto.shadowed.map((s) => s.source), ['config-file']);
  assert.equal(effectiveSource('js', { env: {}, profile: inConfig, explicitProfile: true }).winner.source, 'static');
});

test('web identity env vars: botocore takes them before login, JS after', () => {
  const profile = config(LOGIN).profiles.get('dev');
  const env = { AWS_ROLE_ARN: 'arn:aws:iam::1:role/r', AWS_WEB_IDENTITY_TOKEN_FILE: '/t' };
  assert.equal(effectiveSource('botocore', { env, profile, explicitProfile: true }).winner.source, 'web-identity');
  assert.equal(effectiveSource('js', { env, profile, explicitProfile: true }).winner.source, 'login');
});

test('credential_process: after login in botocore, before it in JS', () => {
  const profile = config(`${LOGIN}credential_process = /bin/creds\n`).profiles.get('dev');
  assert.equal(effectiveSource('botocore', { env: {}, profile, explicitProfile: true }).winner.source, 'login');
  assert.equal(effectiveSource('js', { env: {}, profile, explicitProfile: true }).winner.source, 'process');
});
