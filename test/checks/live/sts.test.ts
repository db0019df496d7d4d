// live.sts through the built CLI against the local fake AWS (127.0.0.1 only; AWS_ENDPOINT_URL points at the fake).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Finding } from '../../../src/engine/finding.js';
import { runCli, runJson } from '../../support/cli.js';
import { FakeAws } from '../../support/fake-aws.js';
import { makeLoginHome, type LoginHome } from '../../support/login-home.js';
import { makeSsoHome } from '../../support/sso-home.js';

const STATIC_SECRET = 'SECRET-static-4f1c9a7e2b';
const STATIC_SESSION = 'SESSION-static-9d2e7c1a';

async function staticHome(accessKeyId: string): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'ld-static-home-'));
  await mkdir(join(home, '.aws'));
  await writeFile(join(home, '.aws', 'config'), '[profile dev]\nregion = eu-west-1\n');
  await writeFile(
    join(home, '.aws', 'credentials'),
    `[dev]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${STATIC_SECRET}\naws_session_token = ${STATIC_SESSION}\n`,
  );
  return home;
}

function live(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.check === 'live.sts');
}

function only(findings: Finding[], code: string): Finding {
  const hits = findings.filter((f) => f.code === code);
  assert.equal(hits.length, 1, `exactly one ${code} in ${JSON.stringify(findings.map((f) => f.code))}`);
  return hits[0]!;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('live.sts through the CLI', () => {
  let fake: FakeAws;
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    fake = new FakeAws();
    await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
    for (const c of cleanups.splice(0)) await c();
  });

  async function loginHome(o: Parameters<typeof makeLoginHome>[0] = {}): Promise<LoginHome> {
    const h = await makeLoginHome({ fake, ...o });
    cleanups.push(h.cleanup);
    return h;
  }

  async function doctor(home: string, extraEnv: Record<string, string> = {}, args: string[] = ['--profile', 'dev']) {
    const r = await runJson(args, { home, env: { ...fake.env(), ...extraEnv } });
    return { ...r, live: live(r.report.findings) };
  }

  it('sts-identity: a login profile refreshes and STS answers; nothing leaves 127.0.0.1 and no secret is printed', async () => {
    const h = await loginHome({ expiresInS: 60 });
    const pretty = await runCli(['--profile', 'dev'], { home: h.home, env: { ...h.env, ...fake.env() } });
    const { live: findings, report } = await doctor(h.home, h.env);
    const f = only(findings, 'sts-identity');
    assert.equal(f.status, 'pass');
    assert.equal(f.fix, null);
    assert.equal(f.evidence.arn, 'arn:aws:iam::123456789012:user/alice');
    assert.equal(f.evidence.account, '123456789012');
    assert.equal(f.evidence.credentialSource, 'aws login (login_session)');
    assert.deepEqual(f.evidence.chainFeatures, ['CREDENTIALS_LOGIN', 'CREDENTIALS_PROFILE_LOGIN']);
    assert.equal(findings.length, 1);
    // Every request the two runs made is in the fake's log, from 127.0.0.1, and known to it.
    assert.deepEqual(
      fake.requests.map((r) => [r.service, r.outcome]),
      [
        ['signin', 'ok'],
        ['sts', 'ok'],
        ['sts', 'ok'],
      ],
    );
    assert.ok(fake.requests.every((r) => r.remoteAddress === '127.0.0.1'));
    const onDisk = await h.readCache();
    const secrets = [
      h.token.accessToken.secretAccessKey,
      h.token.accessToken.sessionToken,
      h.token.refreshToken,
      onDisk.accessToken.secretAccessKey,
      onDisk.accessToken.sessionToken,
      onDisk.refreshToken,
      h.dpopKeyPem.split('\n')[1]!,
      onDisk.accessToken.accessKeyId,
    ];
    const output = JSON.stringify(report) + pretty.stdout + pretty.stderr;
    for (const s of secrets) assert.ok(!output.includes(s), `output contains a secret (${s.slice(0, 8)}…)`);
  });

  it('sts-identity with --anonymize masks account and ARN', async () => {
    const h = await loginHome({ expiresInS: 600 });
    const { live: findings, report } = await doctor(h.home, h.env, ['--profile', 'dev', '--anonymize']);
    const f = only(findings, 'sts-identity');
    assert.equal(f.evidence.account, '<account>');
    assert.equal(f.evidence.arn, 'arn:aws:iam::<account>:user/<name>');
    assert.ok(!JSON.stringify(findings).includes('123456789012'));
    assert.ok(!JSON.stringify(findings).includes('alice'));
    assert.ok(report);
    assert.equal(fake.requestsTo('signin').length, 0, '10 minutes left: no refresh');
  });

  it('--anonymize also masks ARNs and accounts quoted in AWS error messages', async () => {
    const h = await loginHome({ expiresInS: 600 });
    fake.switches.sts = 'AccessDenied';
    const { live: findings } = await doctor(h.home, h.env, ['--profile', 'dev', '--anonymize']);
    const f = only(findings, 'sts-access-denied');
    assert.match(f.detail, /User: arn:aws:iam::<account>:user\/<name> is not authorized/);
    assert.ok(!JSON.stringify(findings).includes('123456789012'));
  });

  it('sts-identity names the chain source for static keys', async () => {
    fake.seedCredentials({ accessKeyId: 'ASIASTATICKEY0000001', secretAccessKey: STATIC_SECRET, sessionToken: STATIC_SESSION, expiresAt: new Date(Date.now() + 3600_000) });
    const home = await staticHome('ASIASTATICKEY0000001');
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const f = only((await doctor(home)).live, 'sts-identity');
    assert.equal(f.evidence.credentialSource, 'static keys in the profile');
  });

  it('--all-profiles: one live call per diagnosed profile (there is no "default" here)', async () => {
    fake.seedCredentials({ accessKeyId: 'ASIASTATICKEY0000002', secretAccessKey: STATIC_SECRET, sessionToken: STATIC_SESSION, expiresAt: new Date(Date.now() + 3600_000) });
    const h = await loginHome({ extraConfig: `[profile other]\naws_access_key_id = ASIASTATICKEY0000002\naws_secret_access_key = ${STATIC_SECRET}\naws_session_token = ${STATIC_SESSION}\n` });
    const r = await doctor(h.home, h.env, ['--all-profiles']);
    assert.deepEqual(
      r.live.map((f) => [f.code, f.evidence.profile]),
      [
        ['sts-identity', 'dev'],
        ['sts-identity', 'other'],
      ],
    );
  });

  it('sts-identity for an sso-session profile: token refreshed via SSO-OIDC, role credentials from SSO', async () => {
    const h = await makeSsoHome({ fake, expiresInS: 60 });
    cleanups.push(h.cleanup);
    const f = only((await doctor(h.home, h.env, ['--profile', h.profile])).live, 'sts-identity');
    assert.equal(f.evidence.credentialSource, 'IAM Identity Center (sso_session)');
    assert.match(String(f.evidence.arn), /assumed-role\/AWSReservedSSO_Developer/);
    assert.deepEqual(
      fake.requests.map((r) => [r.service, r.outcome]),
      [
        ['sso-oidc', 'ok'],
        ['sso', 'ok'],
        ['sso', 'ok'],
        ['sts', 'ok'],
      ],
    );
    assert.equal((await h.readCache()).refreshToken, fake.ssoSession(h.token.clientId)?.refreshToken);
  });

  it('live-offline: --offline makes no call (test/cli/startup.test.ts proves it loads no SDK module)', async () => {
    const h = await loginHome({ expiresInS: 60 });
    const r = await runJson(['--profile', 'dev', '--offline'], { home: h.home, env: { ...h.env, ...fake.env() } });
    const f = only(live(r.report.findings), 'live-offline');
    assert.equal(f.status, 'skip');
    assert.equal(f.fix, null);
    assert.equal(live(r.report.findings).length, 1);
    assert.deepEqual(fake.requests, []);
    assert.deepEqual(await h.readCache(), h.token);
  });

  it('sts-credentials-failed carries the login provider message (TOKEN_EXPIRED)', async () => {
    const h = await loginHome({ expiresInS: -60 });
    fake.switches.signin = 'TOKEN_EXPIRED';
    const { live: findings, code } = await doctor(h.home, h.env);
    const f = only(findings, 'sts-credentials-failed');
    assert.equal(f.status, 'fail');
    assert.match(f.detail, /fromLoginCredentials said: Your session has expired\. Please reauthenticate\./);
    assert.deepEqual(f.fix, { text: 'Sign in again to get a new session and let the SDK load credentials again.', commands: ['aws login --profile dev'] });
    assert.equal(code, 1);
    assert.equal(findings.length, 1, 'no STS call without credentials');
    assert.equal(fake.requestsTo('sts').length, 0);
  });

  it('sts-credentials-failed for a credential_process profile quotes the process error', async () => {
    const home = await mkdtemp(join(tmpdir(), 'ld-process-home-'));
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    await mkdir(join(home, '.aws'));
    await writeFile(join(home, '.aws', 'config'), '[profile dev]\ncredential_process = /bin/false\nregion = us-east-1\n');
    const f = only((await doctor(home)).live, 'sts-credentials-failed');
    assert.match(f.detail, /fromIni said: .*\/bin\/false/);
    assert.deepEqual(f.fix, { text: "Fix the profile's process settings; the SDK's message above says which part failed.", commands: [] });
    assert.deepEqual(fake.requests, []);
  });

  it('sts-refresh-warning: a failed refresh answered with the still-valid old keys is not silent', async () => {
    const h = await loginHome({ expiresInS: 60 });
    fake.switches.signin = 'INVALID_REQUEST';
    const { live: findings } = await doctor(h.home, h.env);
    const w = only(findings, 'sts-refresh-warning');
    assert.equal(w.status, 'warn');
    assert.match(w.detail, /Failed to refresh token: ValidationException: The provided authorization grant is invalid/);
    assert.equal(w.detail.match(/Failed to refresh token/g)?.length, 1, 'the same warning once');
    assert.deepEqual(w.fix?.commands, ['aws login --profile dev']);
    assert.equal(only(findings, 'sts-identity').status, 'pass');
    assert.deepEqual(await h.readCache(), h.token, 'cache untouched');
  });

  const stsFailures: [NonNullable<FakeAws['switches']['sts']>, string, RegExp][] = [
    ['ExpiredToken', 'sts-expired-token', /HTTP 400 ExpiredToken: The security token included in the request is expired/],
    ['AccessDenied', 'sts-access-denied', /HTTP 403 AccessDenied: User: .* is not authorized/],
    ['HTTP_500', 'sts-call-failed', /HTTP 500/],
  ];
  for (const [failure, code, detail] of stsFailures) {
    it(`${code}: STS answers ${failure} for a login profile`, async () => {
      const h = await loginHome({ expiresInS: 600 });
      fake.switches.sts = failure;
      const { live: findings } = await doctor(h.home, h.env);
      const f = only(findings, code);
      assert.equal(f.status, 'fail');
      assert.match(f.detail, detail);
      assert.ok(f.fix);
      if (code === 'sts-expired-token') assert.deepEqual(f.fix.commands, ['aws login --profile dev']);
      if (code === 'sts-access-denied') assert.match(f.fix.text, /administrator/);
      if (code === 'sts-call-failed') assert.match(f.fix.text, /try again/);
    });
  }

  it('sts-expired-token: static keys the fake knows as expired', async () => {
    fake.seedCredentials({ accessKeyId: 'ASIAEXPIREDKEY000001', secretAccessKey: STATIC_SECRET, sessionToken: STATIC_SESSION, expiresAt: new Date(Date.now() - 60_000) });
    const home = await staticHome('ASIAEXPIREDKEY000001');
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const f = only((await doctor(home)).live, 'sts-expired-token');
    assert.equal(f.status, 'fail');
    assert.equal(f.evidence.errorCode, 'ExpiredToken');
    assert.match(f.fix?.text ?? '', /Replace the keys/);
  });

  it('sts-invalid-token: an access key STS does not know', async () => {
    const home = await staticHome('ASIAUNKNOWNKEY000001');
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const { live: findings, report } = await doctor(home);
    const f = only(findings, 'sts-invalid-token');
    assert.equal(f.status, 'fail');
    assert.equal(f.evidence.errorCode, 'InvalidClientTokenId');
    assert.match(f.fix?.text ?? '', /Replace the keys/);
    assert.ok(!JSON.stringify(report).includes(STATIC_SECRET));
    assert.ok(!JSON.stringify(report).includes(STATIC_SESSION));
  });

  it('sts-invalid-token from environment keys: the fix unsets them', async () => {
    const home = await staticHome('ASIAUNUSED0000000001');
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const env = { AWS_ACCESS_KEY_ID: 'ASIAENVUNKNOWN000001', AWS_SECRET_ACCESS_KEY: STATIC_SECRET, AWS_SESSION_TOKEN: STATIC_SESSION };
    const f = only((await doctor(home, env, [])).live, 'sts-invalid-token');
    assert.deepEqual(f.fix?.commands, ['unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN']);
  });

  it('sts-signature-mismatch: the secret does not belong to the key', async () => {
    fake.seedCredentials({ accessKeyId: 'ASIAMISMATCH00000001', secretAccessKey: 'SECRET-the-real-one', sessionToken: STATIC_SESSION, expiresAt: new Date(Date.now() + 3600_000) });
    const home = await staticHome('ASIAMISMATCH00000001');
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const { live: findings } = await doctor(home);
    const f = only(findings, 'sts-signature-mismatch');
    assert.equal(f.status, 'fail');
    assert.match(f.detail, /SignatureDoesNotMatch: The request signature we calculated does not match/);
    assert.match(f.fix?.text ?? '', /Replace the keys/);
    assert.equal(fake.requestsTo('sts').at(-1)?.reason, 'SigV4 signature does not match the secret');
    assert.equal(findings.filter((x) => x.code === 'clock-skew').length, 0);
  });

  it('network-unreachable is a skip, not a fail', async () => {
    const port = await closedPort();
    const home = await staticHome('ASIAUNREACHABLE00001');
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const closed = `http://127.0.0.1:${port}`;
    const { live: findings } = await doctor(home, { AWS_ENDPOINT_URL: closed, AWS_ENDPOINT_URL_STS: closed });
    const f = only(findings, 'network-unreachable');
    assert.equal(f.status, 'skip');
    assert.equal(f.evidence.error, 'ECONNREFUSED');
    assert.match(f.fix?.text ?? '', /HTTPS_PROXY/);
    assert.equal(findings.length, 1, 'a skip and nothing else: the doctor cannot judge');
  });

  it('clock-skew fail (> 5 min) even though the SDK corrects itself; fix for Linux', async () => {
    // 15 minutes left: still valid on the fake's clock, which runs 10 minutes ahead.
    const h = await loginHome({ expiresInS: 900 });
    fake.switches.stsClockSkewMs = 10 * 60_000;
    const { live: findings } = await doctor(h.home, h.env);
    const f = only(findings, 'clock-skew');
    assert.equal(f.status, 'fail');
    assert.match(f.title, /10 min behind AWS/);
    assert.ok((f.evidence.skewSeconds as number) >= 590);
    assert.deepEqual(f.fix, { text: 'Turn on network time synchronisation.', commands: ['sudo timedatectl set-ntp true'] });
    assert.equal(only(findings, 'sts-identity').status, 'pass');
    assert.deepEqual(
      fake.requestsTo('sts').map((r) => r.outcome),
      ['SignatureDoesNotMatch', 'ok'],
    );
  });

  it('clock-skew warn (> 1 min) from an error answer; WSL2 gets hwclock', async () => {
    const h = await loginHome({ expiresInS: 600 });
    fake.switches.stsClockSkewMs = -2 * 60_000;
    fake.switches.sts = 'AccessDenied';
    const { live: findings } = await doctor(h.home, { ...h.env, WSL_DISTRO_NAME: 'Ubuntu' });
    const f = only(findings, 'clock-skew');
    assert.equal(f.status, 'warn');
    assert.match(f.title, /2 min ahead of AWS/);
    assert.deepEqual(f.fix?.commands, ['sudo hwclock -s']);
    only(findings, 'sts-access-denied');
  });

  it('clock-skew from a "Signature expired" answer: a fail with the clock fix, not a new login', async () => {
    const h = await loginHome({ expiresInS: 600 });
    fake.switches.sts = 'SignatureExpired';
    const { live: findings } = await doctor(h.home, h.env);
    const f = only(findings, 'clock-skew');
    assert.equal(f.status, 'fail');
    assert.match(f.detail, /SignatureDoesNotMatch: Signature expired/);
    assert.deepEqual(f.fix?.commands, ['sudo timedatectl set-ntp true']);
    assert.equal(findings.filter((x) => x.code === 'sts-signature-mismatch').length, 0);
  });
});
