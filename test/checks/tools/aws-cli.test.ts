import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Finding } from '../../../src/engine/finding.js';
import { runChecks } from '../../../src/engine/runner.js';
import { awsCliCheck } from '../../../src/checks/tools/aws-cli.js';
import { runJson } from '../../support/cli.js';
import { fixtureContext } from '../../support/context.js';
import { basePython, makeVenv, writeScript } from '../../support/python-envs.js';

const CONFIG = '[default]\nlogin_session = arn:aws:iam::123456789012:user/alice\nregion = us-east-1\n\n[profile plain]\nregion = us-east-1\n';

const cliFindings = (findings: Finding[]) => findings.filter((f) => f.check === 'tools.aws-cli');

describe('tools.aws-cli through the CLI, on fake aws installs', () => {
  let root: string;
  let home: string;
  /** One folder per fake aws, so PATH order is under the test's control. */
  const bin = (name: string, body: string) => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    writeScript(join(dir, 'aws'), body);
    return dir;
  };
  const run = (path: string[], extra: string[] = []) => runJson(['--offline', ...extra], { home, env: { PATH: path.join(':') } });

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ld-awscli-'));
    home = join(root, 'home');
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'config'), CONFIG);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('a v1 first on PATH fails for a login profile and is shadowing a usable v2', async () => {
    const v1 = bin('v1', 'echo "aws-cli/1.44.0 Python/3.11.7 Linux/6.1.0 botocore/1.40.0"\n');
    const v2 = bin('v2', 'echo "aws-cli/2.33.1 Python/3.13.7 Linux/6.1.0 exe/x86_64.ubuntu.24"\n');
    const { report } = await run([v1, v2]);
    const f = cliFindings(report.findings);
    assert.deepEqual(f.map((x) => `${x.code}:${x.status}`), ['cli-v1:fail', 'cli-ok:pass', 'cli-shadowed:fail']);
    assert.equal(f[0]!.evidence.versionFrom, 'aws --version');
    assert.ok(f[0]!.fix!.commands.includes(`export PATH=${v2}:"$PATH"`), JSON.stringify(f[0]!.fix));
    assert.ok(f[2]!.fix!.text.includes(join(v1, 'aws')) && f[2]!.fix!.text.includes(v2));

    const plain = await run([v1, v2], ['--profile', 'plain']);
    assert.deepEqual(cliFindings(plain.report.findings).map((x) => `${x.code}:${x.status}`), ['cli-v1:warn', 'cli-ok:pass', 'cli-shadowed:warn']);
  });

  it('a shadowed aws that cannot log in either is info, with no PATH change to suggest', async () => {
    const v1 = bin('v1-again', 'echo "aws-cli/1.44.0 Python/3.11.7 Linux/6.1.0 botocore/1.40.0"\n');
    const old = bin('v2-old', 'echo "aws-cli/2.9.19 Python/3.11.2 Linux/6.1.0 source/x86_64.debian.12"\n');
    const { report } = await run([v1, old]);
    const shadowed = cliFindings(report.findings).find((x) => x.code === 'cli-shadowed')!;
    assert.equal(shadowed.status, 'info');
    assert.equal(shadowed.fix, null);
  });

  it('v2 below 2.32.0 is too old; 2.32.0-2.32.6 builds unpadded DPoP signatures', async () => {
    const old = bin('old', 'echo "aws-cli/2.31.9 Python/3.13.7 Linux/6.1.0 exe/x86_64.ubuntu.24 prompt/off"\n');
    const unpadded = bin('unpadded', 'echo "aws-cli/2.32.3 Python/3.13.7 Darwin/24.0.0 exe/arm64"\n');
    const { report } = await run([old]);
    const tooOld = cliFindings(report.findings)[0]!;
    assert.equal(tooOld.code, 'cli-too-old');
    assert.equal(tooOld.status, 'fail');
    assert.ok(tooOld.fix!.commands.some((c) => c.includes('./aws/install')) || tooOld.fix!.text.includes('getting-started-install'));
    const second = await run([unpadded]);
    const u = cliFindings(second.report.findings)[0]!;
    assert.equal(u.code, 'cli-unpadded-dpop');
    assert.equal(u.status, 'warn');
    assert.match(u.fix!.text, /2\.32\.7/);
  });

  it('a hanging, a garbage-printing and a crashing aws each get a clear finding, in bounded time', async () => {
    const hang = bin('hang', 'exec /bin/sleep 600\n');
    const garbage = bin('garbage', 'printf "\\033[31mSegmentation\\001 nonsense\\n"\n');
    const crash = bin('crash', 'exit 139\n');
    // In-process with a short probe limit: the hanging aws is cut off after 300 ms, not the real 5 s.
    const ctx = fixtureContext({ home, env: { PATH: [hang, garbage, crash].join(':') }, limits: { awsVersionMs: 300 } });
    const [result] = await runChecks([awsCliCheck], ctx, { defaultTimeoutMs: 20_000 });
    const f = result!.findings;
    assert.deepEqual(f.map((x) => `${x.code}:${x.status}:${x.evidence.failure}`), [
      'cli-version-unknown:fail:timeout',
      'cli-version-unknown:info:unrecognized-output',
      'cli-version-unknown:info:crashed',
    ]);
    assert.match(f[2]!.title, /exit code 139/);
    assert.ok(!f[1]!.detail.includes('\u001b'), 'terminal escapes are stripped');
    assert.ok(f[0]!.fix!.text.length > 0);
  });

  it('aws --version gets no credentials from the environment', async () => {
    const leaky = bin('leaky', 'echo "leak:${AWS_SECRET_ACCESS_KEY:-none}:${AWS_SESSION_TOKEN:-none}"\n');
    const secret = 'SECRET-xyz-aws-version-probe';
    const { report } = await runJson(['--offline'], {
      home,
      env: { PATH: leaky, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE12', AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: `${secret}-token` },
    });
    const f = cliFindings(report.findings)[0]!;
    assert.equal(f.code, 'cli-version-unknown');
    assert.match(f.detail, /leak:none:none/);
    assert.ok(!JSON.stringify(report).includes(secret));
  });

  it('no aws anywhere on PATH: cli-missing', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty, { recursive: true });
    const login = await run([empty]);
    const f = cliFindings(login.report.findings);
    assert.deepEqual(f.map((x) => `${x.code}:${x.status}`), ['cli-missing:warn']);
    // A macOS or Windows CI runner has an AWS CLI installed off this PATH: then the fix points at it instead.
    const offPath = (f[0]!.evidence as { installedOffPath: string[] }).installedOffPath;
    assert.match(f[0]!.fix!.text, offPath.length ? /on PATH/ : /getting-started-install/);
    const plain = await run([empty], ['--profile', 'plain']);
    assert.deepEqual(cliFindings(plain.report.findings).map((x) => `${x.code}:${x.status}`), ['cli-missing:info']);
  });

  it('reads the v2 installer layout without running aws', async () => {
    // The "binary" would print garbage if it ran: a pass proves the version came from the layout.
    const install = join(root, 'aws-cli', 'v2');
    mkdirSync(join(install, '2.34.1', 'dist'), { recursive: true });
    mkdirSync(join(install, '2.34.1', 'bin'), { recursive: true });
    writeScript(join(install, '2.34.1', 'dist', 'aws'), 'echo garbage\n');
    symlinkSync('../dist/aws', join(install, '2.34.1', 'bin', 'aws'));
    symlinkSync('2.34.1', join(install, 'current'));
    const linkDir = join(root, 'usr-local-bin');
    mkdirSync(linkDir, { recursive: true });
    symlinkSync(join(install, 'current', 'bin', 'aws'), join(linkDir, 'aws'));
    const { report } = await run([linkDir]);
    const f = cliFindings(report.findings);
    assert.deepEqual(f.map((x) => `${x.code}:${x.status}`), ['cli-ok:pass']);
    assert.equal(f[0]!.evidence.versionFrom, 'installer layout');
    assert.equal(f[0]!.evidence.version, '2.34.1');
  });

  it('reads a pip-installed v1 from its dist-info and inspects the Python behind it', { skip: basePython() ? false : 'no python3 to build a venv' }, async () => {
    const venv = join(root, 'pip-venv');
    const python = makeVenv(venv, { stubs: { botocore: { version: '1.40.0', login: false } } });
    const site = join(venv, 'lib');
    const { readdirSync } = await import('node:fs');
    const sitePackages = join(site, readdirSync(site).find((e) => e.startsWith('python'))!, 'site-packages');
    mkdirSync(join(sitePackages, 'awscli-1.44.0.dist-info'), { recursive: true });
    // Exits 1 if run: the version must come from the dist-info.
    writeScript(join(venv, 'bin', 'aws'), `#!${python}\nimport sys\nsys.exit(1)\nimport awscli.clidriver\n`);
    const { report } = await run([join(venv, 'bin')]);
    const cli = cliFindings(report.findings)[0]!;
    assert.equal(cli.code, 'cli-v1');
    assert.equal(cli.evidence.versionFrom, 'package metadata');
    assert.equal(cli.evidence.interpreter, python);
    assert.ok(cli.fix!.commands.includes(`${python} -m pip uninstall awscli`));
    const pyFinding = report.findings.find((x) => x.code === 'python-botocore-too-old')!;
    assert.ok((pyFinding.evidence.foundAs as string[]).includes(`AWS CLI v1 interpreter: ${python}`), JSON.stringify(pyFinding.evidence.foundAs));
  });
});
