import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findStringAt, formatLike, LOGIN_EXPIRY_PATH, rewriteExpiry } from '../../src/aws/login-cache-expiry.js';

const TOKEN = {
  accessToken: { accessKeyId: 'ASIAEXAMPLEKEY000001', secretAccessKey: 'SECRET-xyz', sessionToken: 'SESSION-xyz', accountId: '123456789012', expiresAt: '2026-01-05T07:15:00Z' },
  tokenType: 'aws_sigv4',
  clientId: 'arn:aws:signin:::devtools/same-device',
  refreshToken: 'REFRESH-xyz',
  idToken: 'a.b.c',
  dpopKey: '-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n',
};
const WHEN = new Date('2026-01-05T06:59:00.123Z');

test('single-line botocore style: only the expiry bytes change, seconds precision kept', () => {
  const text = JSON.stringify(TOKEN).replace(/,"/g, ', "').replace(/":/g, '": ');
  const r = rewriteExpiry(text, LOGIN_EXPIRY_PATH, WHEN);
  assert.ok(r.ok);
  assert.equal(r.text, text.replace('2026-01-05T07:15:00Z', '2026-01-05T06:59:00Z'));
  assert.equal(r.previous, '2026-01-05T07:15:00Z');
});

test('pretty JS SDK style with milliseconds keeps indentation, key order and .000Z form', () => {
  const pretty = JSON.stringify({ ...TOKEN, accessToken: { ...TOKEN.accessToken, expiresAt: '2026-01-05T07:15:00.000Z' } }, null, 2) + '\n';
  const r = rewriteExpiry(pretty, LOGIN_EXPIRY_PATH, WHEN);
  assert.ok(r.ok);
  assert.equal(r.text, pretty.replace('2026-01-05T07:15:00.000Z', '2026-01-05T06:59:00.123Z'));
});

test('a decoy expiresAt elsewhere, escaped strings and duplicate keys: the one JSON.parse sees is rewritten', () => {
  const text = '{"expiresAt":"2020-01-01T00:00:00Z","note":"a \\"}\\" b","accessToken":{"expiresAt":"1999-01-01T00:00:00Z"},"accessToken":{"x":[1,{"expiresAt":"x"}],"expiresAt":"2026-01-05T07:15:00Z"}}';
  const r = rewriteExpiry(text, LOGIN_EXPIRY_PATH, WHEN);
  assert.ok(r.ok);
  assert.equal(JSON.parse(r.text).accessToken.expiresAt, '2026-01-05T06:59:00Z');
  assert.equal(JSON.parse(r.text).expiresAt, '2020-01-01T00:00:00Z');
  assert.ok(r.text.includes('"accessToken":{"expiresAt":"1999-01-01T00:00:00Z"}'));
});

test('refuses what it cannot rewrite exactly', () => {
  assert.equal(rewriteExpiry('{"accessToken":{}}', LOGIN_EXPIRY_PATH, WHEN).ok, false);
  assert.equal(rewriteExpiry('{"accessToken":{"expiresAt":5}}', LOGIN_EXPIRY_PATH, WHEN).ok, false);
  assert.equal(rewriteExpiry('{"accessToken":', LOGIN_EXPIRY_PATH, WHEN).ok, false);
  assert.equal(findStringAt('[]', ['accessToken', 'expiresAt']), null);
});

test('formatLike keeps fraction digits and offset form', () => {
  assert.equal(formatLike('2026-01-01T00:00:00Z', WHEN), '2026-01-05T06:59:00Z');
  assert.equal(formatLike('2026-01-01T00:00:00.000Z', WHEN), '2026-01-05T06:59:00.123Z');
  assert.equal(formatLike('2026-01-01T00:00:00.5+00:00', WHEN), '2026-01-05T06:59:00.1+00:00');
  assert.equal(formatLike('garbage', WHEN), '2026-01-05T06:59:00Z');
});

test('property: for any JSON document around the token, only the expiry value changes', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.boolean(), fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }), (extra, pretty, date) => {
      const doc = { ...extra, accessToken: TOKEN.accessToken };
      const text = pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc);
      const r = rewriteExpiry(text, LOGIN_EXPIRY_PATH, date);
      assert.ok(r.ok);
      const expected = JSON.parse(text);
      expected.accessToken.expiresAt = formatLike('2026-01-05T07:15:00Z', date);
      assert.deepEqual(JSON.parse(r.text), expected);
      assert.equal(r.text.length, text.length);
    }),
    { numRuns: 300 },
  );
});
