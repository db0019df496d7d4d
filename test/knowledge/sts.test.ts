import assert from 'node:assert/strict';
import { it } from 'node:test';
import { clockFix, jsCredentialSourceLabel, stsErrorRule } from '../../src/knowledge/sts.js';

it('clock fix per OS, WSL2 detected from WSL_DISTRO_NAME', () => {
  assert.deepEqual(clockFix('linux', { WSL_DISTRO_NAME: 'Ubuntu' }).commands, ['sudo hwclock -s']);
  assert.deepEqual(clockFix('linux', {}).commands, ['sudo timedatectl set-ntp true']);
  assert.deepEqual(clockFix('darwin', { WSL_DISTRO_NAME: 'x' }).commands, ['sudo sntp -sS time.apple.com']);
  assert.deepEqual(clockFix('win32', {}).commands, ['w32tm /resync']);
});

it('STS error codes map to one finding code each; unknown codes to none', () => {
  assert.equal(stsErrorRule('ExpiredToken')?.code, 'sts-expired-token');
  assert.equal(stsErrorRule('InvalidClientTokenId')?.code, 'sts-invalid-token');
  assert.equal(stsErrorRule('AccessDenied')?.code, 'sts-access-denied');
  assert.equal(stsErrorRule('SignatureDoesNotMatch')?.code, 'sts-signature-mismatch');
  assert.equal(stsErrorRule('Throttling'), undefined);
});

it('$source labels: a role over a login source profile is named as the role', () => {
  assert.equal(jsCredentialSourceLabel({ CREDENTIALS_LOGIN: 'AD', CREDENTIALS_PROFILE_LOGIN: 'AC' }), 'aws login (login_session)');
  assert.equal(
    jsCredentialSourceLabel({ CREDENTIALS_PROFILE_SOURCE_PROFILE: 'o', CREDENTIALS_STS_ASSUME_ROLE: 'i', CREDENTIALS_LOGIN: 'AD' }),
    'assume role (source_profile)',
  );
  assert.equal(jsCredentialSourceLabel({ CREDENTIALS_ENV_VARS: 'g' }), 'environment variables (AWS_ACCESS_KEY_ID)');
  assert.equal(jsCredentialSourceLabel({}), null);
});
