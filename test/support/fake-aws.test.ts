// Proves the fake AWS with the real clients: the JS SDK in-process and the real botocore 1.43.11 in a subprocess.
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { FakeAws } from './fake-aws.js';
import { makeLoginHome, type LoginHome } from './login-home.js';
import { pythonAvailable, pythonEnv, runPython, runPythonArgs, type AwscrtVariant } from './python-envs.js';
import { makeSsoHome } from './sso-home.js';

/** Runs fn with process.env replaced by exactly `env` (+ PATH), as the JS SDK reads process.env at call time. */
async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, { PATH: saved.PATH ?? '/usr/bin:/bin', AWS_EC2_METADATA_DISABLED: 'true' }, env);
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(process.env)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

async function jsLoginIdentity(h: LoginHome, fake: FakeAws): Promise<{ arn?: string; accessKeyId: string }> {
  return withEnv({ ...h.env, ...fake.env() }, async () => {
    const { fromLoginCredentials } = await import('@aws-sdk/credential-providers');
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const credentials = await fromLoginCredentials({ profile: h.profile })();
    const sts = new STSClient({ region: 'us-east-1', credentials, maxAttempts: 1 });
    const out = await sts.send(new GetCallerIdentityCommand({}));
    return { arn: out.Arn, accessKeyId: credentials.accessKeyId };
  });
}

const BOTO_STS = `import boto3
print(boto3.Session(profile_name=PROFILE).client('sts').get_caller_identity()['Arn'])`;

async function botoIdentity(variant: AwscrtVariant, h: { env: Record<string, string>; profile: string }, fake: FakeAws) {
  const py = await pythonEnv(variant);
  return runPython(py, `PROFILE = ${JSON.stringify(h.profile)}\n${BOTO_STS}`, {
    env: { ...h.env, ...fake.env(), AWS_EC2_METADATA_DISABLED: 'true' },
  });
}

function assertLocalOnly(fake: FakeAws): void {
  assert.deepEqual(fake.unknownRequests(), []);
  for (const r of fake.requests) assert.equal(r.remoteAddress, '127.0.0.1');
}

describe('fake AWS against real clients', () => {
  let fake: FakeAws;
  let home: LoginHome | undefined;
  let noPython: string | null = null;

  before(async () => {
    noPython = await pythonAvailable();
  });
  beforeEach(async () => {
    fake = new FakeAws();
    await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
    await home?.cleanup();
    home = undefined;
  });
  after(() => {
    // The venvs are removed at process exit by python-envs.ts.
  });

  it('the JS SDK refreshes an expiring login cache; the cache on disk is rotated and STS accepts the new key', async () => {
    home = await makeLoginHome({ fake, expiresInS: 60 });
    const { arn, accessKeyId } = await jsLoginIdentity(home, fake);
    assert.equal(arn, 'arn:aws:iam::123456789012:user/alice');
    const onDisk = await home.readCache();
    assert.notEqual(onDisk.accessToken.accessKeyId, home.token.accessToken.accessKeyId);
    assert.equal(onDisk.accessToken.accessKeyId, accessKeyId);
    assert.equal(onDisk.refreshToken, fake.loginSession(home.token.clientId)?.refreshToken);
    assert.notEqual(onDisk.refreshToken, home.token.refreshToken);
    assert.ok(Date.parse(onDisk.accessToken.expiresAt) > Date.parse(home.token.accessToken.expiresAt));
    assert.deepEqual(
      fake.requests.map((r) => [r.service, r.outcome]),
      [
        ['signin', 'ok'],
        ['sts', 'ok'],
      ],
    );
    assertLocalOnly(fake);
  });

  it('real botocore refreshes through the complete awscrt stand-in; cache rotated in place, mode 0600', async (t) => {
    if (noPython) return t.skip(noPython);
    home = await makeLoginHome({ fake, expiresInS: 60 });
    const r = await botoIdentity('complete', home, fake);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'arn:aws:iam::123456789012:user/alice');
    const onDisk = await home.readCache();
    const issued = fake.issued.at(-1);
    assert.equal(onDisk.accessToken.accessKeyId, issued?.accessKeyId);
    assert.equal(onDisk.refreshToken, fake.loginSession(home.token.clientId)?.refreshToken);
    assert.equal(onDisk.idToken, home.token.idToken);
    assert.equal((await stat(home.cachePath)).mode & 0o777, 0o600);
    assert.deepEqual(
      fake.requests.map((r) => [r.service, r.outcome]),
      [
        ['signin', 'ok'],
        ['sts', 'ok'],
      ],
    );
    assert.match(fake.requests[0]!.headers['user-agent'] ?? '', /Botocore\/1\.\d+/);
    assertLocalOnly(fake);
  });

  it('the pip AWS CLI v1 (on the same botocore) refreshes through the stand-in too', async (t) => {
    if (noPython) return t.skip(noPython);
    const py = await pythonEnv('complete');
    const hasCli = await runPythonArgs(py, ['-c', 'import awscli'], { env: {} });
    if (hasCli.code !== 0) return t.skip('the pip AWS CLI v1 is not installed for python3');
    home = await makeLoginHome({ fake, expiresInS: 60 });
    const r = await runPythonArgs(py, ['-m', 'awscli', 'sts', 'get-caller-identity', '--profile', 'dev', '--output', 'text', '--query', 'Arn'], {
      env: { ...home.env, ...fake.env(), AWS_EC2_METADATA_DISABLED: 'true' },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'arn:aws:iam::123456789012:user/alice');
    assert.equal((await home.readCache()).refreshToken, fake.loginSession(home.token.clientId)?.refreshToken);
    assert.match(fake.requests[0]!.headers['user-agent'] ?? '', /^aws-cli\/1\./);
  });

  it('real botocore with awscrt 0.28.4 fails at refresh with the real AttributeError, sending nothing', async (t) => {
    if (noPython) return t.skip(noPython);
    home = await makeLoginHome({ fake, expiresInS: 60 });
    const r = await botoIdentity('no-padded-signature', home, fake);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /AttributeError: type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'/);
    assert.deepEqual(fake.requests, []);
    assert.deepEqual(await home.readCache(), home.token);
  });

  it('real botocore without awscrt fails with the real Missing Dependency text', async (t) => {
    if (noPython) return t.skip(noPython);
    home = await makeLoginHome({ fake, expiresInS: 60 });
    const r = await botoIdentity('absent', home, fake);
    assert.notEqual(r.code, 0);
    assert.match(
      r.stderr,
      /Missing Dependency: Using the login credential provider requires an additional dependency\. You will need to pip install "botocore\[crt\]" before proceeding\./,
    );
    assert.deepEqual(fake.requests, []);
  });

  it('Sign-In failure switches reach botocore with its own texts', async (t) => {
    if (noPython) return t.skip(noPython);
    const cases: [NonNullable<FakeAws['switches']['signin']>, RegExp][] = [
      ['TOKEN_EXPIRED', /Your session has expired or credentials have changed\. Please reauthenticate using 'aws login'\./],
      ['INSUFFICIENT_PERMISSIONS', /You may be missing permission for the 'signin:CreateOAuth2Token' action\./],
      ['INVALID_REQUEST', /An error occurred \(ValidationException\) when calling the CreateOAuth2Token operation: The provided authorization grant is invalid/],
    ];
    for (const [failure, text] of cases) {
      home = await makeLoginHome({ fake, expiresInS: 60 });
      fake.switches.signin = failure;
      const r = await botoIdentity('complete', home, fake);
      assert.notEqual(r.code, 0, failure);
      assert.match(r.stderr, text, failure);
      assert.deepEqual(await home.readCache(), home.token, `${failure}: cache untouched`);
      await home.cleanup();
      home = undefined;
    }
  });

  it('Sign-In failure switches reach the JS SDK with its own texts', async () => {
    const cases: [NonNullable<FakeAws['switches']['signin']>, RegExp][] = [
      ['TOKEN_EXPIRED', /^Your session has expired\. Please reauthenticate\.$/],
      ['USER_CREDENTIALS_CHANGED', /because of a change in your password/],
      ['INSUFFICIENT_PERMISSIONS', /insufficient permissions/],
    ];
    for (const [failure, text] of cases) {
      home = await makeLoginHome({ fake, expiresInS: 60 });
      fake.switches.signin = failure;
      await assert.rejects(jsLoginIdentity(home, fake), (e: Error) => text.test(e.message), failure);
      await home.cleanup();
      home = undefined;
    }
  });

  it('rejects a stale refresh token, a DPoP key that is not the session key, a replayed jti and a wrong htu', async () => {
    // Already expired: the JS SDK (>= 3.972.73) would otherwise log the failure and keep the still-valid old keys.
    home = await makeLoginHome({ fake, expiresInS: -60 });
    const session = fake.loginSession(home.token.clientId)!;
    // A rotated token: the cache still holds the old one.
    session.refreshToken = 'FAKEREFRESH-rotated-elsewhere';
    await assert.rejects(jsLoginIdentity(home, fake), /The provided authorization grant is invalid/);
    assert.equal(fake.requests.at(-1)?.reason, 'refresh token is not the current one');

    session.refreshToken = home.token.refreshToken;
    const bound = session.jwk;
    session.jwk = { x: 'AAAA', y: 'BBBB' };
    await assert.rejects(jsLoginIdentity(home, fake), /The provided authorization grant is invalid/);
    assert.equal(fake.requests.at(-1)?.reason, 'DPoP: jwk is not the key bound to this session');
    session.jwk = bound;

    const proof = fake.requests.at(-1)!.headers.dpop!;
    const body = JSON.stringify({ clientId: home.token.clientId, grantType: 'refresh_token', refreshToken: home.token.refreshToken });
    const replay = await fetch(`${fake.url}/v1/token`, { method: 'POST', headers: { 'content-type': 'application/json', dpop: proof }, body });
    assert.equal(replay.status, 400);
    assert.match(fake.requests.at(-1)?.reason ?? '', /^DPoP: jti .* reused$/);

    const other = await fetch(`http://localhost:${new URL(fake.url).port}/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', dpop: proof },
      body,
    });
    assert.equal(other.status, 400);
    assert.match(fake.requests.at(-1)?.reason ?? '', /^DPoP: htu is http:\/\/127\.0\.0\.1:\d+\/v1\/token, request was http:\/\/localhost:/);
    assert.equal(session.rotations, 0);
  });

  it('STS verifies SigV4 with the issued secret: wrong secret, unknown key, expired key; and sends a skewed Date', async () => {
    const expiresAt = new Date(Date.now() + 3600_000);
    fake.seedCredentials({ accessKeyId: 'ASIAKNOWNKEY00000001', secretAccessKey: 'SECRET-right', sessionToken: 'SESSION-1', expiresAt });
    fake.seedCredentials({ accessKeyId: 'ASIAEXPIREDKEY000001', secretAccessKey: 'SECRET-old', sessionToken: 'SESSION-2', expiresAt: new Date(Date.now() - 1000) });
    const call = (accessKeyId: string, secretAccessKey: string, sessionToken: string) =>
      withEnv({ HOME: '/nonexistent', ...fake.env() }, async () => {
        const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
        const sts = new STSClient({ region: 'us-east-1', credentials: { accessKeyId, secretAccessKey, sessionToken }, maxAttempts: 1 });
        return sts.send(new GetCallerIdentityCommand({}));
      });
    assert.equal((await call('ASIAKNOWNKEY00000001', 'SECRET-right', 'SESSION-1')).Account, '123456789012');
    await assert.rejects(call('ASIAKNOWNKEY00000001', 'SECRET-wrong', 'SESSION-1'), { name: 'SignatureDoesNotMatch' });
    await assert.rejects(call('ASIAUNKNOWNKEY000001', 'SECRET-right', 'SESSION-1'), { name: 'InvalidClientTokenId' });
    await assert.rejects(call('ASIAEXPIREDKEY000001', 'SECRET-old', 'SESSION-2'), { name: 'ExpiredToken' });

    fake.switches.stsClockSkewMs = 10 * 60_000;
    const skewed = await fetch(fake.url, { method: 'POST', body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    const date = Date.parse(skewed.headers.get('date') ?? '');
    assert.ok(date - Date.now() > 9 * 60_000, 'Date header is skewed');
    assert.equal(fake.requests.at(-1)?.outcome, 'InvalidClientTokenId');
  });

  it('a stalled Sign-In keeps the request open until the client gives up', async () => {
    home = await makeLoginHome({ fake, expiresInS: -60 });
    fake.switches.signin = 'STALL';
    const pending = withEnv({ ...home.env, ...fake.env() }, async () => {
      const { fromLoginCredentials } = await import('@aws-sdk/credential-providers');
      return fromLoginCredentials({ profile: home!.profile, clientConfig: { requestHandler: { requestTimeout: 60_000 } } })({});
    });
    await fake.waitForRequests(1);
    assert.equal(fake.requests[0]?.outcome, 'stalled');
    // The fake never answers on its own; stopping it drops the connection and the client fails.
    await fake.stop();
    await assert.rejects(pending, /Failed to refresh token/);
    fake = new FakeAws();
    await fake.start();
  });

  it('SSO: the JS SDK and botocore refresh the SSO token via SSO-OIDC and get role credentials', async (t) => {
    const sso = await makeSsoHome({ fake, expiresInS: 60 });
    try {
      const arn = await withEnv({ ...sso.env, ...fake.env() }, async () => {
        const { fromSSO } = await import('@aws-sdk/credential-providers');
        const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
        const credentials = await fromSSO({ profile: sso.profile })();
        return (await new STSClient({ region: 'us-east-1', credentials, maxAttempts: 1 }).send(new GetCallerIdentityCommand({}))).Arn;
      });
      assert.match(arn ?? '', /assumed-role\/AWSReservedSSO_Developer/);
      const afterJs = await sso.readCache();
      assert.equal(afterJs.refreshToken, fake.ssoSession(sso.token.clientId)?.refreshToken);
      assert.notEqual(afterJs.accessToken, sso.token.accessToken);
      assert.deepEqual(
        fake.requests.map((r) => [r.service, r.outcome]),
        [
          ['sso-oidc', 'ok'],
          ['sso', 'ok'],
          ['sts', 'ok'],
        ],
      );
      if (noPython) return t.skip(noPython);
      // botocore refreshes when < 15 min remain: the JS refresh left 8 h, so expire it again on the fake's side.
      const { writeFile } = await import('node:fs/promises');
      await writeFile(sso.cachePath, JSON.stringify({ ...afterJs, expiresAt: new Date(Date.now() + 60_000).toISOString().slice(0, 19) + 'Z' }));
      const r = await botoIdentity('absent', sso, fake);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /assumed-role\/AWSReservedSSO_Developer/);
      assert.equal((await sso.readCache()).refreshToken, fake.ssoSession(sso.token.clientId)?.refreshToken);
      assert.equal(fake.ssoSession(sso.token.clientId)?.rotations, 2);
      assertLocalOnly(fake);
    } finally {
      await sso.cleanup();
    }
  });

  it('SSO: an expired client registration is refused by SSO-OIDC', async () => {
    const sso = await makeSsoHome({ fake, expiresInS: 60, registrationExpiresInS: 3600 });
    try {
      fake.ssoSession(sso.token.clientId)!.registrationExpiresAt = new Date(Date.now() - 1000);
      const res = await fetch(`${fake.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: sso.token.clientId, clientSecret: sso.token.clientSecret, grantType: 'refresh_token', refreshToken: sso.token.refreshToken }),
      });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('x-amzn-errortype'), 'InvalidClientException');
    } finally {
      await sso.cleanup();
    }
  });

  it('fails the test when a request arrives that it does not know', async () => {
    await fetch(`${fake.url}/some/other/service`, { method: 'POST', body: 'x' });
    await assert.rejects(fake.stop(), /does not know:\nPOST \/some\/other\/service/);
    fake = new FakeAws();
    await fake.start();
  });
});
