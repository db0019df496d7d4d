import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Finding } from '../../../src/engine/finding.js';
import { FIXTURES, fixtureHome, runCli, runJson } from '../../support/cli.js';
import { writeScript } from '../../support/python-envs.js';

const temp = mkdtempSync(join(tmpdir(), 'ld-sdkpins-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** `login-doctor --json --offline --only project.other-sdks` in a fixture project, HOME with the login profile "dev". */
async function pins(project: string, o: { home?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<Finding[]> {
  const { report } = await runJson(['--offline', '--only', 'project.other-sdks'], {
    home: o.home ?? fixtureHome('healthy-login'),
    cwd: o.cwd ?? `${FIXTURES}projects/${project}`,
    env: { AWS_PROFILE: 'dev', ...o.env },
  });
  return report.findings;
}

function only(findings: Finding[], code: string): Finding {
  const hits = findings.filter((f) => f.code === code);
  assert.equal(hits.length, 1, `${code} once in:\n${findings.map((f) => `${f.code} ${f.title}`).join('\n')}`);
  return hits[0]!;
}

const BRIDGE = "aws configure set credential_process 'aws configure export-credentials --profile dev --format process' --profile dev-process";

describe('project.other-sdks through the CLI', () => {
  it('no false alarm on a healthy project of each language', async () => {
    for (const [project, files] of [
      ['sdk-go-ok', ['go.mod']],
      ['sdk-maven-ok', ['pom.xml', 'service/pom.xml']],
      ['sdk-gradle-ok', ['build.gradle.kts']],
      ['sdk-dotnet-ok', ['Reports.csproj', 'packages.lock.json']],
      ['sdk-rust-ok', ['Cargo.toml', 'Cargo.lock']],
      ['sdk-terraform-ok', ['main.tf', '.terraform.lock.hcl']],
    ] as const) {
      const findings = await pins(project);
      assert.deepEqual(findings.map((f) => [f.code, f.status]), [['sdk-pins-ok', 'pass']], project);
      assert.deepEqual([...(findings[0]!.evidence.files as string[])].sort(), [...files].sort(), project);
    }
  });

  it('a Go-only or Java-only folder is a project: the JS and Python checks name what they miss, not "No project here"', async () => {
    for (const project of ['sdk-go-ok', 'sdk-maven-ok']) {
      const cwd = join(temp, project);
      cpSync(`${FIXTURES}projects/${project}`, cwd, { recursive: true });
      const { report } = await runJson(['--offline', '--only', 'project'], { home: fixtureHome('healthy-login'), cwd, env: { AWS_PROFILE: 'dev' } });
      const titles = report.findings.map((f) => [f.code, f.title]);
      assert.deepEqual(
        titles.filter(([c]) => c !== 'sdk-pins-ok'),
        [
          ['js-sdk-none', 'No JavaScript project here: no JavaScript SDK to check'],
          ['pins-none', 'No Python or JavaScript project here: no dependency pins to check'],
        ],
        project,
      );
      assert.ok(titles.some(([c]) => c === 'sdk-pins-ok'), project);
    }
  });

  it('Go: old config/credentials modules, with file:line, versions, minimum, the go get command and the bridge', async () => {
    const f = only(await pins('sdk-go-old'), 'pins-go-too-old');
    assert.equal(f.status, 'fail');
    assert.equal(f.title, 'go.mod:7: github.com/aws/aws-sdk-go-v2/config v1.29.6, github.com/aws/aws-sdk-go-v2/credentials v1.17.59 cannot use aws login profiles');
    assert.match(f.detail, /minimum: github\.com\/aws\/aws-sdk-go-v2\/config v1\.32\.0, github\.com\/aws\/aws-sdk-go-v2\/credentials v1\.19\.0/);
    assert.deepEqual(f.fix!.commands, ['go get github.com/aws/aws-sdk-go-v2/config@v1.32.0 github.com/aws/aws-sdk-go-v2/credentials@v1.19.0', 'go mod tidy', BRIDGE]);
    // Without a login profile in use the same pin is a warning.
    const warn = only(await pins('sdk-go-old', { env: { AWS_PROFILE: 'default' } }), 'pins-go-too-old');
    assert.equal(warn.status, 'warn');
  });

  it('Java: too old (Maven bom through a property, Gradle lockfile), no signin (Maven, version catalog), Sign-In region', async () => {
    const maven = only(await pins('sdk-maven-old'), 'pins-java-too-old');
    assert.equal(maven.title, 'pom.xml:8: software.amazon.awssdk 2.31.12 cannot use aws login profiles');
    assert.equal(maven.evidence.minimum, '2.39.1');
    assert.equal(maven.fix!.commands.at(-1), BRIDGE);

    const gradle = only(await pins('sdk-gradle-old'), 'pins-java-too-old');
    assert.equal(gradle.title, 'gradle.lockfile:4: software.amazon.awssdk 2.25.60 cannot use aws login profiles');
    assert.deepEqual(gradle.fix!.commands.slice(0, 1), ['./gradlew dependencies --write-locks']);

    const noSignin = await pins('sdk-maven-no-signin');
    const f = only(noSignin, 'pins-java-no-signin');
    assert.equal(f.status, 'fail');
    assert.match(f.detail, /To use login_session property in the 'dev' profile, the 'signin' service module must be on the class path\./);
    assert.match(f.fix!.text, /<artifactId>signin<\/artifactId>/);
    // healthy-login has no [default] profile and AWS_REGION is unset.
    const region = only(noSignin, 'pins-java-signin-region');
    assert.equal(region.status, 'warn');
    assert.deepEqual(region.fix!.commands, ['aws configure set region us-east-1 --profile default']);
    const withRegion = await pins('sdk-maven-no-signin', { env: { AWS_REGION: 'eu-west-1' } });
    assert.ok(!withRegion.some((x) => x.code === 'pins-java-signin-region'));

    const catalog = only(await pins('sdk-gradle-catalog'), 'pins-java-no-signin');
    assert.equal(catalog.title.split(':').slice(0, 2).join(':'), 'build.gradle.kts:7');
    assert.match(catalog.fix!.text, /implementation\("software\.amazon\.awssdk:signin"\)/);
  });

  it('.NET: AWSSDK.Core too old, the v3 SDK, no AWSSDK.Signin with central package versions', async () => {
    const old = only(await pins('sdk-dotnet-old'), 'pins-dotnet-too-old');
    assert.equal(old.title, 'Worker.csproj:6: AWSSDK.Core 4.0.0.15 cannot use aws login profiles');
    assert.deepEqual(old.fix!.commands.slice(0, 2), ['dotnet add Worker.csproj package AWSSDK.Core', 'dotnet add Worker.csproj package AWSSDK.Signin']);
    const v3 = only(await pins('sdk-dotnet-v3'), 'pins-dotnet-too-old');
    assert.match(v3.title, /^Legacy\.csproj:6: AWS SDK for \.NET v3 \(3\.7\.405\.2\)/);
    const f = only(await pins('sdk-dotnet-no-signin'), 'pins-dotnet-no-signin');
    assert.equal(f.status, 'fail');
    assert.match(f.title, /^src\/Api\/Api\.csproj:6: /);
    assert.match(f.detail, /Assembly AWSSDK\.Signin could not be found or loaded/);
    assert.deepEqual(f.fix!.commands, ['dotnet add src/Api/Api.csproj package AWSSDK.Signin']);
  });

  it('Rust: locked aws-config too old; the credentials-login feature missing, with the exact Cargo.toml line', async () => {
    const old = only(await pins('sdk-rust-old'), 'pins-rust-too-old');
    assert.equal(old.title, 'Cargo.lock:6: aws-config 1.5.18 cannot use aws login profiles');
    assert.deepEqual(old.fix!.commands, ['cargo update -p aws-config', BRIDGE]);
    const f = only(await pins('sdk-rust-no-feature'), 'pins-rust-no-login-feature');
    assert.equal(f.status, 'fail');
    assert.equal(f.evidence.corrected, 'aws-config = { version = "1.8.11", features = ["behavior-version-latest", "credentials-login"] }');
    assert.match(f.fix!.text, /^In Cargo\.toml, replace line 7 with:\n {2}aws-config = \{ version = "1\.8\.11", features = \["behavior-version-latest", "credentials-login"\] \}/);
  });

  it('Terraform: required_version below 1.15.0 with an S3 backend, an old provider lock (probably), and an old terraform on PATH', async () => {
    const findings = await pins('sdk-terraform-old');
    const req = only(findings, 'terraform-too-old');
    assert.equal(req.title, 'main.tf:3: required_version = "~> 1.14.0" keeps Terraform below 1.15.0, whose S3 backend cannot use aws login profiles');
    const provider = only(findings, 'terraform-provider-too-old');
    assert.equal(provider.status, 'warn');
    assert.match(provider.title, /^\.terraform\.lock\.hcl:5: hashicorp\/aws provider 5\.80\.0 probably cannot/);
    assert.equal(provider.evidence.minimum, '6.23.0 (probably)');

    // No real Terraform on this machine: a stand-in prints what `terraform version -json` prints.
    const bin = join(temp, 'tf-bin');
    mkdirSync(bin, { recursive: true });
    writeScript(join(bin, 'terraform'), `echo '{"terraform_version":"1.14.3","platform":"linux_amd64","provider_selections":{},"terraform_outdated":true}'\n`);
    const installed = (await pins('sdk-terraform-ok', { env: { PATH: bin } })).filter((f) => f.code === 'terraform-too-old');
    assert.equal(installed.length, 1);
    assert.equal(installed[0]!.title, `main.tf:4: Terraform 1.14.3 (${join(bin, 'terraform')}) runs this S3 backend without login support`);
  });

  it('OpenTofu on PATH: a warning that says "probably", with the bridge', async () => {
    const bin = join(temp, 'tofu-bin');
    mkdirSync(bin, { recursive: true });
    writeScript(join(bin, 'tofu'), `echo 'OpenTofu v1.11.3'\necho 'on linux_amd64'\n`);
    const f = only(await pins('sdk-terraform-ok', { env: { PATH: bin } }), 'opentofu-no-login');
    assert.equal(f.status, 'warn');
    assert.match(f.title, /OpenTofu 1\.11\.3 .* probably cannot use aws login profiles/);
    assert.equal(f.fix!.commands.at(-1), BRIDGE);
  });

  it('CDK: a locked aws-cdk below 2.1034.0 fails, a range below 2.1136.0 is info, a global install is found through cdk on PATH', async () => {
    const old = only(await pins('sdk-cdk-old'), 'pins-cdk-too-old');
    assert.equal(old.status, 'fail');
    assert.equal(old.title, 'package-lock.json:20: aws-cdk 2.1020.2 cannot use aws login profiles');
    assert.deepEqual(old.fix!.commands, ['npm install --save-dev aws-cdk@latest', BRIDGE]);
    const stale = only(await pins('sdk-cdk-stale'), 'pins-cdk-stale-cache');
    assert.equal(stale.status, 'info');
    assert.equal(stale.title, 'package.json:5: "aws-cdk": "~2.1100.0" can fail the second login refresh in a long `cdk watch`');

    const prefix = join(temp, 'npm-global');
    mkdirSync(join(prefix, 'lib/node_modules/aws-cdk/bin'), { recursive: true });
    mkdirSync(join(prefix, 'bin'), { recursive: true });
    writeFileSync(join(prefix, 'lib/node_modules/aws-cdk/package.json'), '{"name":"aws-cdk","version":"2.1029.0","dependencies":{}}');
    writeScript(join(prefix, 'lib/node_modules/aws-cdk/bin/cdk'), 'exit 0\n');
    symlinkSync('../lib/node_modules/aws-cdk/bin/cdk', join(prefix, 'bin/cdk'));
    const project = join(temp, 'cdk-python-app');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'cdk.json'), '{"app":"python3 app.py"}');
    const global = only(await pins('', { cwd: project, env: { PATH: join(prefix, 'bin') } }), 'pins-cdk-too-old');
    assert.equal(global.title, `${join(prefix, 'lib/node_modules/aws-cdk/package.json')}: global aws-cdk 2.1029.0 cannot use aws login profiles`);
    assert.deepEqual(global.fix!.commands[0], 'npm install --global aws-cdk@latest');
  });

  it('a monorepo: every language in its subfolder, dependency and build folders skipped', async () => {
    const findings = await pins('sdk-monorepo');
    assert.deepEqual(findings.map((f) => [f.code, f.evidence.file]).sort(), [
      ['pins-go-too-old', 'services/api/go.mod'],
      ['pins-rust-no-login-feature', 'services/worker/Cargo.toml'],
    ]);
  });

  it('a role chained onto a login profile: names the consumers in this project that cannot chain', async () => {
    const home = join(temp, 'chain-home');
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(
      join(home, '.aws', 'config'),
      '[profile dev]\nlogin_session = arn:aws:iam::111122223333:user/alice\nregion = us-east-1\n\n[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/admin\nsource_profile = dev\n',
    );
    const findings = await pins('sdk-monorepo', { home, env: { AWS_PROFILE: 'admin' } });
    const f = only(findings, 'role-chain-unsupported');
    assert.equal(f.status, 'fail');
    assert.match(f.title, /^Profile "admin" assumes a role from the login profile "dev", which Go SDK v2, Terraform AWS provider, AWS SDK for PHP in this project cannot do$/);
    assert.match(f.detail, /Go SDK v2 \(services\/api\/go\.mod\); Terraform AWS provider \(infra\/main\.tf\); AWS SDK for PHP \(php\/composer\.lock\)/);
    assert.deepEqual(f.fix!.commands, [BRIDGE, 'aws configure set source_profile dev-process --profile admin']);
    // A role profile on static keys is no chain onto login.
    const plain = await pins('sdk-monorepo', { env: { AWS_PROFILE: 'dev' } });
    assert.ok(!plain.some((x) => x.code === 'role-chain-unsupported'));
  });

  it('an unparsable manifest is reported, not a crash; no project means no findings', async () => {
    const broken = join(temp, 'broken');
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, 'pom.xml'), '<project><dependencies><dependency>');
    writeFileSync(join(broken, 'Cargo.toml'), '[dependencies\naws-config = ');
    const findings = await pins('', { cwd: broken });
    assert.deepEqual(findings.map((f) => [f.code, f.evidence.file]).sort(), [
      ['sdk-file-unreadable', 'Cargo.toml'],
      ['sdk-file-unreadable', 'pom.xml'],
    ]);
    const empty = join(temp, 'empty-home');
    mkdirSync(empty, { recursive: true });
    assert.deepEqual(await pins('', { cwd: empty, home: empty }), []);
  });

  it('explain recognises the other consumers\' errors with the confirming command', async () => {
    const r = await runCli(['explain', "To use login_session property in the 'dev' profile, the 'signin' service module must be on the class path."], { home: temp });
    assert.match(r.stdout, /pins-java-no-signin/);
    assert.match(r.stdout, /Confirm on this machine: login-doctor --only project\.other-sdks/);
  });
});
