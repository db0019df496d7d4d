// `login-doctor refresh-test` through the built CLI, against the local fake AWS with the real JS SDK and the real
// botocore (awscrt stand-in venvs). HOME and AWS_LOGIN_CACHE_DIRECTORY are temp dirs; every endpoint is the fake.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, lstat, mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../support/cli.js';
import { LOGIN_FORMAT } from '../../src/aws/refreshable-token.js';
import type { Finding } from '../../src/engine/finding.js';
import { CacheGuard } from '../../src/probes/cache-guard.js';
import { recoveryFinding } from '../../src/refresh/guard-findings.js';
import type { SigninFailure } from '../support/fake-aws.js';
import { pythonJsonDumps } from '../support/token-fixtures.js';
import { pythonAvailable, pythonEnv, writeScript, type AwscrtVariant } from '../support/python-envs.js';
import { endRefreshWorlds, refreshWorld, ssoRefreshWorld, type RefreshWorld, type SsoRefreshWorld } from '../support/refresh-world.js';

const BIN = fileURLToPath(new URL('../../bin/login-doctor.js', import.meta.url));

type World = RefreshWorld;

/** Whether the Python behind `aws` (CLI v1) can import awscrt; the test expects it cannot. */
function pythonEnvHasAwscrt(): Promise<boolean> {
  return new Promise((resolve) => {
    const c = spawn('python3', ['-c', 'import awscrt'], { stdio: 'ignore' });
    c.on('close', (code) => resolve(code === 0)).on('error', () => resolve(false));
  });
}

const world = refreshWorld;

afterEach(endRefreshWorlds);

function only(report: { findings: Finding[] }, code: string): Finding {
  const hits = report.findings.filter((f) => f.code === code);
  assert.equal(hits.length, 1, `expected one ${code} in ${JSON.stringify(report.findings.map((f) => [f.code, f.title, f.detail]), null, 1)}`);
  return hits[0]!;
}

/** Every secret the test wrote or the fake issued must stay out of the output. */
function assertNoSecrets(w: World, ...outputs: string[]): void {
  const secrets = [w.h.token.refreshToken, w.h.token.accessToken.secretAccessKey, w.h.token.accessToken.sessionToken, w.h.dpopKeyPem.split('\n')[1]!];
  for (const c of w.fake.issued) secrets.push(c.secretAccessKey, c.sessionToken);
  const session = w.fake.loginSession(w.h.token.clientId);
  if (session) secrets.push(session.refreshToken, ...session.usedRefreshTokens);
  for (const out of outputs) for (const s of secrets) assert.ok(!out.includes(s), `secret leaked: ${s.slice(0, 12)}…`);
}

/** A clean finish leaves only the cache file, complete, mode 0600. */
async function assertCleanCache(w: World): Promise<string> {
  assert.deepEqual(await readdir(w.h.cacheDir), [w.h.cachePath.split('/').pop()]);
  const s = await lstat(w.h.cachePath);
  assert.ok(s.isFile());
  assert.equal(s.mode & 0o777, 0o600);
  const text = await readFile(w.h.cachePath, 'utf8');
  JSON.parse(text);
  return text;
}

async function assertRotatedTo(w: World, rotations: number): Promise<void> {
  const session = w.fake.loginSession(w.h.token.clientId)!;
  assert.equal(session.rotations, rotations);
  const disk = await w.h.readCache();
  assert.equal(disk.refreshToken, session.refreshToken, 'the cache holds the refresh token the server considers current');
  assert.notEqual(disk.accessToken.accessKeyId, w.h.token.accessToken.accessKeyId);
  assert.ok(Date.parse(disk.accessToken.expiresAt) > Date.now());
}

describe('refresh-test', { timeout: 300_000 }, () => {
  let noPython: string | null = null;
  const venv: Partial<Record<AwscrtVariant, string>> = {};

  before(async () => {
    noPython = await pythonAvailable();
    if (!noPython) {
      for (const v of ['complete', 'no-padded-signature', 'absent'] as const) venv[v] = (await pythonEnv(v)).python;
    }
  });

  async function run(w: World, via: string, extra: string[] = []) {
    const r = await runCli(['refresh-test', '--json', '--yes', '--profile', w.h.profile, '--via', via, ...extra], { home: w.h.home, env: w.env });
    let report: { findings: Finding[] };
    try {
      report = JSON.parse(r.stdout) as { findings: Finding[] };
    } catch {
      throw new Error(`stdout is not JSON (exit ${r.code}):\n${r.stdout}\n--- stderr:\n${r.stderr}`);
    }
    assertNoSecrets(w, r.stdout, r.stderr);
    return { ...r, report };
  }

  it('refresh-ok for the JS SDK and real botocore: each refreshes in turn, verified on disk and by the fake STS', async (t) => {
    if (noPython) return t.skip(noPython);
    const w = await world();
    const r = await run(w, 'js,python', ['--python', venv.complete!]);
    const oks = r.report.findings.filter((f) => f.code === 'refresh-ok');
    assert.deepEqual(
      oks.map((f) => [f.status, f.evidence.kind, f.evidence.refreshedOnDisk, f.evidence.stsOk, f.evidence.cacheMode]),
      [
        ['pass', 'js', true, true, '600'],
        ['pass', 'python', true, true, '600'],
      ],
    );
    assert.equal(oks[0]!.fix, null);
    assert.match(oks[0]!.title, /refreshed \(\d+\.\d s\)/);
    assert.equal(only(r.report, 'refresh-test-cache-restored').evidence.outcome, 'kept-refreshed');
    assert.equal(r.code, 0);
    // Shortened before each consumer: two Sign-In refreshes, each with the then-current token, and STS calls with the new keys.
    assert.equal(w.fake.requestsTo('signin').filter((q) => q.status === 200).length, 2);
    assert.equal(w.fake.requestsTo('sts').filter((q) => q.status === 200).length, 2);
    await assertRotatedTo(w, 2);
    await assertCleanCache(w);
  });

  it('--anonymize hides the account, the user and the home folder in the refresh report too', async () => {
    const w = await world();
    const r = await run(w, 'js', ['--anonymize']);
    assert.equal(only(r.report, 'refresh-ok').status, 'pass');
    for (const s of ['123456789012', 'alice', w.h.home]) assert.ok(!r.stdout.includes(s), `${s} leaked`);
  });

  it('the pretty report gives one line per consumer with result and time', async () => {
    const w = await world();
    const r = await runCli(['refresh-test', '--yes', '--profile', w.h.profile, '--via', 'js'], { home: w.h.home, env: w.env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /✓ AWS SDK for JavaScript v3 \(in-process, fromLoginCredentials\): refreshed \(\d+\.\d s\)/);
    assertNoSecrets(w, r.stdout, r.stderr);
    await assertRotatedTo(w, 1);
  });

  // refresh-awscrt-no-padded-signature runs in-process (test/refresh/run.test.ts).
  it('refresh-awscrt-missing: the real botocore error, quoted, and the original cache restored byte for byte', async (t) => {
    if (noPython) return t.skip(noPython);
    const w = await world();
    const r = await run(w, 'python', ['--python', venv.absent!]);
    const f = only(r.report, 'refresh-awscrt-missing');
    assert.equal(f.status, 'fail');
    assert.ok(f.fix!.commands[0]!.startsWith(`${venv.absent!} -m pip install --upgrade`));
    assert.ok(f.fix!.commands[0]!.includes("'botocore[crt]>=1.42.11'"));
    assert.match(f.detail, /> .*Missing Dependency/);
    assert.equal(only(r.report, 'refresh-test-cache-restored').evidence.outcome, 'restored-original');
    assert.equal(r.code, 1);
    assert.equal(await assertCleanCache(w), w.original);
  });

  it('refresh-no-region: JS SDK and botocore both need the profile region for Sign-In', async (t) => {
    if (noPython) return t.skip(noPython);
    const w = await world({ region: null });
    const r = await run(w, 'js,python', ['--python', venv.complete!]);
    const fs = r.report.findings.filter((f) => f.code === 'refresh-no-region');
    assert.deepEqual(fs.map((f) => f.evidence.kind), ['js', 'python']);
    for (const f of fs) {
      assert.equal(f.status, 'fail');
      assert.deepEqual(f.fix!.commands, ['aws configure set region us-east-1 --profile dev']);
    }
    assert.match(fs[0]!.detail, /Region is missing/);
    assert.match(fs[1]!.detail, /You must specify a region/);
    assert.equal(await assertCleanCache(w), w.original);
  });

  for (const [failure, code, via] of [
    ['TOKEN_EXPIRED', 'refresh-session-expired', 'js,python'],
    ['INSUFFICIENT_PERMISSIONS', 'refresh-permission-denied', 'js,python'],
    ['INVALID_REQUEST', 'refresh-invalid-grant', 'js,python'],
    ['USER_CREDENTIALS_CHANGED', 'refresh-password-changed', 'js'],
  ] as const) {
    it(`${code}: Sign-In answers ${failure}; the consumers' own texts are quoted; nothing rotated, original back`, async (t) => {
      if (via.includes('python') && noPython) return t.skip(noPython);
      const w = await world({ signin: failure });
      const r = await run(w, via, ['--python', venv.complete ?? 'python3']);
      const fs = r.report.findings.filter((f) => f.code === code);
      assert.deepEqual(fs.map((f) => f.evidence.kind), via.split(','));
      for (const f of fs) {
        assert.equal(f.status, 'fail');
        assert.ok(f.fix && f.fix.text.length > 0);
        assert.ok(f.fix!.commands.includes('aws login --profile dev'));
        assert.equal(f.evidence.refreshedOnDisk, false);
      }
      assert.equal(w.fake.requestsTo('signin').length, via.split(',').length);
      assert.equal(await assertCleanCache(w), w.original);
      assert.equal(r.code, 1);
    });
  }

  it('a sign-in the aws on PATH cannot run (AWS CLI v1): the report names it and the recap installs AWS CLI v2 first', async () => {
    const w = await world({ signin: 'TOKEN_EXPIRED' });
    const bin = join(w.h.home, 'v1-bin');
    await mkdir(bin);
    writeScript(join(bin, 'aws'), 'echo "aws-cli/1.44.0 Python/3.11.7 Linux/6.1.0 botocore/1.43.0"\n');
    w.env.PATH = bin;
    const r = await run(w, 'js');
    assert.ok(only(r.report, 'refresh-session-expired').fix!.commands.includes('aws login --profile dev'));
    assert.equal(only(r.report, 'cli-v1').check, 'tools.aws-cli');
    const pretty = await runCli(['refresh-test', '--yes', '--no-color', '--profile', w.h.profile, '--via', 'js'], { home: w.h.home, env: w.env });
    const next = pretty.stdout.slice(pretty.stdout.indexOf('Next: '));
    assert.match(next, /^Next: install an AWS CLI that can run `aws login`, then sign in:\n(.*\n)*\s+\$ aws login --profile dev\n/);
    assert.equal(await assertCleanCache(w), w.original);
  });

  it('refresh-network: a stalled Sign-In is a skip (the doctor cannot judge), and the cache comes back', async () => {
    const w = await world({ signin: 'STALL' });
    const r = await run(w, 'js', ['--consumer-timeout', '1500']);
    const f = only(r.report, 'refresh-network');
    assert.equal(f.status, 'skip');
    assert.ok(f.fix!.text.includes('network'));
    assert.equal(await assertCleanCache(w), w.original);
  });

  it('refresh-not-attempted: botocore uses static keys that shadow login_session, so it never refreshes', async (t) => {
    if (noPython) return t.skip(noPython);
    const w = await world();
    const stat = w.fake.seedCredentials({ accessKeyId: 'AKIASTATICKEY0000001', secretAccessKey: 'SECRET-static-0123456789', sessionToken: 'SESSION-static-0123456789', expiresAt: new Date(Date.now() + 3600_000) });
    await writeFile(join(w.h.home, '.aws', 'credentials'), `[dev]\naws_access_key_id = ${stat.accessKeyId}\naws_secret_access_key = ${stat.secretAccessKey}\naws_session_token = ${stat.sessionToken}\n`);
    const r = await run(w, 'python', ['--python', venv.complete!]);
    const f = only(r.report, 'refresh-not-attempted');
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.fix!.commands, ['login-doctor --profile dev']);
    assert.ok(!r.stdout.includes('SECRET-static'));
    assert.match(f.detail, /STS GetCallerIdentity worked/);
    assert.equal(await assertCleanCache(w), w.original);
  });

  it('refresh-clock-skew: STS rejects the refreshed keys because the clock is 10 minutes off', async () => {
    const w = await world();
    w.fake.switches.stsClockSkewMs = 10 * 60_000;
    const r = await run(w, 'js');
    const f = only(r.report, 'refresh-clock-skew');
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.fix!.commands, ['sudo timedatectl set-ntp true']);
    assert.match(f.detail, /Signature expired/);
    assert.equal(f.evidence.refreshedOnDisk, true);
    // The refresh itself happened: the newest tokens stay, with their real expiry.
    await assertRotatedTo(w, 1);
    await assertCleanCache(w);
  });

  it('refresh-unknown: an unrecognised Sign-In failure (HTTP 500) is quoted, not guessed', async () => {
    const w = await world({ signin: 'HTTP_500' });
    const r = await run(w, 'js');
    const f = only(r.report, 'refresh-unknown');
    assert.equal(f.status, 'fail');
    assert.match(f.detail, /> .*InternalServerException/);
    assert.deepEqual(f.fix!.commands, ['aws login --profile dev']);
    assert.equal(await assertCleanCache(w), w.original);
  });

  it('the AWS CLI v1 on PATH is a real consumer: its botocore without awscrt gives refresh-awscrt-missing', async (t) => {
    const version = await new Promise<string>((resolve) => {
      let out = '';
      const c = spawn('aws', ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
      c.stdout.on('data', (d) => (out += d));
      c.stderr.on('data', (d) => (out += d));
      c.on('close', () => resolve(out)).on('error', () => resolve(''));
    });
    if (!/^aws-cli\/1\.\S+ .*botocore\/1\.(4[1-9]|[5-9]\d)\./.test(version)) return t.skip(`aws on PATH is not an AWS CLI v1 on botocore >= 1.41 (${version.trim() || 'absent'})`);
    if (await pythonEnvHasAwscrt()) return t.skip('the Python of the AWS CLI v1 has awscrt');
    const w = await world();
    // runCli keeps the machine's PATH out unless a test passes it: this test is about the aws on it.
    w.env.PATH = process.env.PATH ?? '';
    const r = await run(w, 'cli');
    const f = only(r.report, 'refresh-awscrt-missing');
    assert.equal(f.evidence.kind, 'cli');
    assert.match(f.title, /^AWS CLI 1\./);
    assert.match(f.detail, /Missing Dependency/);
    assert.ok(f.fix!.commands[0]!.startsWith('pip install --upgrade'));
    assert.equal(await assertCleanCache(w), w.original);
  });

  it('refresh-test-consumer-unavailable: no aws on PATH is reported, nothing is run, exit 0', async () => {
    const w = await world();
    w.env.PATH = '/nonexistent';
    const r = await run(w, 'cli');
    const f = only(r.report, 'refresh-test-consumer-unavailable');
    assert.equal(f.status, 'info');
    assert.match(f.detail, /No aws on PATH/);
    assert.equal(r.code, 0);
    assert.equal(await assertCleanCache(w), w.original);
    // An AWS CLI older than 2.32.0 on PATH: in-process (test/refresh/run.test.ts).
  });

  it('refresh-test-cache-unwritable on a full disk: nothing is left half-written, the cache is untouched', async (t) => {
    if (process.getuid?.() !== 0) return t.skip('needs root to mount a tiny tmpfs');
    const w = await world();
    const dir = join(w.h.home, 'full');
    await mkdir(dir);
    const mounted = await new Promise<number | null>((resolve) =>
      spawn('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' }).on('close', resolve).on('error', () => resolve(null)),
    );
    if (mounted !== 0) return t.skip('cannot mount a tmpfs here');
    try {
      const name = w.h.cachePath.split('/').pop()!;
      await writeFile(join(dir, name), w.original, { mode: 0o600 });
      // Leave exactly one free page: the lock fits, the backup does not.
      const { statfs } = await import('node:fs/promises');
      const st = await statfs(dir);
      await writeFile(join(dir, 'filler'), Buffer.alloc(st.bavail * st.bsize - st.bsize));
      w.env.AWS_LOGIN_CACHE_DIRECTORY = dir;
      const r = await run(w, 'js');
      const f = only(r.report, 'refresh-test-cache-unwritable');
      assert.equal(f.status, 'fail');
      assert.match(f.title, /ENOSPC|no space/i);
      assert.deepEqual((await readdir(dir)).sort(), [name, 'filler'].sort());
      assert.equal(await readFile(join(dir, name), 'utf8'), w.original);
      assert.equal(w.fake.requests.length, 0);
    } finally {
      await new Promise((resolve) => spawn('umount', ['-l', dir], { stdio: 'ignore' }).on('close', resolve));
    }
  });

  it('refresh-test-needs-confirmation: no terminal and no --yes refuses with exit 2 and touches nothing', async () => {
    const w = await world();
    const r = await runCli(['refresh-test', '--json', '--profile', w.h.profile, '--via', 'js'], { home: w.h.home, env: w.env });
    assert.equal(r.code, 2);
    const f = only(JSON.parse(r.stdout), 'refresh-test-needs-confirmation');
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.fix!.commands, ['login-doctor refresh-test --profile dev --yes']);
    assert.equal(await assertCleanCache(w), w.original);
    assert.equal(w.fake.requests.length, 0);
  });

  it('on a terminal it explains and asks: "n" changes nothing (exit 2), "y" runs the test', async (t) => {
    if (process.platform !== 'linux' || spawnSync('script', ['--version']).status !== 0) return t.skip('needs util-linux `script` (Linux) to provide a terminal');
    const w = await world();
    const inTerminal = (input: string) =>
      new Promise<{ out: string; code: number | null }>((resolve) => {
        const command = [process.execPath, BIN, 'refresh-test', '--profile', w.h.profile, '--via', 'js', '--no-color'].map((a) => `'${a}'`).join(' ');
        const c = spawn('script', ['-qec', command, '/dev/null'], {
          env: { PATH: process.env.PATH ?? '', TERM: 'xterm', AWS_EC2_METADATA_DISABLED: 'true', ...w.env },
          cwd: w.h.home,
          stdio: ['pipe', 'pipe', 'ignore'],
        });
        let out = '';
        c.stdout.on('data', (d) => (out += d));
        c.on('close', (code) => resolve({ out, code }));
        c.stdin.end(input);
      });
    const { out: no, code } = await inTerminal('n\n');
    assert.equal(code, 2);
    assert.match(no, /set accessToken\.expiresAt in the past/);
    assert.match(no, /Continue\? \[y\/N\]/);
    assert.match(no, /cancelled; nothing was changed/);
    assert.equal(await assertCleanCache(w), w.original);
    assert.equal(w.fake.requests.length, 0);
    const { out: yes } = await inTerminal('y\n');
    assert.match(yes, /✓ AWS SDK for JavaScript v3 \(in-process, fromLoginCredentials\): refreshed/);
    assertNoSecrets(w, yes);
    await assertRotatedTo(w, 1);
  });

  it('refresh-test-not-login-profile stops before any change', async () => {
    const w = await world({ extraConfig: '[profile legacy]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n' });
    // The other profile kinds and refresh-test-cache-unhealthy are covered in-process (test/refresh/run.test.ts);
    // refresh-test-cache-unhealthy through the CLI: the deleted-cache test below.
    const r = await runCli(['refresh-test', '--json', '--yes', '--profile', 'legacy'], { home: w.h.home, env: w.env });
    assert.equal(only(JSON.parse(r.stdout), 'refresh-test-not-login-profile').status, 'fail');
    assert.equal(r.code, 1);
    assert.equal(await assertCleanCache(w), w.original);
    assert.equal(w.fake.requests.length, 0);
  });

  it('refresh-test-unsafe-path: a symlinked cache folder is refused and left alone (a symlinked file: in-process)', async () => {
    const w2 = await world();
    const realDir = join(w2.h.home, 'real-cache');
    await rename(w2.h.cacheDir, realDir);
    await symlink(realDir, w2.h.cacheDir);
    const r = await run(w2, 'js');
    assert.match(only(r.report, 'refresh-test-unsafe-path').title, /cache folder .* is a symbolic link/);
    assert.deepEqual(await readdir(realDir), [w2.h.cachePath.split('/').pop()]);
    assert.equal(w2.fake.requests.length, 0);
  });

  it('refresh-test-cache-unwritable: a read-only cache folder gives a clear finding and an untouched cache', async (t) => {
    const w = await world();
    let undo: () => Promise<void>;
    if (process.getuid?.() === 0) {
      // root ignores file modes: make the folder a read-only mount instead.
      const mount = (args: string[]) => new Promise<number | null>((resolve) => spawn('mount', args, { stdio: 'ignore' }).on('close', resolve).on('error', () => resolve(null)));
      const dir = join(w.h.home, 'ro');
      await mkdir(dir);
      if ((await mount(['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', dir])) !== 0) return t.skip('running as root and cannot mount a tmpfs for a read-only folder');
      await writeFile(join(dir, w.h.cachePath.split('/').pop()!), w.original, { mode: 0o600 });
      await mount(['-o', 'remount,ro', dir]);
      w.env.AWS_LOGIN_CACHE_DIRECTORY = dir;
      undo = () => new Promise<void>((resolve) => spawn('umount', ['-l', dir], { stdio: 'ignore' }).on('close', () => resolve()));
    } else {
      await chmod(w.h.cacheDir, 0o500);
      undo = () => chmod(w.h.cacheDir, 0o700);
    }
    try {
      const r = await run(w, 'js');
      const f = only(r.report, 'refresh-test-cache-unwritable');
      assert.equal(f.status, 'fail');
      assert.match(f.fix!.text, /writable/);
      assert.equal(await readFile(join(w.env.AWS_LOGIN_CACHE_DIRECTORY!, w.h.cachePath.split('/').pop()!), 'utf8'), w.original);
      assert.equal(w.fake.requests.length, 0);
    } finally {
      await undo();
    }
  });

  describe('sso-session profiles (SSO-OIDC refresh)', () => {
    async function ssoRun(w: SsoRefreshWorld, via: string) {
      const r = await runCli(['refresh-test', '--json', '--yes', '--profile', w.h.profile, '--via', via, '--python', venv.complete ?? 'python3'], { home: w.h.home, env: w.env });
      const session = w.fake.ssoSession(w.h.token.clientId)!;
      for (const secret of [w.h.token.accessToken, w.h.token.refreshToken, w.h.token.clientSecret, session.accessToken, session.refreshToken]) {
        assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), 'an SSO secret leaked');
      }
      return { ...r, report: JSON.parse(r.stdout) as { findings: Finding[] } };
    }

    it('refresh-ok: the JS SDK and botocore each refresh the SSO token, verified on disk and by STS', async (t) => {
      if (noPython) return t.skip(noPython);
      const w = await ssoRefreshWorld();
      const r = await ssoRun(w, 'js,python');
      const oks = r.report.findings.filter((f) => f.code === 'refresh-ok');
      assert.deepEqual(oks.map((f) => [f.status, f.evidence.kind, f.evidence.refreshedOnDisk, f.evidence.newAccessKeyId]), [
        ['pass', 'js', true, null],
        ['pass', 'python', true, null],
      ]);
      assert.equal(r.code, 0);
      const session = w.fake.ssoSession(w.h.token.clientId)!;
      assert.equal(session.rotations, 2);
      const disk = await w.h.readCache();
      assert.equal(disk.accessToken, session.accessToken);
      assert.ok(Date.parse(disk.expiresAt) > Date.now());
      assert.deepEqual(await readdir(dirname(w.h.cachePath)), [basename(w.h.cachePath)]);
      assert.equal((await lstat(w.h.cachePath)).mode & 0o777, 0o600);
    });

    it('refresh-session-expired: an expired client registration cannot refresh; aws sso login, original cache back', async (t) => {
      if (noPython) return t.skip(noPython);
      const w = await ssoRefreshWorld({ registrationExpiresInS: -60 });
      const r = await ssoRun(w, 'js,python');
      const fs = r.report.findings.filter((f) => f.code === 'refresh-session-expired');
      assert.deepEqual(fs.map((f) => f.evidence.kind), ['js', 'python']);
      for (const f of fs) {
        assert.equal(f.status, 'fail');
        assert.deepEqual(f.fix!.commands, ['aws sso login --profile sso-dev']);
      }
      assert.equal(only(r.report, 'refresh-test-cache-restored').evidence.outcome, 'restored-original');
      // No aws on PATH is only an info where no profile uses aws login, as in the diagnosis: nothing to add here.
      assert.deepEqual(r.report.findings.filter((f) => f.check === 'tools.aws-cli'), []);
      assert.equal(await readFile(w.h.cachePath, 'utf8'), w.original);
      assert.deepEqual(await readdir(dirname(w.h.cachePath)), [basename(w.h.cachePath)]);
    });
  });

  describe('safety under signals, kills, concurrency and interference', () => {
    /** Starts the CLI and resolves when it announces the test pause at `step`. */
    function startPaused(w: World, step: string, via = 'js'): { child: ChildProcess; paused: Promise<void>; done: Promise<{ code: number | null; signal: string | null; stdout: string }> } {
      const child = spawn(process.execPath, [BIN, 'refresh-test', '--json', '--yes', '--profile', w.h.profile, '--via', via], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_EC2_METADATA_DISABLED: 'true', ...w.env, LOGIN_DOCTOR_TEST_PAUSE_AT: step },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d) => (stdout += d));
      const paused = new Promise<void>((resolve, reject) => {
        child.stderr!.on('data', (d) => {
          stderr += d;
          if (stderr.includes(`login-doctor: test pause at ${step}\n`)) resolve();
        });
        child.on('close', () => reject(new Error(`exited before pausing at ${step}:\n${stderr}\n${stdout}`)));
      });
      const done = new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) =>
        child.on('close', (code, signal) => resolve({ code, signal, stdout })),
      );
      return { child, paused, done };
    }

    for (const [signal, exitCode] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      it(`${signal} during the test restores the original expiry when nothing refreshed`, async () => {
        const w = await world();
        const p = startPaused(w, 'shortened:js');
        await p.paused;
        assert.notEqual(await readFile(w.h.cachePath, 'utf8'), w.original, 'the expiry is shortened while paused');
        p.child.kill(signal);
        const end = await p.done;
        assert.equal(end.code, exitCode);
        const report = JSON.parse(end.stdout) as { findings: Finding[] };
        assert.equal(only(report, 'refresh-test-interrupted').status, 'fail');
        assert.equal(only(report, 'refresh-test-cache-restored').evidence.outcome, 'restored-original');
        assert.equal(await assertCleanCache(w), w.original);
        assert.equal(w.fake.requests.length, 0);
      });
    }

    it('SIGINT after a consumer refreshed keeps the newest tokens (the old refresh token is used)', async () => {
      const w = await world();
      const p = startPaused(w, 'consumer-done:js');
      await p.paused;
      p.child.kill('SIGINT');
      const end = await p.done;
      assert.equal(end.code, 130);
      const report = JSON.parse(end.stdout) as { findings: Finding[] };
      assert.equal(only(report, 'refresh-ok').status, 'pass');
      assert.equal(only(report, 'refresh-test-cache-restored').evidence.outcome, 'kept-refreshed');
      await assertRotatedTo(w, 1);
      await assertCleanCache(w);
    });

    const steps: [string, SigninFailure | undefined][] = [
      ['locked', undefined],
      ['backed-up', undefined],
      ['shortened:js', undefined],
      ['consumer-done:js', undefined],
      ['restored', undefined],
      ['restoring', 'TOKEN_EXPIRED'],
    ];
    /** SIGKILLs the CLI at `step` and checks the cache it leaves: complete, holding the refresh token Sign-In considers current. */
    async function killAt(step: string, failure?: SigninFailure): Promise<{ w: World; pid: number }> {
      const w = await world({ signin: failure });
      const p = startPaused(w, step);
      await p.paused;
      p.child.kill('SIGKILL');
      await p.done;
      const token = JSON.parse(await readFile(w.h.cachePath, 'utf8')) as { refreshToken: string };
      assert.equal(token.refreshToken, w.fake.loginSession(w.h.token.clientId)!.refreshToken, 'the cache holds the current refresh token');
      delete w.fake.switches.signin;
      return { w, pid: p.child.pid! };
    }

    it('SIGKILL mid-test: the next refresh-test cleans up after the dead run (refresh-test-recovered) and refreshes', async () => {
      const { w } = await killAt('shortened:js');
      const r = await run(w, 'js');
      assert.equal(only(r.report, 'refresh-ok').status, 'pass');
      assert.equal(only(r.report, 'refresh-test-recovered').status, 'info');
      await assertCleanCache(w);
      await assertRotatedTo(w, 1);
    });

    // Every other kill point: the next run's first step, CacheGuard.open (what the CLI runs), in this process.
    for (const [step, failure] of steps) {
      it(`SIGKILL at "${step}" leaves a complete, refreshable cache that the next run's guard recovers`, async () => {
        const { w, pid } = await killAt(step, failure);
        const guard = await CacheGuard.open(w.h.cachePath, LOGIN_FORMAT, { step: async () => {}, now: () => new Date(), secret: () => {} });
        assert.equal(guard.recovery.staleLock?.pid, pid, 'the dead run\'s lock is taken over');
        assert.equal(recoveryFinding(guard.recovery)?.code, 'refresh-test-recovered');
        assert.equal(await guard.finish(), 'restored-original');
        const text = await assertCleanCache(w);
        assert.ok(LOGIN_FORMAT.read(text).ok, 'a usable token');
        // Never a used refresh token: the cache holds the one the server considers current.
        assert.equal(JSON.parse(text).refreshToken, w.fake.loginSession(w.h.token.clientId)!.refreshToken);
        assert.equal(w.fake.loginSession(w.h.token.clientId)!.rotations, step === 'consumer-done:js' || step === 'restored' ? 1 : 0);
      });
    }

    it('two concurrent refresh-tests: the second refuses (refresh-test-locked), only one refreshes', async () => {
      const w = await world();
      const first = startPaused(w, 'locked');
      await first.paused;
      const second = await run(w, 'js');
      const f = only(second.report, 'refresh-test-locked');
      assert.equal(f.status, 'fail');
      assert.equal(second.code, 1);
      first.child.kill('SIGUSR1');
      const end = await first.done;
      assert.equal(only(JSON.parse(end.stdout), 'refresh-ok').status, 'pass');
      assert.equal(w.fake.requestsTo('signin').length, 1);
      await assertRotatedTo(w, 1);
      await assertCleanCache(w);
    });

    it('refresh-test-cache-changed: a cache replaced by another program mid-test is never overwritten with stale data', async () => {
      const w = await world();
      const p = startPaused(w, 'backed-up');
      await p.paused;
      // Another `aws login` lands: a new session written atomically in the CLI's form.
      const replacement = pythonJsonDumps({ ...w.h.token, refreshToken: 'REFRESH-other-login-0123456789abcdef' });
      await writeFile(`${w.h.cachePath}.other`, replacement, { mode: 0o600 });
      await rename(`${w.h.cachePath}.other`, w.h.cachePath);
      p.child.kill('SIGUSR1');
      const end = await p.done;
      const report = JSON.parse(end.stdout) as { findings: Finding[] };
      const f = only(report, 'refresh-test-cache-changed');
      assert.equal(f.status, 'fail');
      assert.equal(end.code, 1);
      assert.equal(await assertCleanCache(w), replacement);
      assert.equal(w.fake.requests.length, 0);
    });

    it('refresh-test-cache-changed when the cache is deleted before any refresh: the backup is kept and named', async () => {
      const w = await world();
      const p = startPaused(w, 'shortened:js');
      await p.paused;
      await rm(w.h.cachePath);
      p.child.kill('SIGUSR1');
      const end = await p.done;
      const report = JSON.parse(end.stdout) as { findings: Finding[] };
      const f = only(report, 'refresh-test-cache-changed');
      assert.match(f.title, /was deleted by another program/);
      const backup = `${w.h.cachePath}.login-doctor-backup`;
      assert.deepEqual(f.fix!.commands, [`mv -n -- ${backup} ${w.h.cachePath}`]);
      assert.equal(await readFile(backup, 'utf8'), w.original, 'the only copy of the session survives');
      assert.deepEqual(await readdir(w.h.cacheDir), [basename(backup)]);
      assert.equal(w.fake.requests.length, 0);
      // The next run points at the kept backup instead of only saying "sign in again".
      const again = await run(w, 'js');
      const unhealthy = only(again.report, 'refresh-test-cache-unhealthy');
      assert.match(unhealthy.detail, /A backup from an earlier refresh-test is at/);
      assert.deepEqual(unhealthy.fix!.commands, [`mv -n -- ${backup} ${w.h.cachePath}`]);
    });

    it('refresh-test-cache-changed after a consumer: the newer file stays, the backup is dropped', async () => {
      const w = await world();
      const p = startPaused(w, 'consumer-done:js');
      await p.paused;
      const disk = JSON.parse(await readFile(w.h.cachePath, 'utf8')) as Record<string, unknown>;
      const replacement = JSON.stringify({ ...disk, idToken: 'changed-by-someone-else' }, null, 2);
      await writeFile(w.h.cachePath, replacement);
      p.child.kill('SIGUSR1');
      const end = await p.done;
      const report = JSON.parse(end.stdout) as { findings: Finding[] };
      assert.equal(only(report, 'refresh-ok').status, 'pass');
      assert.equal(only(report, 'refresh-test-cache-changed').status, 'fail');
      assert.equal(await assertCleanCache(w), replacement);
    });
  });
});
