// tools.aws-cli against the real AWS CLI v2 peers (source builds on Debian's python3): version from the source
// tree, the awscrt the CLI really imports, and the CLI's own behaviour behind each finding.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brokenStartUrlWindow } from '../../../src/aws/cli-windows.js';
import { parseCliVersion } from '../../../src/aws/cli-version.js';
import type { Finding } from '../../../src/engine/finding.js';
import { fixtureHome, runCli, runJson } from '../../support/cli.js';
import { peerMissing } from '../../support/python-envs.js';
import { awsCliV2Peer, awsCliV2PeerMissing, runAwsCliV2, type AwsCliV2Peer } from '../../support/aws-cli-v2-peer.js';
import { FakeAws } from '../../support/fake-aws.js';

const LOGIN_CONFIG = '[default]\nlogin_session = arn:aws:iam::123456789012:user/alice\nregion = us-east-1\n';
const cliFindings = (findings: Finding[]) => findings.filter((f) => f.check === 'tools.aws-cli');

/** `aws login --remote`: answers the code prompt with a well-formed code for the state the CLI printed. */
function loginRemote(peer: AwsCliV2Peer, home: string, profile: string, env: Record<string, string> = {}) {
  let answered = false;
  return runAwsCliV2(peer, ['login', '--remote', '--profile', profile], {
    env: { HOME: home, AWS_REGION: 'us-east-1', ...env },
    onStdout: (out, write) => {
      const state = /[?&]state=([^&\s]+)/.exec(out)?.[1];
      if (answered || !state || !out.includes('authorization code')) return;
      answered = true;
      write(`${Buffer.from(`state=${decodeURIComponent(state)}&code=fake-code`).toString('base64')}\n`);
    },
    timeoutMs: 60_000,
  });
}

describe('tools.aws-cli with the real AWS CLI v2 peers', { timeout: 300_000 }, () => {
  let missing: string | null = null;
  let root: string;
  let home: string;
  const peers: Record<string, AwsCliV2Peer> = {};
  /** A bin folder with only this peer's aws, linked as a package manager would. */
  const binFor = (peer: AwsCliV2Peer, name: string) => {
    const bin = join(root, `bin-${name}`);
    mkdirSync(bin, { recursive: true });
    symlinkSync(peer.aws, join(bin, 'aws'));
    return bin;
  };

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ld-awscli-peer-'));
    home = join(root, 'home');
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'config'), LOGIN_CONFIG);
    missing = await awsCliV2PeerMissing();
    if (missing) return;
    peers.current = await awsCliV2Peer('2.36.7');
    peers.unpadded = await awsCliV2Peer('2.32.6');
    peers.lowered = await awsCliV2Peer('2.36.7', 'no-padded-signature');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('2.36.7 source build: version from the source tree, its own awscrt inspected and current: cli-ok', async (t) => {
    if (missing) return peerMissing(t, missing);
    const { report } = await runJson(['--offline'], { home, env: { PATH: binFor(peers.current!, 'current') } });
    const f = cliFindings(report.findings);
    assert.deepEqual(f.map((x) => `${x.code}:${x.status}`), ['cli-ok:pass']);
    const e = f[0]!.evidence;
    assert.deepEqual([e.versionFrom, e.version, e.distribution, e.ownPython], ['source tree', '2.36.7', 'source', '/usr/bin/python3']);
    assert.equal(e.versionEvidence, join(peers.current!.lib, 'awscli', '__init__.py'));
    assert.deepEqual([e.awscrtVersion, e.awscrtPath, e.dpopSignature], ['0.36.0', join(peers.current!.lib, 'awscrt', '__init__.py'), 'padded']);
    assert.equal(e.botocorePath, join(peers.current!.lib, 'awscli', 'botocore', '__init__.py'));
  });

  it('2.32.6 source build: cli-unpadded-dpop, version from the source tree', async (t) => {
    if (missing) return peerMissing(t, missing);
    const { report } = await runJson(['--offline'], { home, env: { PATH: binFor(peers.unpadded!, 'unpadded') } });
    const f = cliFindings(report.findings);
    assert.deepEqual(f.map((x) => `${x.code}:${x.status}:${x.evidence.versionFrom}`), ['cli-unpadded-dpop:warn:source tree']);
  });

  it('2.36.7 on an awscrt without the padded method: cli-awscrt-no-padded-signature, and the real aws login fails that way', async (t) => {
    if (missing) return peerMissing(t, missing);
    const { report, code } = await runJson(['--offline'], { home, env: { PATH: binFor(peers.lowered!, 'lowered') } });
    const f = cliFindings(report.findings);
    assert.deepEqual(f.map((x) => `${x.code}:${x.status}`), ['cli-awscrt-no-padded-signature:fail']);
    assert.deepEqual([f[0]!.evidence.awscrtVersion, f[0]!.evidence.awscrtPath], ['0.28.4', join(peers.lowered!.lib, 'awscrt', '__init__.py')]);
    assert.match(f[0]!.fix!.text, /package manager/);
    assert.equal(code, 1);

    // The real command: aws login signs its token request (DPoP) with the missing method before sending it.
    const fake = new FakeAws();
    await fake.start();
    const loginHome = join(root, 'login-home');
    mkdirSync(loginHome, { recursive: true });
    try {
      const lowered = await loginRemote(peers.lowered!, loginHome, 'fresh', fake.env());
      assert.notEqual(lowered.code, 0);
      assert.match(lowered.stderr, /aws: \[ERROR\]: type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'/);
      assert.equal(fake.requestsTo('signin').length, 0);
      const explained = await runCli(['explain', '--json'], { home: loginHome, input: lowered.stderr });
      assert.equal((JSON.parse(explained.stdout) as { matches: Array<{ code: string }> }).matches[0]!.code, 'cli-awscrt-no-padded-signature');
      // The same command on the unmodified tree gets as far as Sign-In (which refuses the made-up code).
      const current = await loginRemote(peers.current!, loginHome, 'fresh', fake.env());
      assert.doesNotMatch(current.stderr, /decode_der_signature_to_padded_pair/);
      assert.equal(fake.requestsTo('signin').length, 1);
    } finally {
      await fake.stop();
    }
  });

  it('2.36.7 refuses aws login on a profile with static keys: cli-login-refuses-profile, and no fix offers that command', async (t) => {
    if (missing) return peerMissing(t, missing);
    const fixture = fixtureHome('static-keys-shadow-login');
    const { report } = await runJson(['--offline', '--profile', 'dev'], { home: fixture, env: { PATH: binFor(peers.current!, 'refuse') } });
    const f = report.findings.find((x) => x.code === 'cli-login-refuses-profile')!;
    assert.ok(f, JSON.stringify(cliFindings(report.findings)));
    assert.equal(f.status, 'warn');
    assert.deepEqual([f.evidence.style, f.evidence.key], ['Access Key', 'aws_access_key_id']);
    assert.deepEqual(f.fix!.commands, ['aws login --profile dev-login']);
    const offered = report.findings.flatMap((x) => x.fix?.commands ?? []);
    assert.ok(!offered.includes('aws login --profile dev'), offered.join('\n'));
    assert.ok(offered.includes('aws login --profile dev-login'));

    // What the real CLI does with that command, in that HOME (it refuses before any network call).
    const copy = join(root, 'refuse-home');
    execFileSync('cp', ['-r', fixture, copy]);
    const real = await runAwsCliV2(peers.current!, ['login', '--profile', 'dev'], { env: { HOME: copy, AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }, input: '' });
    assert.match(real.stderr, /Profile 'dev' is already configured with Access Key credentials\./);

    // 2.32.6 predates the refusal: no finding.
    const old = await runJson(['--offline', '--profile', 'dev'], { home: fixture, env: { PATH: binFor(peers.unpadded!, 'refuse-old') } });
    assert.equal(old.report.findings.filter((x) => x.code === 'cli-login-refuses-profile').length, 0);
  });

  it('the start-URL window matches the real CLI: 2.36.7 knows every host it flags, the 2.35.13 list did not', async (t) => {
    if (missing) return peerMissing(t, missing);
    const hosts = [
      'start.home.awsapps.cn',
      'ssoins-1.cn-north-1.portal.amazonaws.com.cn',
      'ssoins-1.portal.cn-north-1.app.amazonwebservices.com.cn',
      'identitycenter.amazonaws.com.cn',
      'ssoins-1.eu-central-1.portal.amazonaws.eu',
      'ssoins-1.portal.eu-central-1.api.amazonwebservices.eu',
      'identitycenter.amazonaws.eu',
      'identitycenter.us-gov.amazonaws.com',
      'start.us-gov-home.awsapps.com',
      'd-1234567890.awsapps.com',
      'ssoins-1.portal.us-east-1.app.aws',
      'sso.example.com',
    ];
    const code = `import json, sys\nfrom awscli.customizations.sso.resolve import is_aws_owned_domain\nprint(json.dumps([is_aws_owned_domain(h) for h in json.loads(sys.argv[1])]))`;
    const known = JSON.parse(execFileSync('/usr/bin/python3', ['-I', '-c', `import sys; sys.path.insert(0, ${JSON.stringify(peers.current!.lib)})\n${code}`, JSON.stringify(hosts)], { encoding: 'utf8' })) as boolean[];
    // The first resolver's list, as quoted in aws/aws-cli#10464.
    const first = ['.app.aws', '.portal.amazonaws.com', '.awsapps.com'];
    hosts.forEach((host, i) => {
      const knownThen = first.some((s) => host.endsWith(s));
      const flagged = brokenStartUrlWindow(`https://${host}/start`, parseCliVersion('2.35.13')!) !== null;
      assert.equal(flagged, known[i]! && !knownThen, host);
      assert.equal(brokenStartUrlWindow(`https://${host}/start`, parseCliVersion('2.36.7')!), null, host);
    });
  });
});
