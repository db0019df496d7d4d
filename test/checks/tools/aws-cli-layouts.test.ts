// tools.aws-cli on every install layout (built at test time): the version from the layout or metadata without
// running aws, `aws --version` only as a fallback, the CLI's own awscrt for source builds, and the version windows.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brokenStartUrlWindow } from '../../../src/aws/cli-windows.js';
import { parseCliVersion } from '../../../src/aws/cli-version.js';
import type { Finding } from '../../../src/engine/finding.js';
import { runJson } from '../../support/cli.js';
import { basePython, makeVenv, sitePackagesOf, writeScript } from '../../support/python-envs.js';

const LOGIN_CONFIG = '[default]\nlogin_session = arn:aws:iam::123456789012:user/alice\nregion = us-east-1\n';
const cli = (findings: Finding[]) => findings.filter((f) => f.check === 'tools.aws-cli');
const noPython = basePython() ? false : 'no python3 to build a venv';

/** The AWS CLI v2's vendored botocore as far as the probe reads it: the login provider and the DPoP signer's EC call. */
function writeStubAwscli(site: string, version: string, padded: boolean) {
  const pkg = join(site, 'awscli');
  mkdirSync(join(pkg, 'botocore'), { recursive: true });
  mkdirSync(join(pkg, 'data'), { recursive: true });
  writeFileSync(join(pkg, '__init__.py'), `__version__ = '${version}'\n`);
  writeFileSync(join(pkg, 'data', 'metadata.json'), '{\n  "distribution_source": "source"\n}\n');
  writeFileSync(join(pkg, 'botocore', '__init__.py'), "__version__ = '2.0.0dev155'\n");
  writeFileSync(join(pkg, 'botocore', 'credentials.py'), "class LoginProvider(object):\n    METHOD = 'login'\n");
  const call = padded ? 'EC.decode_der_signature_to_padded_pair(signature, pad_to=32)' : 'EC.decode_der_signature(signature)';
  writeFileSync(join(pkg, 'botocore', 'utils.py'), `EC = None\n\ndef build_dpop_header(private_key, uri, uid=None, ts=None):\n    signature = private_key.sign(b'')\n    return ${call}\n`);
  const dist = join(site, `awscli-${version}.dist-info`);
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'METADATA'), `Metadata-Version: 2.1\nName: awscli\nVersion: ${version}\n`);
}

describe('tools.aws-cli per install layout', () => {
  let root: string;
  let home: string;
  const run = (path: string[], extra: string[] = []) => runJson(['--offline', '--only', 'tools.aws-cli', ...extra], { home, env: { PATH: path.join(':') } });

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ld-awscli-layouts-'));
    home = join(root, 'home');
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'config'), LOGIN_CONFIG);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** /usr/local/aws-cli/v2/<version>/dist/aws behind current/bin/aws and a /usr/local/bin link, as the installer lays it out. */
  function installer(name: string, version: string): string {
    const v2 = join(root, name, 'usr', 'local', 'aws-cli', 'v2');
    const dist = join(v2, version, 'dist');
    mkdirSync(join(dist, 'awscrt'), { recursive: true });
    mkdirSync(join(v2, version, 'bin'), { recursive: true });
    // A frozen binary (never run here); the awscrt inside it would look too old to a naive scan.
    writeFileSync(join(dist, 'aws'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), { mode: 0o755 });
    writeFileSync(join(dist, 'awscrt', '__init__.py'), "__version__ = '0.28.4'\n");
    symlinkSync('../dist/aws', join(v2, version, 'bin', 'aws'));
    symlinkSync(version, join(v2, 'current'));
    const bin = join(root, name, 'usr', 'local', 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(join(v2, 'current', 'bin', 'aws'), join(bin, 'aws'));
    return bin;
  }

  it('official installer: version and distribution from the layout, the bundled awscrt is not second-guessed', async () => {
    const { report } = await run([installer('inst', '2.33.0')]);
    const f = cli(report.findings);
    assert.deepEqual(f.map((x) => `${x.code}:${x.status}`), ['cli-ok:pass']);
    assert.deepEqual([f[0]!.evidence.versionFrom, f[0]!.evidence.version, f[0]!.evidence.distribution], ['installer layout', '2.33.0', 'exe']);
    assert.equal(f[0]!.evidence.awscrtVersion, undefined, 'no probe of a frozen binary');
  });

  it('an installer binary elsewhere: `aws --version` is the fallback and its exe/ says bundled', async () => {
    const dir = join(root, 'exe-bin');
    mkdirSync(dir);
    writeScript(join(dir, 'aws'), 'echo "aws-cli/2.34.0 Python/3.13.7 Linux/6.1.0 exe/x86_64.ubuntu.24"\n');
    const f = cli((await run([dir])).report.findings);
    assert.deepEqual(f.map((x) => `${x.code}:${x.evidence.versionFrom}:${x.evidence.distribution}`), ['cli-ok:aws --version:exe']);
  });

  it('Homebrew (Cellar/awscli/<version>/libexec): version from the Cellar, and its own old awscrt is found', { skip: noPython }, async () => {
    const cellar = join(root, 'brew', 'Cellar', 'awscli', '2.32.7');
    const libexec = join(cellar, 'libexec');
    const python = makeVenv(libexec, { stubs: { awscrt: { version: '0.28.4', ec: true, padded: false } } });
    writeStubAwscli(sitePackagesOf(libexec), '2.32.7', true);
    writeScript(join(libexec, 'bin', 'aws'), `#!${python}\nimport sys\nsys.exit(1)\nimport awscli.clidriver\n`);
    mkdirSync(join(cellar, 'bin'));
    symlinkSync('../libexec/bin/aws', join(cellar, 'bin', 'aws'));
    const bin = join(root, 'brew', 'bin');
    mkdirSync(bin);
    symlinkSync('../Cellar/awscli/2.32.7/bin/aws', join(bin, 'aws'));
    const { report, code } = await run([bin]);
    const f = cli(report.findings);
    assert.deepEqual(f.map((x) => `${x.code}:${x.status}`), ['cli-awscrt-no-padded-signature:fail']);
    assert.deepEqual([f[0]!.evidence.versionFrom, f[0]!.evidence.version, f[0]!.evidence.distribution], ['Homebrew layout', '2.32.7', 'source']);
    assert.equal(f[0]!.evidence.awscrtVersion, '0.28.4');
    assert.equal(f[0]!.evidence.ownPython, python);
    assert.equal(f[0]!.evidence.dpopSignature, 'padded', "read from the vendored botocore's build_dpop_header");
    assert.match(f[0]!.detail, /type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'/);
    assert.deepEqual(f[0]!.fix!.commands, ['brew upgrade awscli']);
    assert.equal(code, 1);
  });

  it('pip install of the v2 source: version from the dist-info, distribution source, a current awscrt passes', { skip: noPython }, async () => {
    const venv = join(root, 'pip-v2');
    const python = makeVenv(venv, { stubs: { awscrt: { version: '0.29.1', ec: true, padded: true } } });
    writeStubAwscli(sitePackagesOf(venv), '2.33.0', true);
    writeScript(join(venv, 'bin', 'aws'), `#!${python}\nimport sys\nsys.exit(1)\nimport awscli.clidriver\n`);
    const f = cli((await run([join(venv, 'bin')])).report.findings);
    assert.deepEqual(f.map((x) => `${x.code}:${x.status}`), ['cli-ok:pass']);
    assert.deepEqual([f[0]!.evidence.versionFrom, f[0]!.evidence.version, f[0]!.evidence.distribution, f[0]!.evidence.awscrtVersion], ['package metadata', '2.33.0', 'source', '0.29.1']);
    assert.match(f[0]!.detail, /runs on its own Python/);
  });

  describe('aws sso login start-URL window (2.35.13 up to 2.36.4)', () => {
    const SSO = [
      ['cn', 'https://start.home.awsapps.cn/directory/d-1234567890'],
      ['cnportal', 'https://ssoins-1234.cn-north-1.portal.amazonaws.com.cn'],
      ['eusc', 'https://identitycenter.amazonaws.eu/ssoins-1234'],
      ['gov', 'https://identitycenter.us-gov.amazonaws.com/ssoins-1234'],
      ['govclassic', 'https://start.us-gov-home.awsapps.com/directory/d-1234567890'],
      ['commercial', 'https://d-1234567890.awsapps.com/start'],
    ] as const;
    let ssoHome: string;
    before(() => {
      ssoHome = join(root, 'sso-home');
      mkdirSync(join(ssoHome, '.aws'), { recursive: true });
      const sessions = SSO.map(([n, url]) => `[profile ${n}]\nsso_session = ${n}\n[sso-session ${n}]\nsso_start_url = ${url}\nsso_region = us-east-1\n`);
      // The GovCloud issuer form also as a legacy profile: the start URL sits in the profile itself.
      writeFileSync(join(ssoHome, '.aws', 'config'), `${sessions.join('')}[profile govlegacy]\nsso_start_url = ${SSO[3][1]}\nsso_region = us-gov-west-1\n`);
    });

    for (const [version, broken] of [
      ['2.35.12', []],
      ['2.35.13', ['cn', 'cnportal', 'eusc', 'gov', 'govlegacy']],
      ['2.35.15', ['eusc', 'gov', 'govlegacy']],
      ['2.36.1', ['gov', 'govlegacy']],
      ['2.36.3', ['gov', 'govlegacy']],
      ['2.36.4', []],
    ] as const) {
      it(`${version}: broken for ${broken.join(', ') || 'none'}`, async () => {
        const { report } = await runJson(['--offline', '--only', 'tools.aws-cli', '--all-profiles'], { home: ssoHome, env: { PATH: installer(`sso-${version}`, version) } });
        const f = report.findings.filter((x) => x.code === 'cli-sso-start-url-broken');
        assert.deepEqual(f.map((x) => x.evidence.profile).sort(), [...broken].sort());
        for (const x of f) {
          assert.equal(x.status, 'fail');
          assert.match(x.detail, /Failed to resolve start URL: HTTP 404/);
          assert.equal(x.evidence.brokenFrom, '2.35.13');
          assert.match(x.fix!.text, new RegExp(`to ${String(x.evidence.fixedIn).replace(/\./g, '\\.')} or later`));
          assert.ok(x.fix!.commands.some((c) => c.includes('./aws/install --update')));
        }
      });
    }

    it('only the profile that uses such a start URL is flagged', async () => {
      const { report } = await runJson(['--offline', '--only', 'tools.aws-cli', '--profile', 'commercial'], { home: ssoHome, env: { PATH: installer('sso-one', '2.35.14') } });
      assert.deepEqual(report.findings.filter((x) => x.code === 'cli-sso-start-url-broken'), []);
      assert.equal(brokenStartUrlWindow('https://start.home.awsapps.cn/directory/d-1', parseCliVersion('2.35.14')!)?.partition, 'China');
    });
  });
});
