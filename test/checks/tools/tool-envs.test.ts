import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runJson } from '../../support/cli.js';
import { distInfo, makeTrapVenv, makeVenv, peerMissing, realBotocore, sitePackagesOf, writeScript } from '../../support/python-envs.js';

const LOGIN_CONFIG = '[profile dev]\nlogin_session = arn:aws:iam::111122223333:user/alice\nregion = eu-west-1\n';
const real = realBotocore();
const root = mkdtempSync(join(tmpdir(), 'ld-toolenvs-'));
after(() => rmSync(root, { recursive: true, force: true }));

function home(name: string): string {
  const h = join(root, name);
  mkdirSync(join(h, '.aws'), { recursive: true });
  mkdirSync(join(h, 'bin'), { recursive: true });
  writeFileSync(join(h, '.aws', 'config'), LOGIN_CONFIG);
  return h;
}

function run(h: string, extra: Record<string, string> = {}) {
  return runJson(['--offline', '--only', 'tools.tool-envs'], {
    home: h,
    env: { AWS_PROFILE: 'dev', PATH: join(h, 'bin'), HOMEBREW_PREFIX: join(h, 'brew'), ...extra },
    timeoutMs: 60_000,
  });
}

describe('tools.tool-envs through the CLI (real venvs)', () => {
  let broken = '';
  let healthy = '';
  before(() => {
    if (!real) return;
    broken = home('broken');
    makeVenv(join(broken, '.local/pipx/venvs/aws-sso-util'), { linkBotocore: real, awscrt: 'absent', files: { 'pipx_metadata.json': '{}' } });
    makeTrapVenv(join(broken, '.local/pipx/venvs/httpie'), join(broken, 'httpie-started'));
    makeVenv(join(broken, '.local/share/uv/tools/awslabs.aws-api-mcp-server'), { linkBotocore: real, awscrt: 'complete', files: { 'uv-receipt.toml': '[tool]\n' } });
    makeVenv(join(broken, '.local/share/uv/tools/oldtool'), { stubs: { botocore: { version: '1.40.0', login: false } } });
    makeVenv(join(broken, 'brew/Cellar/awslogs/0.15.0/libexec'), { linkBotocore: real, awscrt: 'absent' });
    mkdirSync(join(broken, 'brew/opt'), { recursive: true });
    symlinkSync('../Cellar/awslogs/0.15.0', join(broken, 'brew/opt/awslogs'));
    makeVenv(join(broken, 'brew/Cellar/dvc/3.59.0/libexec'), { linkBotocore: real, awscrt: 'no-padded-signature' });
    makeVenv(join(broken, 'brew/Cellar/awscli/2.32.7/libexec'), { linkBotocore: real, awscrt: 'absent' });
    // The SAM CLI 1.148.0 as pip installs it: bin/sam in a venv with botocore 1.41.0 and awscrt 0.28.4.
    const sam = join(broken, 'opt/sam');
    makeVenv(sam, { stubs: { botocore: { version: '1.41.0', login: true, signature: 'unpadded' }, awscrt: { version: '0.28.4', ec: true, padded: false } } });
    distInfo(sitePackagesOf(sam), 'aws_sam_cli', '1.148.0');
    writeScript(join(sam, 'bin', 'sam'), 'echo "sam must not be run when its dist-info says the version" >&2\nexit 3\n');
    symlinkSync(join(sam, 'bin', 'sam'), join(broken, 'bin', 'sam'));

    healthy = home('healthy');
    makeVenv(join(healthy, '.local/share/uv/tools/awslabs.aws-api-mcp-server'), { linkBotocore: real, awscrt: 'complete', files: { 'uv-receipt.toml': '[tool]\n' } });
    makeTrapVenv(join(healthy, '.local/pipx/venvs/httpie'), join(healthy, 'httpie-started'));
  });

  it('names each tool with its own fix, skips tools without botocore and leaves the AWS CLI formula to tools.aws-cli', async (t) => {
    if (!real) return peerMissing(t, 'python3 with botocore is not available');
    const { report } = await run(broken);
    const by = (code: string) => report.findings.filter((f) => f.code === code);

    const missing = by('tool-env-awscrt-missing');
    assert.deepEqual(missing.map((f) => f.title).sort(), [
      `aws-sso-util (pipx) has botocore ${real.version} without awscrt`,
      `awslogs (Homebrew) has botocore ${real.version} without awscrt`,
    ]);
    for (const f of missing) assert.equal(f.status, 'fail');
    const pipx = missing.find((f) => f.title.startsWith('aws-sso-util'))!;
    assert.match(pipx.fix!.commands[0]!, /^pipx inject aws-sso-util 'botocore\[crt\]>=1\.42\.11' 'boto3>=1\.42\.11' 'awscrt>=0\.29\.1'$/);
    assert.match(pipx.detail, /Missing Dependency: Using the login credential provider requires an additional dependency/);
    const brew = missing.find((f) => f.title.startsWith('awslogs'))!;
    assert.equal(brew.fix!.commands[0], 'brew upgrade awslogs');
    assert.match(brew.fix!.commands[1]!, /^aws configure set credential_process 'aws configure export-credentials --profile dev --format process' --profile dev-process$/);

    const old = by('tool-env-botocore-too-old');
    assert.equal(old.length, 1);
    assert.equal(old[0]!.title, 'oldtool (uv tool) has botocore 1.40.0, which cannot use login_session');
    assert.match(old[0]!.fix!.commands[0]!, /^uv tool install --with 'botocore\[crt\]>=1\.42\.11' .*oldtool$/);

    const padded = by('tool-env-awscrt-no-padded-signature');
    assert.deepEqual(padded.map((f) => f.title), ['dvc (Homebrew) has awscrt 0.28.4, which breaks the login refresh ~10 minutes after aws login']);

    const sam = by('sam-unpadded-dpop');
    assert.equal(sam.length, 1);
    assert.equal(sam[0]!.status, 'warn');
    assert.match(sam[0]!.title, /^AWS SAM CLI 1\.148\.0 .* builds unpadded login signatures$/);
    assert.match(sam[0]!.fix!.text, /1\.149\.0 or later/);

    // The healthy uv tool, the AWS CLI formula and the SAM env (unpadded but consistent) add no tool-env finding.
    assert.ok(!report.findings.some((f) => /awscli|aws-api-mcp-server/.test(f.title)), report.findings.map((f) => f.title).join('\n'));
    assert.equal(existsSync(join(broken, 'httpie-started')), false, 'a venv without botocore was started');
  });

  it('no false alarm: a healthy uv tool passes, and a tool without botocore is not started', async (t) => {
    if (!real) return peerMissing(t, 'python3 with botocore is not available');
    const { report, code } = await run(healthy);
    assert.equal(code, 0);
    assert.deepEqual(report.findings.map((f) => [f.code, f.status]), [['tool-envs-ok', 'pass']]);
    assert.match(report.findings[0]!.detail, /awslabs\.aws-api-mcp-server \(uv tool\): botocore \d+\.\d+\.\d+, awscrt 0\.29\.1/);
    assert.match(report.findings[0]!.detail, /Without botocore \(not started\): httpie \(pipx\)/);
    assert.equal(existsSync(join(healthy, 'httpie-started')), false);
  });

  it('PIPX_HOME and UV_TOOL_DIR move the tool folders', async (t) => {
    if (!real) return peerMissing(t, 'python3 with botocore is not available');
    const h = home('moved');
    makeVenv(join(h, 'pipx-home/venvs/moved-tool'), { stubs: { botocore: { version: '1.39.0', login: false } } });
    makeVenv(join(h, '.local/pipx/venvs/ignored-tool'), { stubs: { botocore: { version: '1.39.0', login: false } } });
    const { report } = await run(h, { PIPX_HOME: join(h, 'pipx-home'), UV_TOOL_DIR: join(h, 'nowhere') });
    assert.deepEqual(report.findings.filter((f) => f.code === 'tool-env-botocore-too-old').map((f) => f.title), [
      'moved-tool (pipx) has botocore 1.39.0, which cannot use login_session',
    ]);
  });

  it('a SAM CLI below 1.148.0 has no login support (version from sam --version when no dist-info says it)', async () => {
    const h = home('old-sam');
    writeScript(join(h, 'bin', 'sam'), 'echo "SAM CLI, version 1.140.0"\n');
    const { report } = await run(h);
    const f = report.findings.find((x) => x.code === 'sam-too-old');
    assert.ok(f, JSON.stringify(report.findings));
    assert.equal(f.status, 'fail');
    assert.match(f.detail, /Minimum: 1\.148\.0/);
    assert.match(f.fix!.text, /credential_process/);
  });
});
