// Every AWS CLI v2 wording in the error table, captured from the real CLI (2.36.7 peer) against the local fake AWS
// and fed to `login-doctor explain` on stdin, as a user would paste it: no text here is copied by hand. explain runs
// in-process (main() with the text on stdin); test/cli/explain.test.ts runs it as a process.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ERROR_SIGNATURES } from '../../src/knowledge/error-signatures.js';
import { classifyRefreshFailure } from '../../src/knowledge/refresh-signatures.js';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../support/io.js';
import { peerMissing } from '../support/python-envs.js';
import { awsCliV2Peer, awsCliV2PeerMissing, runAwsCliV2, type AwsCliV2Peer } from '../support/aws-cli-v2-peer.js';
import { FakeAws, type SigninFailure, type StsFailure, type Switches } from '../support/fake-aws.js';
import { makeLoginHome } from '../support/login-home.js';
import { pythonJsonDumps } from '../support/token-fixtures.js';
import { makeSsoHome } from '../support/sso-home.js';

interface Captured {
  stderr: string;
  code: number | null;
}

interface Scenario {
  /** The signature the CLI's stderr must be explained by (the first match with a cause of its own). */
  id: string;
  run(peers: { current: AwsCliV2Peer; lowered: AwsCliV2Peer }): Promise<Captured>;
}

/** Runs `aws sts get-caller-identity` on a login profile through the fake, after `setup` bends the world. */
async function loginCall(
  peer: AwsCliV2Peer,
  o: { switches?: Switches; expiresInS?: number; region?: string | null; env?: Record<string, string>; args?: string[]; edit?: (cache: Record<string, unknown>) => Record<string, unknown> | null } = {},
): Promise<Captured> {
  const fake = new FakeAws();
  await fake.start();
  const h = await makeLoginHome({ fake, expiresInS: o.expiresInS ?? -60, region: o.region === undefined ? 'us-east-1' : o.region });
  try {
    Object.assign(fake.switches, o.switches ?? {});
    if (o.edit) {
      const edited = o.edit(JSON.parse(await readFile(h.cachePath, 'utf8')) as Record<string, unknown>);
      if (edited) await writeFile(h.cachePath, pythonJsonDumps(edited), { mode: 0o600 });
      else await rm(h.cachePath);
    }
    const r = await runAwsCliV2(peer, ['sts', 'get-caller-identity', '--profile', h.profile, ...(o.args ?? [])], {
      env: { ...h.env, ...fake.env(), AWS_MAX_ATTEMPTS: '1', ...(o.env ?? {}) },
    });
    return { stderr: r.stderr, code: r.code };
  } finally {
    await h.cleanup();
    await fake.stop();
  }
}

/** A login HOME with extra config; runs any CLI command on it without a fake. */
async function configCall(peer: AwsCliV2Peer, config: string, credentials: string, args: string[]): Promise<Captured> {
  const home = await mkdtemp(join(tmpdir(), 'ld-cli-errors-'));
  try {
    execFileSync('/bin/mkdir', ['-p', join(home, '.aws')]);
    await writeFile(join(home, '.aws', 'config'), config);
    if (credentials) await writeFile(join(home, '.aws', 'credentials'), credentials);
    const r = await runAwsCliV2(peer, args, { env: { HOME: home, AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }, input: '' });
    return { stderr: r.stderr, code: r.code };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

async function ssoCall(peer: AwsCliV2Peer, o: { switches?: Switches; expiresInS?: number; removeCache?: boolean }): Promise<Captured> {
  const fake = new FakeAws();
  await fake.start();
  const h = await makeSsoHome({ fake, expiresInS: o.expiresInS ?? 3600 });
  try {
    Object.assign(fake.switches, o.switches ?? {});
    if (o.removeCache) await rm(h.cachePath);
    const r = await runAwsCliV2(peer, ['sts', 'get-caller-identity', '--profile', h.profile], { env: { ...h.env, ...fake.env(), AWS_MAX_ATTEMPTS: '1' } });
    return { stderr: r.stderr, code: r.code };
  } finally {
    await h.cleanup();
    await fake.stop();
  }
}

const signin = (failure: SigninFailure, extra: { args?: string[] } = {}) => (p: { current: AwsCliV2Peer }) => loginCall(p.current, { switches: { signin: failure }, ...extra });
const sts = (failure: StsFailure) => (p: { current: AwsCliV2Peer }) => loginCall(p.current, { switches: { sts: failure }, expiresInS: 600 });

/** A local HTTPS server (self-signed, so the CLI runs with --no-verify-ssl) that answers every request 404. */
async function notFoundHttps(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  const server = createHttpsServer({ key: await readFile(key), cert: await readFile(cert) }, (_req, res) => {
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/start`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Sign-In that answers 200 without a token, as a broken proxy or service would. */
async function emptySignin(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const SCENARIOS: Scenario[] = [
  { id: 'cli-refresh-token-expired', run: signin('TOKEN_EXPIRED') },
  { id: 'cli-refresh-password-changed', run: signin('USER_CREDENTIALS_CHANGED') },
  { id: 'botocore-insufficient-permissions', run: signin('INSUFFICIENT_PERMISSIONS') },
  { id: 'botocore-refresh-invalid-grant', run: signin('INVALID_REQUEST') },
  { id: 'cli-signin-server-error', run: signin('HTTP_500') },
  { id: 'cli-signin-timeout', run: signin('STALL', { args: ['--cli-read-timeout', '2'] }) },
  { id: 'botocore-endpoint-unreachable', run: (p) => loginCall(p.current, { env: { AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:1' } }) },
  {
    id: 'cli-signin-response-incomplete',
    run: async (p) => {
      const server = await emptySignin();
      try {
        return await loginCall(p.current, { env: { AWS_ENDPOINT_URL_SIGNIN: server.url } });
      } finally {
        await server.close();
      }
    },
  },
  { id: 'cli-awscrt-no-padded-signature', run: (p) => loginCall(p.lowered) },
  { id: 'cli-login-cache-missing', run: (p) => loginCall(p.current, { edit: () => null }) },
  { id: 'cli-login-cache-fields-missing', run: (p) => loginCall(p.current, { edit: ({ refreshToken: _drop, ...rest }) => rest }) },
  { id: 'botocore-dpop-key-invalid', run: (p) => loginCall(p.current, { edit: (c) => ({ ...c, dpopKey: '-----BEGIN EC PRIVATE KEY-----\nbm90IGEga2V5\n-----END EC PRIVATE KEY-----\n' }) }) },
  { id: 'botocore-no-region', run: (p) => loginCall(p.current, { region: null }) },
  { id: 'sts-expired-token', run: sts('ExpiredToken') },
  { id: 'sts-invalid-client-token-id', run: sts('InvalidClientTokenId') },
  { id: 'sts-signature-does-not-match', run: sts('SignatureDoesNotMatch') },
  { id: 'sts-signature-expired', run: sts('SignatureExpired') },
  { id: 'sts-access-denied', run: sts('AccessDenied') },
  {
    id: 'cli-login-profile-has-credentials',
    run: (p) =>
      configCall(p.current, '[profile dev]\nregion = us-east-1\n', '[dev]\naws_access_key_id = AKIAFIXTUREKEY123456\naws_secret_access_key = SECRET-static-fixture\n', ['login', '--profile', 'dev']),
  },
  { id: 'cli-no-credentials', run: (p) => configCall(p.current, '[profile empty]\nregion = us-east-1\n', '', ['sts', 'get-caller-identity', '--profile', 'empty']) },
  { id: 'botocore-profile-not-found', run: (p) => configCall(p.current, '[profile dev]\nregion = us-east-1\n', '', ['sts', 'get-caller-identity', '--profile', 'nope']) },
  {
    id: 'cli-sso-start-url-unresolved',
    run: async (p) => {
      const dir = await mkdtemp(join(tmpdir(), 'ld-vanity-'));
      const server = await notFoundHttps(dir);
      try {
        const config = `[profile corp]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n[sso-session corp]\nsso_start_url = ${server.url}\nsso_region = us-east-1\n`;
        return await configCall(p.current, config, '', ['sso', 'login', '--profile', 'corp', '--no-verify-ssl', '--no-browser']);
      } finally {
        await server.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
  { id: 'botocore-sso-refresh-failed', run: (p) => ssoCall(p.current, { expiresInS: -60, switches: { ssoOidc: 'InvalidGrantException' } }) },
  { id: 'botocore-sso-unauthorized', run: (p) => ssoCall(p.current, { switches: { sso: 'UnauthorizedException' } }) },
  { id: 'botocore-sso-token-missing', run: (p) => ssoCall(p.current, { removeCache: true }) },
];

/** CLI-side wordings of the table the 2.36.7 peer cannot print, and why. */
const NOT_FROM_THIS_CLI: Record<string, string> = {
  'service-refresh-token-expired': 'the CLI turns TOKEN_EXPIRED into its own "Your session has expired" text',
  'cli-no-login-command': 'a CLI with `aws login` never says it; captured from the pip AWS CLI v1 and Debian 2.9.19 in test/checks/tools/real-peers.test.ts',
  'wsl-browser-not-supported': "printed by WSL's gio browser handler when aws login opens the sign-in page; no browser handler runs here (aws/aws-cli#10242)",
  'botocore-invalid-service-response': "the vendored parser always fills tokenOutput, so an empty answer ends in cli-signin-response-incomplete ('expiresIn')",
};

describe('AWS CLI v2 error texts, captured from the real CLI and explained', { timeout: 600_000 }, () => {
  let missing: string | null = null;
  let peers: { current: AwsCliV2Peer; lowered: AwsCliV2Peer };
  before(async () => {
    missing = await awsCliV2PeerMissing();
    if (!missing) peers = { current: await awsCliV2Peer('2.36.7'), lowered: await awsCliV2Peer('2.36.7', 'no-padded-signature') };
  });

  it('covers every AWS CLI v2 wording in the table', () => {
    const cliSide = ERROR_SIGNATURES.filter((s) => s.consumer === 'cli-v2' || s.consumer === 'any').map((s) => s.id);
    const covered = new Set([...SCENARIOS.map((s) => s.id), ...Object.keys(NOT_FROM_THIS_CLI)]);
    assert.deepEqual(cliSide.filter((id) => !covered.has(id)), []);
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario.id}: the real CLI's stderr is explained by it`, async (t) => {
      if (missing) return peerMissing(t, missing);
      const captured = await scenario.run(peers);
      assert.notEqual(captured.code, 0, captured.stderr);
      assert.match(captured.stderr, /aws: \[ERROR\]: /, 'the CLI printed its own error line');
      const io = memoryIo({ stdin: captured.stderr });
      assert.equal(await main(['explain', '--json'], io), 0, `${io.stderr}\n--- the CLI said:\n${captured.stderr}`);
      const matches = (JSON.parse(io.stdout) as { matches: Array<{ id: string; code: string; refreshCode: string | null }> }).matches;
      assert.equal(matches[0]!.id, scenario.id, `the CLI said:\n${captured.stderr}\nexplained as ${matches.map((m) => m.id).join(', ')}`);
      const sig = ERROR_SIGNATURES.find((s) => s.id === scenario.id)!;
      assert.equal(matches[0]!.code, sig.code);
      // The refresh test classifies the same text the same way.
      if (sig.refreshCode && sig.refreshCode !== 'refresh-unknown') assert.equal(classifyRefreshFailure(captured.stderr), sig.refreshCode);
    });
  }
});
