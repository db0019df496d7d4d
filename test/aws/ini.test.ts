import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIni } from '../../src/aws/ini.js';

test('sections, keys and line numbers', () => {
  const { sections, errors } = parseIni('# top\n[default]\nRegion = us-east-1\n\n[profile dev]\nlogin_session=arn:aws:iam::1:user/a\n');
  assert.deepEqual(errors, []);
  assert.equal(sections.length, 2);
  assert.equal(sections[1]!.header, 'profile dev');
  assert.equal(sections[1]!.line, 5);
  assert.deepEqual(sections[0]!.entries.get('region'), { value: 'us-east-1', line: 3 });
  assert.equal(sections[1]!.entries.get('login_session')!.value, 'arn:aws:iam::1:user/a');
});

test('the first delimiter wins, so ARNs with colons survive', () => {
  const { sections } = parseIni('[a]\nrole_arn = arn:aws:iam::1:role/x\nsso: https://x\n');
  assert.equal(sections[0]!.entries.get('role_arn')!.value, 'arn:aws:iam::1:role/x');
  assert.equal(sections[0]!.entries.get('sso')!.value, 'https://x');
});

test('indented lines continue the previous value (nested settings)', () => {
  const { sections, errors } = parseIni('[default]\ns3 =\n  addressing_style = path\n  max = 2\nregion = x\n');
  assert.deepEqual(errors, []);
  assert.equal(sections[0]!.entries.get('s3')!.value, 'addressing_style = path\nmax = 2');
  assert.equal(sections[0]!.entries.get('region')!.value, 'x');
});

test('BOM and CRLF are accepted', () => {
  const { sections, errors } = parseIni('\ufeff[default]\r\nregion = us-west-2\r\n');
  assert.deepEqual(errors, []);
  assert.equal(sections[0]!.entries.get('region')!.value, 'us-west-2');
});

test('errors botocore rejects the file for carry their line', () => {
  const { errors } = parseIni('region = x\n[a]\nk = 1\nk = 2\nnot a setting\n[a]\n');
  assert.deepEqual(
    errors.map((e) => [e.line, e.fatalForBotocore]),
    [
      [1, true],
      [4, true],
      [5, true],
      [6, true],
    ],
  );
  assert.match(errors[1]!.message, /set twice/);
  assert.match(errors[3]!.message, /appears twice/);
});
