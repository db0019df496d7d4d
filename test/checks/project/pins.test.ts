import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Finding } from '../../../src/engine/finding.js';
import { FIXTURES, fixtureHome, runJson } from '../../support/cli.js';

const project = (name: string) => `${FIXTURES}projects/${name}`;

async function pins(name: string, home = fixtureHome('jsdeps-login'), cwd = project(name)): Promise<Finding[]> {
  const { report } = await runJson(['--offline'], { home, cwd });
  return report.findings.filter((f) => f.check === 'project.pins');
}

const codes = (findings: Finding[]) => findings.map((f) => [f.code, f.status, f.evidence.file ?? null, f.evidence.line ?? null]);

describe('project.pins through the CLI: Python', () => {
  it('requirements + constraints: boto3 pinned below login, awscrt pinned below the padded signature; -r noted', async () => {
    const findings = await pins('py-requirements');
    assert.deepEqual(codes(findings), [
      ['pins-python-too-old', 'fail', 'requirements.txt', 5],
      ['pins-python-too-old', 'fail', 'constraints.txt', 3],
    ]);
    const [boto3, awscrt] = findings as [Finding, Finding];
    assert.equal(boto3.evidence.corrected, 'boto3>=1.42.11; python_version >= "3.9"');
    assert.match(boto3.fix!.text, /In requirements\.txt, replace line 5 with boto3>=1\.42\.11; python_version >= "3\.9"/);
    assert.equal(awscrt.evidence.corrected, 'awscrt>=0.29.1');
    assert.match(awscrt.detail, /AttributeError: type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'/);
    assert.deepEqual(boto3.evidence.notChecked, ['requirements.txt:2: "-r requirements-base.txt" not followed']);
  });

  it('is a warning, not a failure, when no diagnosed profile uses login_session', async () => {
    const findings = await pins('py-requirements', fixtureHome('jsdeps-plain'));
    assert.deepEqual(findings.map((f) => f.status), ['warn', 'warn']);
  });

  it('pyproject.toml PEP 621 (corrected line as a TOML string) and requirements/*.txt', async () => {
    const findings = await pins('py-pep621');
    assert.deepEqual(codes(findings), [
      ['pins-python-too-old', 'fail', 'requirements/ci.txt', 3],
      ['pins-python-too-old', 'fail', 'pyproject.toml', 10],
    ]);
    assert.equal(findings[0]!.evidence.corrected, 'boto3[crt]>=1.42.11');
    assert.equal(findings[1]!.evidence.corrected, '"boto3>=1.42.11"');
  });

  it('Poetry: exact boto3 pin without crt in pyproject, and poetry.lock without awscrt', async () => {
    const findings = await pins('py-poetry');
    assert.deepEqual(codes(findings), [
      ['pins-python-too-old', 'fail', 'pyproject.toml', 9],
      ['pins-python-too-old', 'fail', 'poetry.lock', 24],
    ]);
    assert.equal(findings[0]!.evidence.corrected, 'boto3 = { version = "1.42.3", extras = ["crt"] }');
    assert.deepEqual(findings[1]!.fix!.commands, ["poetry add 'awscrt>=0.29.1'"]);
  });

  it('uv.lock: awscrt 0.28.4 locked next to botocore 1.42.3', async () => {
    const findings = await pins('py-uv');
    assert.deepEqual(codes(findings), [
      ['pins-python-too-old', 'fail', 'pyproject.toml', 7],
      ['pins-python-too-old', 'fail', 'uv.lock', 7],
    ]);
    assert.deepEqual(findings[1]!.fix!.commands, ["uv add 'awscrt>=0.29.1'"]);
    assert.match(findings[1]!.detail, /decode_der_signature_to_padded_pair/);
  });

  it('Pipfile.lock: boto3 and botocore 1.35 locked', async () => {
    const findings = await pins('py-pipfile');
    assert.deepEqual(codes(findings), [
      ['pins-python-too-old', 'fail', 'Pipfile.lock', 32],
      ['pins-python-too-old', 'fail', 'Pipfile.lock', 25],
    ]);
    assert.deepEqual(findings[0]!.fix!.commands, ["pipenv install 'botocore[crt]>=1.42.11'"]);
    assert.deepEqual(findings[1]!.fix!.commands, ["pipenv install 'boto3>=1.42.11'"]);
  });

  it('healthy pins pass and list the files read', async () => {
    const findings = await pins('py-healthy');
    assert.deepEqual(codes(findings), [['pins-ok', 'pass', null, null]]);
    assert.deepEqual(findings[0]!.evidence.files, ['constraints.txt', 'requirements.txt', 'uv.lock']);
    assert.deepEqual(findings[0]!.evidence.notChecked, ['requirements.txt:5: "-c constraints.txt" not followed']);
  });
});

describe('project.pins through the CLI: JavaScript', () => {
  it('package.json exact pin and package-lock v1 entries (nested one included) below the login floor', async () => {
    const findings = await pins('npm-lock-v1');
    assert.deepEqual(codes(findings), [
      ['pins-js-too-old', 'fail', 'package.json', 6],
      ['pins-js-too-old', 'fail', 'package-lock.json', 17],
    ]);
    assert.equal(findings[0]!.evidence.corrected, '"@aws-sdk/client-sts": "^3.936.0"');
    assert.match(findings[0]!.fix!.text, /replace line 6 with "@aws-sdk\/client-sts": "\^3\.936\.0"/);
    assert.match(findings[1]!.detail, /package-lock\.json:42 @aws-sdk\/credential-provider-ini 3\.899\.0 \(node_modules\/s3-sync-lite\/node_modules/);
    assert.deepEqual(findings[1]!.fix!.commands, ['npm update @aws-sdk/credential-provider-ini', 'npm ls --all @aws-sdk/credential-provider-ini']);
  });

  it('package-lock v3 (stale-cache login, a warning), pnpm-lock v9 and yarn classic', async () => {
    assert.deepEqual(codes(await pins('npm-lock-v3')), [['pins-js-too-old', 'warn', 'package-lock.json', 214]]);
    const pnpm = await pins('pnpm-lock-v9');
    assert.deepEqual(codes(pnpm), [
      ['pins-js-too-old', 'fail', 'package.json', 6],
      ['pins-js-too-old', 'fail', 'pnpm-lock.yaml', 17],
    ]);
    assert.deepEqual(pnpm[1]!.fix!.commands, ['pnpm update --recursive @aws-sdk/credential-provider-ini', 'pnpm why @aws-sdk/credential-provider-ini']);
    const yarn = await pins('yarn-classic');
    assert.deepEqual(codes(yarn), [['pins-js-too-old', 'warn', 'yarn.lock', 14]]);
    assert.equal(yarn[0]!.fix!.commands[0], 'yarn upgrade @aws-sdk/credential-provider-login');
  });

  it('yarn berry with current versions passes', async () => {
    assert.deepEqual(codes(await pins('yarn-berry')), [['pins-ok', 'pass', null, null]]);
  });
});

describe('project.pins through the CLI: edge cases', () => {
  it('unparsable files get their own finding and no "ok"', async () => {
    const findings = await pins('broken-files');
    assert.deepEqual(
      findings.map((f) => [f.code, f.status]),
      [
        ['project-file-unreadable', 'info'],
        ['project-file-unreadable', 'info'],
      ],
    );
    assert.match(findings[0]!.title, /pyproject\.toml/);
    assert.match(findings[0]!.detail, /not valid TOML/);
    assert.match(findings[1]!.detail, /not valid package\.json/);
  });

  const temp = mkdtempSync(join(tmpdir(), 'login-doctor-pins-'));
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('an include URL with credentials is noted without them', async () => {
    const cwd = join(temp, 'private-index');
    mkdirSync(cwd, { recursive: true });
    writeFileSync(join(cwd, 'requirements.txt'), '-r https://ci:SECRET-tok-4242@pypi.example.com/base.txt\nboto3>=1.42.11\n');
    const { report } = await runJson(['--offline'], { home: fixtureHome('jsdeps-plain'), cwd });
    const ok = report.findings.find((f) => f.code === 'pins-ok')!;
    assert.deepEqual(ok.evidence.notChecked, ['requirements.txt:1: "-r https://***@pypi.example.com/base.txt" not followed']);
    assert.ok(!JSON.stringify(report).includes('SECRET-tok-4242'));
  });

  it('no project: pins-none', async () => {
    const cwd = join(temp, 'home', 'scratch');
    mkdirSync(cwd, { recursive: true });
    assert.deepEqual(codes(await pins('', join(temp, 'home'), cwd)), [['pins-none', 'info', null, null]]);
  });
});
