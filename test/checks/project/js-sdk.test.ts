import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Finding } from '../../../src/engine/finding.js';
import { FIXTURES, fixtureHome, runJson } from '../../support/cli.js';

const project = (name: string) => `${FIXTURES}projects/${name}`;

async function jsFindings(name: string, home = fixtureHome('jsdeps-login'), cwd = project(name)): Promise<Finding[]> {
  const { report } = await runJson(['--offline'], { home, cwd });
  return report.findings.filter((f) => f.check === 'project.js-sdk');
}

function only(findings: Finding[], code: string): Finding {
  const matching = findings.filter((f) => f.code === code);
  assert.equal(matching.length, 1, `one ${code} in ${JSON.stringify(findings.map((f) => f.code))}`);
  return matching[0]!;
}

describe('project.js-sdk through the CLI', () => {
  it('installed copies, nested ones too: each problem named with its copy and a fix for the project', async () => {
    const findings = await jsFindings('installed-nested');
    const noLogin = only(findings, 'js-sdk-no-login');
    assert.equal(noLogin.status, 'fail', 'the selected profile uses login_session');
    assert.match(noLogin.detail, /@aws-sdk\/credential-provider-ini 3\.900\.0 at node_modules\/@aws-sdk\/credential-provider-ini/);
    assert.deepEqual(noLogin.fix!.commands, [
      'npm install @aws-sdk/client-sts@latest',
      'npm install --save-dev @aws-sdk/credential-providers@latest',
      'npm ls --all @aws-sdk/credential-provider-ini',
    ]);

    const stale = only(findings, 'js-login-stale-cache');
    assert.equal(stale.status, 'warn');
    assert.match(stale.detail, /node_modules\/report-uploader\/node_modules\/@aws-sdk\/credential-provider-login \(nested under report-uploader\)/);
    assert.match(stale.fix!.text, /nested under report-uploader/);
    assert.match(stale.fix!.text, /ignoreCache: true/);
    assert.equal(stale.fix!.commands.at(-1), 'npm ls --all @aws-sdk/credential-provider-login');

    const caller = only(findings, 'js-ini-no-caller-config');
    assert.equal(caller.status, 'info');
    assert.match(caller.title, /credential-provider-ini 3\.948\.0/);
    assert.ok(caller.fix!.commands.length > 0);

    const found = only(findings, 'js-sdk-found');
    assert.equal(found.status, 'info');
    const copies = found.evidence.copies as { name: string; version: string }[];
    assert.equal(copies.length, 6, 'four top-level copies and two nested; the mis-named package.json is not a copy');
    assert.ok(!JSON.stringify(copies).includes('not-the-sdk'));
  });

  it('js-sdk-no-login is a warning when no diagnosed profile uses login_session', async () => {
    const findings = await jsFindings('installed-nested', fixtureHome('jsdeps-plain'));
    assert.equal(only(findings, 'js-sdk-no-login').status, 'warn');
  });

  it('a healthy project, run from a subdirectory, passes and lists its versions', async () => {
    const findings = await jsFindings('installed-healthy', fixtureHome('jsdeps-login'), `${project('installed-healthy')}/src/handlers`);
    assert.deepEqual(findings.map((f) => [f.code, f.status]), [['js-sdk-found', 'pass']]);
    assert.match(findings[0]!.title, /credential-provider-login 3\.972\.92/);
    assert.equal(findings[0]!.evidence.projectRoot, project('installed-healthy'));
  });

  it('a workspace member: the hoisted node_modules and the lock file of the workspace root count', async () => {
    const findings = await jsFindings('', fixtureHome('jsdeps-plain'), `${project('monorepo')}/packages/api/src`);
    const stale = only(findings, 'js-login-stale-cache');
    assert.match(stale.detail, /credential-provider-login 3\.960\.0 at \.\.\/\.\.\/node_modules\/@aws-sdk\/credential-provider-login/);
    assert.deepEqual(stale.fix!.commands, ['npm install @aws-sdk/credential-providers@latest', 'npm ls --all @aws-sdk/credential-provider-login']);
    assert.equal(only(findings, 'js-sdk-found').evidence.projectRoot, `${project('monorepo')}/packages/api`);
    const { report } = await runJson(['--offline'], { home: fixtureHome('jsdeps-plain'), cwd: `${project('monorepo')}/packages/api` });
    const pins = report.findings.filter((f) => f.code === 'pins-js-too-old');
    assert.deepEqual(pins.map((f) => [f.evidence.file, f.evidence.line]), [['../../package-lock.json', 33]]);
  });

  it('pnpm store copies (.pnpm) are found once each, through the symlink too', async () => {
    const findings = await jsFindings('pnpm-installed');
    const copies = only(findings, 'js-sdk-found').evidence.copies as { name: string }[];
    assert.deepEqual(copies.map((c) => c.name).sort(), ['@aws-sdk/credential-provider-ini', '@aws-sdk/credential-provider-login', '@aws-sdk/credential-providers']);
    assert.equal(only(findings, 'js-login-stale-cache').fix!.commands.at(-1), 'pnpm why @aws-sdk/credential-provider-login');
  });

  it('without node_modules: package-lock v1 (nested entry), v3, pnpm-lock v9, yarn classic and berry', async () => {
    const v1 = await jsFindings('npm-lock-v1');
    const noLogin = only(v1, 'js-sdk-no-login');
    assert.equal(noLogin.status, 'fail');
    assert.match(noLogin.detail, /credential-provider-ini 3\.899\.0 at package-lock\.json:42/);
    assert.match(noLogin.detail, /credential-provider-ini 3\.934\.0 at package-lock\.json:17/);

    const v3 = await jsFindings('npm-lock-v3');
    assert.equal(only(v3, 'js-login-stale-cache').status, 'warn');
    assert.match(only(v3, 'js-login-stale-cache').detail, /package-lock\.json:214/);
    assert.equal(only(v3, 'js-ini-no-caller-config').status, 'info');

    const pnpm = await jsFindings('pnpm-lock-v9');
    assert.match(only(pnpm, 'js-sdk-no-login').detail, /credential-provider-ini 3\.930\.0 at pnpm-lock\.yaml:17/);
    assert.deepEqual(only(pnpm, 'js-sdk-no-login').fix!.commands, ['pnpm add @aws-sdk/credential-providers@latest', 'pnpm why @aws-sdk/credential-provider-ini']);

    const classic = await jsFindings('yarn-classic');
    assert.deepEqual(only(classic, 'js-login-stale-cache').fix!.commands, ['yarn add @aws-sdk/credential-providers@latest', 'yarn why @aws-sdk/credential-provider-login']);

    const berry = await jsFindings('yarn-berry');
    assert.deepEqual(berry.map((f) => [f.code, f.status]), [['js-sdk-found', 'pass']]);
    assert.equal(berry[0]!.evidence.source, 'yarn.lock');
  });

  const temp = mkdtempSync(join(tmpdir(), 'login-doctor-js-'));
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('no project at all: one info finding, nothing else', async () => {
    const home = join(temp, 'home');
    const cwd = join(home, 'scratch');
    mkdirSync(cwd, { recursive: true });
    const findings = await jsFindings('', home, cwd);
    assert.deepEqual(findings.map((f) => [f.code, f.status]), [['js-sdk-none', 'info']]);
    assert.equal(findings[0]!.evidence.projectRoot, null);
  });

  it('a JS project without the SDK, and a Python-only project: js-sdk-none', async () => {
    const js = join(temp, 'home', 'site');
    mkdirSync(join(js, 'node_modules', 'left-pad'), { recursive: true });
    writeFileSync(join(js, 'package.json'), '{"name":"site","dependencies":{"left-pad":"1.3.0"}}');
    writeFileSync(join(js, 'node_modules', 'left-pad', 'package.json'), '{"name":"left-pad","version":"1.3.0"}');
    assert.deepEqual((await jsFindings('', join(temp, 'home'), js)).map((f) => [f.code, f.status]), [['js-sdk-none', 'info']]);
    assert.deepEqual((await jsFindings('py-poetry')).map((f) => [f.code, f.status]), [['js-sdk-none', 'info']]);
  });
});
