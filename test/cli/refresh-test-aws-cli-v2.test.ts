// `login-doctor refresh-test --via cli` with the real AWS CLI v2 peers (2.36.7, 2.32.6, and 2.36.7 on an awscrt
// without the padded method) against the local fake AWS. Each failure is classified from the CLI's own stderr.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, before, describe, it } from 'node:test';
import type { Finding } from '../../src/engine/finding.js';
import { runCli } from '../support/cli.js';
import { peerMissing } from '../support/python-envs.js';
import { awsCliV2Peer, awsCliV2PeerMissing, type AwsCliV2Peer, type PeerAwscrt, type PeerVersion } from '../support/aws-cli-v2-peer.js';
import type { SigninFailure } from '../support/fake-aws.js';
import { endRefreshWorlds, refreshWorld, type RefreshWorld } from '../support/refresh-world.js';

/** Loads the cache's DPoP key and builds proofs with the CLI's own code (lib/ first on sys.path) until one is short. */
const SIGNER = `
import sys, json, base64
sys.path.insert(0, sys.argv[1])
from awscli.botocore.credentials import LoginCredentialFetcher
from awscli.botocore.utils import build_dpop_header
key = LoginCredentialFetcher._load_private_key({'dpopKey': sys.argv[2]})
lengths, found, tries = set(), None, 0
while tries < int(sys.argv[4]) and found is None:
    tries += 1
    header = build_dpop_header(key, sys.argv[3])
    n = len(base64.urlsafe_b64decode(header.split('.')[2] + '=='))
    lengths.add(n)
    if n < 64:
        found = header
print(json.dumps({'header': found, 'tries': tries, 'lengths': sorted(lengths)}))
`;

type World = RefreshWorld;

afterEach(endRefreshWorlds);

/** A login HOME whose PATH holds only the peer's aws (a symlink, as a package manager would link it). */
async function world(peer: AwsCliV2Peer, signin?: SigninFailure): Promise<World> {
  const w = await refreshWorld(signin ? { signin } : {});
  const bin = join(w.h.home, 'bin');
  await mkdir(bin);
  await symlink(peer.aws, join(bin, 'aws'));
  w.env.PATH = bin;
  return w;
}

async function refreshTest(w: World, extra: string[] = []): Promise<{ code: number | null; findings: Finding[]; stdout: string }> {
  const r = await runCli(['refresh-test', '--json', '--yes', '--profile', w.h.profile, '--via', 'cli', ...extra], { home: w.h.home, env: w.env, timeoutMs: 120_000 });
  let report: { findings: Finding[] };
  try {
    report = JSON.parse(r.stdout) as { findings: Finding[] };
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}):\n${r.stdout}\n--- stderr:\n${r.stderr}`);
  }
  const secrets = [w.h.token.refreshToken, w.h.token.accessToken.secretAccessKey, w.h.token.accessToken.sessionToken, w.h.dpopKeyPem.split('\n')[1]!];
  for (const c of w.fake.issued) secrets.push(c.secretAccessKey, c.sessionToken);
  for (const s of secrets) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), `secret leaked: ${s.slice(0, 12)}…`);
  return { code: r.code, findings: report.findings, stdout: r.stdout };
}

function consumerFinding(findings: Finding[]): Finding {
  const hits = findings.filter((f) => f.evidence.kind === 'cli');
  assert.equal(hits.length, 1, JSON.stringify(findings.map((f) => [f.code, f.title, f.detail]), null, 1));
  return hits[0]!;
}

/** The cache folder holds only the cache, mode 0600; returns its text. */
async function cleanCache(w: World): Promise<string> {
  assert.deepEqual(await readdir(w.h.cacheDir), [w.h.cachePath.split('/').pop()]);
  assert.equal((await lstat(w.h.cachePath)).mode & 0o777, 0o600);
  return readFile(w.h.cachePath, 'utf8');
}

describe('refresh-test --via cli with the real AWS CLI v2', { timeout: 600_000 }, () => {
  let missing: string | null = null;
  const peers: Partial<Record<`${PeerVersion}:${PeerAwscrt}`, AwsCliV2Peer>> = {};
  before(async () => {
    missing = await awsCliV2PeerMissing();
    if (missing) return;
    for (const [v, crt] of [['2.36.7', 'as-built'], ['2.32.6', 'as-built'], ['2.36.7', 'no-padded-signature']] as const) peers[`${v}:${crt}`] = await awsCliV2Peer(v, crt);
  });
  const peer = (t: { skip(m?: string): void }, key: `${PeerVersion}:${PeerAwscrt}`): AwsCliV2Peer | null => {
    if (missing) {
      peerMissing(t, missing);
      return null;
    }
    return peers[key]!;
  };

  it('2.36.7: refresh-ok, the rotated tokens on disk, the DPoP proof verified by the fake Sign-In', async (t) => {
    const p = peer(t, '2.36.7:as-built');
    if (!p) return;
    const w = await world(p);
    const r = await refreshTest(w);
    const f = consumerFinding(r.findings);
    assert.equal(f.code, 'refresh-ok', f.detail);
    assert.equal(f.status, 'pass');
    assert.match(f.title, /^AWS CLI 2\.36\.7 /);
    assert.deepEqual([f.evidence.refreshedOnDisk, f.evidence.stsOk, f.evidence.cacheMode], [true, true, '600']);
    const signin = w.fake.requestsTo('signin');
    assert.deepEqual(signin.map((q) => [q.status, q.reason]), [[200, undefined]], 'one refresh, its DPoP proof accepted');
    assert.match(signin[0]!.headers['user-agent'] ?? '', /^aws-cli\/2\.36\.7 /);
    const session = w.fake.loginSession(w.h.token.clientId)!;
    assert.equal(session.rotations, 1);
    const disk = await w.h.readCache();
    assert.equal(disk.refreshToken, session.refreshToken, 'the cache holds the refresh token Sign-In considers current');
    assert.equal(disk.accessToken.accessKeyId, w.fake.issued[0]!.accessKeyId);
    assert.equal(w.fake.requestsTo('sts').at(-1)!.status, 200);
    assert.equal(r.findings.find((x) => x.code === 'refresh-test-cache-restored')?.evidence.outcome, 'kept-refreshed');
    await cleanCache(w);
    assert.equal(r.code, 0);
  });

  for (const [failure, code, said] of [
    ['TOKEN_EXPIRED', 'refresh-session-expired', /aws: \[ERROR\]: Your session has expired\. Please reauthenticate using 'aws login'\./],
    ['USER_CREDENTIALS_CHANGED', 'refresh-password-changed', /Unable to refresh login credentials because of a change in your password\./],
    ['INSUFFICIENT_PERMISSIONS', 'refresh-permission-denied', /You may be missing permission for the 'signin:CreateOAuth2Token' action\./],
    ['INVALID_REQUEST', 'refresh-invalid-grant', /\(ValidationException\) when calling the CreateOAuth2Token operation \(reached max retries: 0\): The provided authorization grant is invalid/],
    ['HTTP_500', 'refresh-unknown', /\(InternalServerException\) when calling the CreateOAuth2Token operation \(reached max retries: 0\): Internal server error/],
    ['STALL', 'refresh-network', /Read timeout on endpoint URL: "http:\/\/127\.0\.0\.1:\d+\/v1\/token"/],
  ] as const) {
    it(`2.36.7, Sign-In ${failure}: ${code} from the CLI's own stderr; the cache comes back byte for byte`, async (t) => {
      const p = peer(t, '2.36.7:as-built');
      if (!p) return;
      const w = await world(p, failure);
      // 16 s per consumer gives the CLI 4 s socket timeouts: the stalled call ends with the CLI's own message.
      const r = await refreshTest(w, failure === 'STALL' ? ['--consumer-timeout', '16000'] : []);
      const f = consumerFinding(r.findings);
      assert.equal(f.code, code, f.detail);
      assert.match(f.detail, said);
      assert.equal(f.evidence.timedOut, false, 'the CLI ended by itself');
      assert.equal(f.evidence.refreshedOnDisk, false);
      // One attempt: a retry would re-send the same DPoP proof and be refused as a replay.
      assert.equal(w.fake.requestsTo('signin').length, 1);
      assert.equal(w.fake.loginSession(w.h.token.clientId)!.rotations, 0);
      assert.equal(await cleanCache(w), w.original);
      assert.equal(r.findings.find((x) => x.code === 'refresh-test-cache-restored')?.evidence.outcome, 'restored-original');
    });
  }

  it('2.32.6 (unpadded window): refreshes, unless a signature half starts with a zero byte and Sign-In refuses the 63-byte proof', async (t) => {
    const p = peer(t, '2.32.6:as-built');
    if (!p) return;
    const w = await world(p);
    const r = await refreshTest(w);
    const f = consumerFinding(r.findings);
    const signin = w.fake.requestsTo('signin');
    assert.equal(signin.length, 1);
    // About 1 run in 128 signs a short value: then the fake, like Sign-In, rejects it, and the CLI says invalid grant.
    if (signin[0]!.status === 200) {
      assert.equal(f.code, 'refresh-ok', f.detail);
      assert.equal(w.fake.loginSession(w.h.token.clientId)!.rotations, 1);
    } else {
      assert.match(signin[0]!.reason ?? '', /^DPoP: signature is 6[23] bytes/);
      assert.equal(f.code, 'refresh-invalid-grant', f.detail);
      assert.equal(await cleanCache(w), w.original);
    }
  });

  it("2.32.6's own DPoP signer yields short signatures now and then, which Sign-In refuses; 2.36.7's never", async (t) => {
    const p = peer(t, '2.32.6:as-built');
    if (!p) return;
    const w = await refreshWorld();
    const url = `${w.fake.url}/v1/token`;
    // The CLI's own key loading and proof building, called in a loop until a signature half starts with a zero byte.
    const sign = (lib: string, limit: number) =>
      JSON.parse(
        execFileSync('/usr/bin/python3', ['-I', '-c', SIGNER, lib, w.h.dpopKeyPem, url, String(limit)], { encoding: 'utf8' }),
      ) as { header: string | null; tries: number; lengths: number[] };
    const padded = sign(peers['2.36.7:as-built']!.lib, 300);
    assert.deepEqual([padded.header, padded.lengths], [null, [64]]);
    const unpadded = sign(p.lib, 5000);
    assert.ok(unpadded.header, `no short signature in ${unpadded.tries} tries`);
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', DPoP: unpadded.header },
      body: JSON.stringify({ clientId: w.h.token.clientId, refreshToken: w.h.token.refreshToken, grantType: 'refresh_token' }),
    });
    assert.equal(answer.status, 400);
    assert.match(w.fake.requestsTo('signin')[0]!.reason ?? '', /^DPoP: signature is 6[23] bytes/);
  });

  it('2.36.7 on an awscrt without the padded method: refresh-awscrt-no-padded-signature, nothing sent, cache restored', async (t) => {
    const p = peer(t, '2.36.7:no-padded-signature');
    if (!p) return;
    const w = await world(p);
    const r = await refreshTest(w);
    const f = consumerFinding(r.findings);
    assert.equal(f.code, 'refresh-awscrt-no-padded-signature', f.detail);
    assert.equal(f.status, 'fail');
    assert.match(f.detail, /aws: \[ERROR\]: type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'/);
    // The CLI v2 brings its own awscrt: pip of some other Python would not reach it.
    assert.match(f.fix!.text, /built from source and imports the awscrt of its own Python/);
    assert.ok(!f.fix!.commands.some((c) => /\bpip\b/.test(c)), f.fix!.commands.join('\n'));
    assert.equal(w.fake.requestsTo('signin').length, 0, 'the proof fails before any request');
    assert.equal(await cleanCache(w), w.original);
    assert.equal(r.code, 1);
  });
});
