import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSsoToken, ssoCacheDir, ssoCacheFileName } from '../../src/aws/sso-cache.js';
import { SECRETS, ssoToken } from '../support/token-fixtures.js';

describe('SSO cache', () => {
  test('key is the SHA-1 hex of the session name or start URL (fact sheet example)', () => {
    assert.equal(ssoCacheFileName('my-sso'), '0ad374308c5a4e22f723adf10145eafad7c4031c.json');
    assert.equal(ssoCacheDir('/h', 'linux'), '/h/.aws/sso/cache');
  });

  test('parses a refreshable token and returns its secrets', () => {
    const r = parseSsoToken(JSON.stringify(ssoToken({ startUrl: 'https://x.awsapps.com/start', region: 'eu-west-1', expiresAt: '2026-01-05T08:00:00Z', registrationExpiresAt: '2026-03-01T00:00:00Z' })));
    assert.ok(r.ok);
    assert.equal(r.token.expiresAt.toISOString(), '2026-01-05T08:00:00.000Z');
    assert.equal(r.token.registrationExpiresAt?.toISOString(), '2026-03-01T00:00:00.000Z');
    assert.deepEqual(r.token.missingRefreshFields, []);
    assert.deepEqual(r.secrets.sort(), [SECRETS.ssoAccessToken, SECRETS.ssoClientSecret, SECRETS.ssoRefreshToken].sort());
  });

  test('a legacy token has no refresh fields', () => {
    const r = parseSsoToken(JSON.stringify(ssoToken({ startUrl: 'u', region: 'r', expiresAt: '2026-01-05T08:00:00Z', refreshable: false })));
    assert.ok(r.ok);
    assert.deepEqual(r.token.missingRefreshFields, ['refreshToken', 'clientId', 'clientSecret']);
    assert.equal(r.token.registrationExpiresAt, null);
  });

  test('errors: JSON position, missing required fields, bad timestamps', () => {
    const json = parseSsoToken('{"accessToken": "a",');
    assert.ok(!json.ok && json.error === 'json');
    assert.deepEqual([json.syntax.line, json.syntax.column], [1, 21]);
    const fields = parseSsoToken(JSON.stringify({ accessToken: SECRETS.ssoAccessToken }));
    assert.ok(!fields.ok && fields.error === 'fields');
    assert.deepEqual(fields.missing, ['expiresAt']);
    assert.deepEqual(fields.secrets, [SECRETS.ssoAccessToken]);
    const ts = parseSsoToken(JSON.stringify({ accessToken: 'a', expiresAt: '2026-01-05T08:00:00Z', registrationExpiresAt: 'soon' }));
    assert.ok(!ts.ok && ts.error === 'timestamp');
    assert.equal(ts.field, 'registrationExpiresAt');
    assert.equal(parseSsoToken('null').ok, false);
  });
});
