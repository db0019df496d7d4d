import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { loginCacheFileName } from '../../../src/aws/login-cache.js';
import type { Finding } from '../../../src/engine/finding.js';
import { runCli, runJson } from '../../support/cli.js';
import { makeLoginHome } from '../../support/login-home.js';
import {
  awsHome,
  ACCOUNT,
  ROOT,
  SESSION_ARN,
  fakeIdToken,
  isoSeconds,
  leakedSecrets,
  loginCacheDir,
  loginToken,
  p256Sec1Pem,
  p384Sec1Pem,
  pythonJsonDumps,
  rsaPem,
  writeConfig,
  writeLoginCache,
} from '../../support/token-fixtures.js';

const MIN = 60_000;
const inMinutes = (m: number) => new Date(Date.now() + m * MIN);

/** A login profile per scenario, each with its own session (so its own cache file). */
function sessionFor(name: string): string {
  return `arn:aws:iam::${ACCOUNT}:user/${name}`;
}

function only(findings: Finding[], code: string, profile: string): Finding {
  const hits = findings.filter((f) => f.code === code && f.evidence.profile === profile);
  assert.equal(hits.length, 1, `expected one ${code} for ${profile}, got ${JSON.stringify(findings.filter((f) => f.evidence.profile === profile), null, 1)}`);
  return hits[0]!;
}

function none(findings: Finding[], code: string, profile: string) {
  assert.deepEqual(
    findings.filter((f) => f.code === code && f.evidence.profile === profile).map((f) => f.title),
    [],
  );
}

describe('caches.login through the CLI', () => {
  // One HOME with a profile per scenario, diagnosed with --all-profiles in one run.
  const home = awsHome();
  const profiles = [
    'cli-form',
    'js-form',
    'missing',
    'dir',
    'fifo',
    'huge',
    'truncated',
    'bad-expiry',
    'no-zone',
    'fields',
    'p384',
    'rsa',
    'garbage',
    'mismatch',
    'expired',
    'due',
    'old',
    'mode',
    'foreign',
  ];
  const dir = loginCacheDir(home);
  const pem = p256Sec1Pem();
  const path = (p: string) => join(dir, loginCacheFileName(sessionFor(p)));
  const healthy = (over: Partial<Parameters<typeof loginToken>[0]> = {}) => loginToken({ expiresAt: isoSeconds(inMinutes(14)), dpopKey: pem, ...over });
  let findings: Finding[] = [];
  let code: number | null = null;
  let outputs: string[] = [];

  before(async () => {
    writeConfig(home, profiles.map((p) => `[profile ${p}]\nlogin_session = ${sessionFor(p)}\nregion = us-east-1\n`).join('\n'));
    const write = (p: string, text: string) => writeLoginCache(home, sessionFor(p), text);
    // Exactly what the AWS CLI writes: one line, Python separators, seconds + Z, SEC1 PEM.
    write('cli-form', pythonJsonDumps(healthy()));
    // What the JS SDK writes back after a refresh: pretty-printed, milliseconds.
    write('js-form', JSON.stringify(healthy({ expiresAt: inMinutes(50).toISOString(), clientId: 'arn:aws:signin:::devtools/cross-device' }), null, 2));
    mkdirSync(path('dir'));
    assert.equal(spawnSync('mkfifo', [path('fifo')]).status, 0, 'mkfifo failed');
    write('huge', JSON.stringify({ ...healthy(), padding: 'x'.repeat(300 * 1024) }));
    write('truncated', pythonJsonDumps(healthy()).slice(0, 120));
    write('bad-expiry', JSON.stringify(healthy({ expiresAt: 'next tuesday' })));
    write('no-zone', JSON.stringify(healthy({ expiresAt: '2030-01-05T07:12:30' })));
    const fields = healthy() as { accessToken: Record<string, unknown>; refreshToken?: string };
    delete fields.refreshToken;
    delete fields.accessToken.accountId;
    write('fields', JSON.stringify(fields));
    write('p384', JSON.stringify(healthy({ dpopKey: p384Sec1Pem() })));
    write('rsa', JSON.stringify(healthy({ dpopKey: rsaPem() })));
    write('garbage', JSON.stringify(healthy({ dpopKey: '-----BEGIN EC PRIVATE KEY-----\nbm90IGEga2V5\n-----END EC PRIVATE KEY-----\n' })));
    write('mismatch', JSON.stringify(healthy({ accountId: '999999999999' })));
    write('expired', JSON.stringify(healthy({ expiresAt: isoSeconds(inMinutes(-3)) })));
    write('due', JSON.stringify(healthy({ expiresAt: isoSeconds(inMinutes(3)) })));
    const iat = Math.floor(Date.now() / 1000) - 13 * 3600;
    write('old', JSON.stringify(healthy({ idToken: fakeIdToken({ sub: sessionFor('old'), iat }) })));
    write('mode', JSON.stringify(healthy()));
    chmodSync(path('mode'), 0o644);
    write('foreign', JSON.stringify(healthy()));
    if (ROOT) chownSync(path('foreign'), 12345, 12345);
    writeFileSync(join(dir, 'tmpab12cd.tmp'), '{"partial');
    writeFileSync(join(dir, `${'0'.repeat(64)}.json`), '{}');
    const r = await runJson(['--offline', '--all-profiles'], { home });
    findings = r.report.findings.filter((f) => f.check === 'caches.login');
    code = r.code;
    const pretty = await runCli(['--offline', '--all-profiles', '--verbose'], { home });
    outputs = [JSON.stringify(r.report), r.stderr, pretty.stdout, pretty.stderr];
  });

  test('the exact AWS CLI form (one line, ...Z, SEC1 PEM) passes with masked key, account, time left and client kind', () => {
    const f = only(findings, 'login-cache-ok', 'cli-form');
    assert.equal(f.status, 'pass');
    assert.equal(f.fix, null);
    assert.match(f.title, /ASIA…7890, account 123456789012, same-device sign-in, expires in 1[34] min \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}\)/);
    assert.equal(f.evidence.accessKeyId, 'ASIA…7890');
    assert.equal(f.evidence.clientKind, 'same-device');
    assert.match(f.detail, /P-256 key \(SEC1\)/);
  });

  test('the JS SDK write-back form (pretty, .000Z) passes too', () => {
    const f = only(findings, 'login-cache-ok', 'js-form');
    assert.equal(f.status, 'pass');
    assert.equal(f.evidence.clientKind, 'cross-device');
    assert.match(f.title, /cross-device sign-in, expires in (49|50) min/);
  });

  test('login-cache-missing', () => {
    const f = only(findings, 'login-cache-missing', 'missing');
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.fix?.commands, ['aws login --profile missing']);
    assert.ok(f.detail.includes(loginCacheFileName(sessionFor('missing'))));
  });

  test('login-cache-unreadable: a directory, a FIFO (without blocking) and an oversized file', () => {
    for (const [p, why] of [
      ['dir', /it is a directory/],
      ['fifo', /it is a fifo/],
      ['huge', /bytes, far more than a token/],
    ] as const) {
      const f = only(findings, 'login-cache-unreadable', p);
      assert.equal(f.status, 'fail');
      assert.match(f.title, why);
      assert.deepEqual(f.fix?.commands, [`mv -f -- ${path(p)} ${path(p)}.broken`, `aws login --profile ${p}`]);
    }
  });

  test('login-cache-corrupt says where JSON parsing stopped', () => {
    const f = only(findings, 'login-cache-corrupt', 'truncated');
    assert.equal(f.status, 'fail');
    assert.match(f.title, /not valid JSON \(line 1, column 121\)/);
    assert.match(f.detail, /expected a closing quote, found the end of the file/);
    assert.deepEqual(f.fix?.commands, [`mv -f -- ${path('truncated')} ${path('truncated')}.broken`, 'aws login --profile truncated']);
  });

  test('login-cache-corrupt for an expiresAt botocore cannot parse or that has no zone', () => {
    assert.match(only(findings, 'login-cache-corrupt', 'bad-expiry').detail, /"next tuesday" is not an ISO-8601 date/);
    assert.match(only(findings, 'login-cache-corrupt', 'no-zone').detail, /has no time zone/);
  });

  test('login-cache-fields-missing names the fields', () => {
    const f = only(findings, 'login-cache-fields-missing', 'fields');
    assert.equal(f.status, 'fail');
    assert.match(f.title, /lacks required fields: refreshToken, accessToken\.accountId$/);
    assert.deepEqual(f.fix?.commands, ['aws login --profile fields']);
  });

  test('login-dpop-key-invalid for P-384, RSA and garbage keys', () => {
    for (const [p, why] of [
      ['p384', /EC key on P-384, not P-256/],
      ['rsa', /it is a RSA key, not an EC key/],
      ['garbage', /node:crypto cannot load it/],
    ] as const) {
      const f = only(findings, 'login-dpop-key-invalid', p);
      assert.equal(f.status, 'fail');
      assert.match(f.detail, why);
      assert.deepEqual(f.fix?.commands, [`aws login --profile ${p}`]);
      none(findings, 'login-cache-ok', p);
    }
  });

  test('login-cache-account-mismatch', () => {
    const f = only(findings, 'login-cache-account-mismatch', 'mismatch');
    assert.equal(f.status, 'warn');
    assert.match(f.title, /holds account 999999999999, but login_session names account 123456789012/);
    assert.deepEqual(f.fix?.commands, ['aws login --profile mismatch']);
  });

  test('login-token-expired and login-refresh-due point at the refresh test', () => {
    const expired = only(findings, 'login-token-expired', 'expired');
    assert.equal(expired.status, 'info');
    assert.match(expired.title, /expired [23] min ago/);
    assert.match(expired.detail, /next SDK or CLI call refreshes it/);
    assert.deepEqual(expired.fix?.commands, ['login-doctor refresh-test --profile expired']);
    const due = only(findings, 'login-refresh-due', 'due');
    assert.equal(due.status, 'info');
    assert.match(due.title, /expires in [23] min/);
    assert.deepEqual(due.fix?.commands, ['login-doctor refresh-test --profile due']);
    none(findings, 'login-cache-ok', 'due');
  });

  test('login-session-old from the idToken iat', () => {
    const f = only(findings, 'login-session-old', 'old');
    assert.equal(f.status, 'warn');
    assert.match(f.title, /began 13 h( \d+ min)? ago/);
    assert.match(f.detail, /the idToken iat claim/);
    assert.deepEqual(f.fix?.commands, ['aws login --profile old']);
    none(findings, 'login-session-old', 'cli-form');
  });

  test('login-cache-permissions for a 0644 file', () => {
    const f = only(findings, 'login-cache-permissions', 'mode');
    assert.equal(f.status, 'warn');
    assert.match(f.detail, /mode 0644/);
    assert.deepEqual(f.fix?.commands, [`chmod 600 ${path('mode')}`]);
    none(findings, 'login-cache-permissions', 'cli-form');
  });

  test('login-cache-permissions for a file owned by another user (sudo aws login)', (t) => {
    if (!ROOT) return t.skip('chown to another uid needs root');
    const f = only(findings, 'login-cache-permissions', 'foreign');
    assert.match(f.detail, /owned by uid 12345, not by you \(uid 0\)/);
    assert.deepEqual(f.fix?.commands, [`sudo chown "$(id -u):$(id -g)" ${path('foreign')}`]);
  });

  test('login-cache-tmp-leftovers and, with --all-profiles, login-cache-orphan', () => {
    const tmp = findings.filter((f) => f.code === 'login-cache-tmp-leftovers');
    assert.equal(tmp.length, 1);
    assert.equal(tmp[0]!.status, 'info');
    assert.deepEqual(tmp[0]!.fix?.commands, [`rm -f -- ${join(dir, 'tmpab12cd.tmp')}`]);
    const orphans = findings.filter((f) => f.code === 'login-cache-orphan');
    assert.equal(orphans.length, 1);
    assert.equal(orphans[0]!.status, 'info');
    assert.deepEqual(orphans[0]!.evidence.files, [`${'0'.repeat(64)}.json`]);
    assert.deepEqual(orphans[0]!.fix?.commands, [`rm -f -- ${join(dir, `${'0'.repeat(64)}.json`)}`]);
  });

  test('no secret of any of these caches reaches the JSON or the verbose pretty output', () => {
    assert.deepEqual(leakedSecrets(...outputs), []);
    assert.ok(!outputs.some((o) => pem.split('\n').slice(1, -2).some((line) => o.includes(line))), 'DPoP key material in output');
  });

  test('a failing cache makes the run exit 1', () => {
    assert.equal(code, 1);
  });
});

describe('caches.login, single profile through the CLI', () => {
  test('no orphan report without --all-profiles, and the healthy profile exits 0', async () => {
    const home = awsHome();
    writeConfig(home, `[default]\nlogin_session = ${SESSION_ARN}\nregion = us-east-1\n`);
    writeLoginCache(home, SESSION_ARN, pythonJsonDumps(loginToken({ expiresAt: isoSeconds(inMinutes(14)), dpopKey: p256Sec1Pem() })));
    writeFileSync(join(loginCacheDir(home), `${'1'.repeat(64)}.json`), '{}');
    // --only: the exit code must not depend on the tools installed on this machine.
    const { code, report } = await runJson(['--offline', '--only', 'caches.login'], { home });
    const codes = report.findings.filter((f) => f.check === 'caches.login').map((f) => `${f.code}:${f.status}`);
    assert.deepEqual(codes, ['login-cache-ok:pass']);
    assert.equal(code, 0);
  });

  test('login-cache-dir-unexpanded: botocore expands ~, the JS SDK does not; both folders are checked', async () => {
    const home = awsHome();
    writeConfig(home, `[profile dev]\nlogin_session = ${SESSION_ARN}\nregion = us-east-1\n`);
    writeLoginCache(home, SESSION_ARN, pythonJsonDumps(loginToken({ expiresAt: isoSeconds(inMinutes(14)), dpopKey: p256Sec1Pem() })), join(home, 'lc'));
    const { report } = await runJson(['--offline', '--profile', 'dev'], { home, env: { AWS_LOGIN_CACHE_DIRECTORY: '~/lc' } });
    const login = report.findings.filter((f) => f.check === 'caches.login');
    const warn = login.find((f) => f.code === 'login-cache-dir-unexpanded');
    assert.equal(warn?.status, 'warn');
    assert.deepEqual(warn?.fix?.commands, [`export AWS_LOGIN_CACHE_DIRECTORY=${join(home, 'lc')}`]);
    assert.deepEqual(
      login.map((f) => [f.code, f.status]),
      [
        ['login-cache-dir-unexpanded', 'warn'],
        ['login-cache-ok', 'pass'],
        ['login-cache-missing', 'fail'],
      ],
    );
    assert.match(login[2]!.detail, new RegExp(`^the JS SDK look for ${join(home, '~', 'lc')}/`));
  });

  test('login-cache-permissions for a group/world-writable folder owned by another user', async (t) => {
    if (!ROOT) return t.skip('chown to another uid needs root');
    const home = awsHome();
    writeConfig(home, `[default]\nlogin_session = ${SESSION_ARN}\nregion = us-east-1\n`);
    const file = writeLoginCache(home, SESSION_ARN, pythonJsonDumps(loginToken({ expiresAt: isoSeconds(inMinutes(14)), dpopKey: p256Sec1Pem() })));
    const dir = loginCacheDir(home);
    chmodSync(dir, 0o777);
    chownSync(dir, 12345, 12345);
    const { report } = await runJson(['--offline'], { home });
    const f = report.findings.find((x) => x.code === 'login-cache-permissions');
    assert.equal(f?.status, 'warn');
    assert.match(f?.detail ?? '', /the folder .* is owned by uid 12345.*the folder has mode 0777/);
    assert.deepEqual(f?.fix?.commands, [`sudo chown "$(id -u):$(id -g)" ${dir}`, `chmod 700 ${dir}`]);
    assert.ok(report.findings.some((x) => x.code === 'login-cache-ok' && x.evidence.path === file));
  });

  test("the test harness's independent AWS CLI cache builder (test/support/login-home.ts) passes as healthy", async () => {
    const h = await makeLoginHome({ expiresInS: 900 });
    try {
      const { report } = await runJson(['--offline', '--profile', h.profile], { home: h.home, env: h.env });
      const login = report.findings.filter((f) => f.check === 'caches.login');
      assert.deepEqual(
        login.map((f) => [f.code, f.status]),
        [['login-cache-ok', 'pass']],
      );
      assert.equal(login[0]!.evidence.path, h.cachePath);
    } finally {
      await h.cleanup();
    }
  });

  test('login-cache-not-applicable when the profile has no login_session', async () => {
    const home = awsHome();
    writeConfig(home, '[default]\nregion = us-east-1\n');
    const { report } = await runJson(['--offline'], { home });
    const f = report.findings.find((x) => x.check === 'caches.login');
    assert.equal(f?.code, 'login-cache-not-applicable');
    assert.equal(f?.status, 'skip');
  });
});
