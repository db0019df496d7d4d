import assert from 'node:assert/strict';
import { it } from 'node:test';
import { clockFix, jsCredentialSourceLabel, stsSignature } from '../../src/knowledge/sts.js';

it('clock fix per OS, WSL2 detected from WSL_DISTRO_NAME', () => {
  assert.deepEqual(clockFix('linux', { WSL_DISTRO_NAME: 'Ubuntu' }).commands, ['sudo hwclock -s']);
  assert.deepEqual(clockFix('linux', {}).commands, ['sudo timedatectl set-ntp true']);
  assert.deepEqual(clockFix('darwin', { WSL_DISTRO_NAME: 'x' }).commands, ['sudo sntp -sS time.apple.com']);
  assert.deepEqual(clockFix('win32', {}).commands, ['w32tm /resync']);
});

it('STS error codes map to the error-signature entries the live check reports; unknown codes to none', () => {
  assert.equal(stsSignature('ExpiredToken', 'The security token included in the request is expired')?.code, 'sts-expired-token');
  assert.equal(stsSignature('InvalidClientTokenId', '')?.code, 'sts-invalid-token');
  assert.equal(stsSignature('AccessDenied', 'User: x is not authorized')?.code, 'sts-access-denied');
  assert.equal(stsSignature('SignatureDoesNotMatch', 'The request signature we calculated does not match')?.code, 'sts-signature-mismatch');
  assert.equal(stsSignature('SignatureDoesNotMatch', 'Signature expired: 20260101T000000Z is now earlier than …')?.code, 'clock-skew');
  assert.equal(stsSignature('Throttling', 'Rate exceeded'), undefined);
  for (const code of ['ExpiredToken', 'InvalidClientTokenId', 'AccessDenied', 'SignatureDoesNotMatch']) {
    assert.equal(stsSignature(code, '')?.check, 'live.sts', code);
  }
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
