import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseAwsTimestamp } from '../../src/aws/timestamp.js';
import { peerMissing } from '../support/python-envs.js';

const iso = (s: string) => {
  const r = parseAwsTimestamp(s);
  assert.ok(r.ok, `${s}: ${r.ok ? '' : r.reason}`);
  return r.date.toISOString();
};

test('accepts the CLI, JS SDK and other zoned ISO-8601 forms', () => {
  assert.equal(iso('2026-01-05T07:12:30Z'), '2026-01-05T07:12:30.000Z');
  assert.equal(iso('2026-01-05T07:12:30.000Z'), '2026-01-05T07:12:30.000Z');
  assert.equal(iso('2026-01-05T07:12:30.123456Z'), '2026-01-05T07:12:30.123Z');
  assert.equal(iso('2026-01-05 07:12:30+00:00'), '2026-01-05T07:12:30.000Z');
  assert.equal(iso('2026-01-05T08:12:30+01:00'), '2026-01-05T07:12:30.000Z');
  assert.equal(iso('2026-01-05T02:12:30-0500'), '2026-01-05T07:12:30.000Z');
  assert.equal(iso('2026-01-05T09:12:30+02'), '2026-01-05T07:12:30.000Z');
  assert.equal(iso('2026-01-05T07:12Z'), '2026-01-05T07:12:00.000Z');
  assert.equal(iso('20260105T071230Z'), '2026-01-05T07:12:30.000Z');
  assert.equal(iso('2025-11-19T20:00:00UTC'), '2025-11-19T20:00:00.000Z');
  assert.equal(iso('2028-02-29T00:00:00Z'), '2028-02-29T00:00:00.000Z');
});

test('rejects zoneless, impossible and non-ISO values', () => {
  for (const bad of ['2026-01-05T07:12:30', '2026-01-05', 'next tuesday', '', '2026-13-01T00:00:00Z', '2026-02-29T00:00:00Z', '2026-01-05T24:00:00Z', '2026-01-05T07:60:00Z', '2026-01-05T07:12:60Z', '2026-01-05T07:12:30+25:00', '1767596400']) {
    assert.equal(parseAwsTimestamp(bad).ok, false, bad);
  }
  assert.match((parseAwsTimestamp('2026-01-05T07:12:30') as { reason: string }).reason, /no time zone/);
  assert.equal(parseAwsTimestamp(1767596400).ok, false);
  assert.equal(parseAwsTimestamp(null).ok, false);
});

test('both writer forms round-trip every instant', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
      const js = d.toISOString();
      assert.equal(iso(js), js);
      const cli = js.replace(/\.\d{3}Z$/, 'Z');
      assert.equal(iso(cli), new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString());
    }),
  );
});

test("agrees with botocore's real parser (dateutil) on the instant, and refuses exactly the zoneless forms", (t) => {
  const accepted = [
    '2026-01-05T07:12:30Z',
    '2026-01-05T07:12:30.000Z',
    '2025-11-19T20:00:00UTC',
    '20260105T071230Z',
    '2026-01-05T09:12:30+02',
    '2026-01-05T07:12Z',
    '2026-01-05 07:12:30+00:00',
    '2026-01-05T02:12:30-0500',
    '2026-01-05T07:12:30.123456Z',
    '2026-01-05t07:12:30z',
    '2026-01-05T07:12:30,5Z',
    '2026-01-05T07:12:30 GMT',
  ];
  const zoneless = ['2026-01-05T07:12:30', '2026-01-05', '20260105T071230'];
  const script =
    'import json,sys\nfrom dateutil.parser import parse\nout=[]\nfor s in json.load(sys.stdin):\n d=parse(s)\n out.append(d.timestamp() if d.tzinfo else None)\nprint(json.dumps(out))';
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify([...accepted, ...zoneless]), encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) return peerMissing(t, `python3 with dateutil (botocore's dependency) is not usable here: ${r.error?.message ?? r.stderr.trim().split('\n').pop()}`);
  const python = JSON.parse(r.stdout) as Array<number | null>;
  accepted.forEach((s, i) => {
    const ours = parseAwsTimestamp(s);
    assert.ok(ours.ok, s);
    assert.equal(ours.date.getTime(), Math.round(python[i]! * 1000), s);
  });
  zoneless.forEach((s, i) => {
    assert.equal(python[accepted.length + i], null, `dateutil gives a naive datetime for ${s}`);
    assert.equal(parseAwsTimestamp(s).ok, false, s);
  });
});
