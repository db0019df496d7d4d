import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { homeCheck } from '../../../src/checks/environment/home.js';
import { fixtureContext } from '../../support/context.js';
import { runJson } from '../../support/cli.js';
import { virtualFs } from '../../support/virtual-fs.js';

/** A Windows profile folder and Git Bash's HOME on another drive, as in aws/aws-cli#7034. */
const WINDOWS_TREE = virtualFs('win32', {
  'C:\\Users\\alice\\.aws\\config': { text: '[default]\nregion = eu-west-1\n' },
  'H:\\.aws\\config': { text: '[default]\nregion = us-east-1\n' },
});
const WINDOWS_ENV = { HOME: 'H:\\', USERPROFILE: 'C:\\Users\\alice', HOMEDRIVE: 'C:', HOMEPATH: '\\Users\\alice', PATH: undefined };

describe('environment.home', () => {
  it('Git Bash HOME on Windows: home-dir-split names what each consumer reads, fixes in PowerShell', async () => {
    const ctx = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', env: WINDOWS_ENV, fs: WINDOWS_TREE, accountHome: 'C:\\Users\\alice' });
    const [f, ...rest] = await homeCheck.run(ctx);
    assert.equal(rest.length, 0);
    assert.equal(f!.code, 'home-dir-split');
    assert.equal(f!.status, 'warn');
    assert.match(f!.detail!, /botocore\/boto3 and the AWS CLI .*: C:\\Users\\alice\\\.aws \(home from USERPROFILE\)/);
    assert.match(f!.detail!, /JS SDK config, credentials and SSO cache \(getHomeDir\): H:\\\.aws \(home from HOME\)/);
    assert.match(f!.detail!, /JS SDK login cache \(os\.homedir\(\)\): C:\\Users\\alice\\\.aws/);
    assert.deepEqual(f!.fix!.commands, [
      "$env:AWS_CONFIG_FILE = 'C:\\Users\\alice\\.aws\\config'",
      "$env:AWS_SHARED_CREDENTIALS_FILE = 'C:\\Users\\alice\\.aws\\credentials'",
      "$env:AWS_LOGIN_CACHE_DIRECTORY = 'C:\\Users\\alice\\.aws\\login\\cache'",
    ]);
  });

  it('the same split run from Git Bash gets POSIX commands, from cmd.exe cmd commands', async () => {
    const bash = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', env: { ...WINDOWS_ENV, MSYSTEM: 'MINGW64' }, fs: WINDOWS_TREE });
    assert.equal((await homeCheck.run(bash))[0]!.fix!.commands[0], "export AWS_CONFIG_FILE='C:\\Users\\alice\\.aws\\config'");
    const cmd = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', env: { ...WINDOWS_ENV, PROMPT: '$P$G' }, fs: WINDOWS_TREE });
    assert.equal((await homeCheck.run(cmd))[0]!.fix!.commands[0], 'set AWS_CONFIG_FILE=C:\\Users\\alice\\.aws\\config');
  });

  it('Windows without HOME, or HOME equal to USERPROFILE in another case: home-ok', async () => {
    for (const HOME of [undefined, 'c:\\users\\ALICE\\']) {
      const ctx = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', env: { ...WINDOWS_ENV, HOME }, fs: WINDOWS_TREE });
      assert.equal((await homeCheck.run(ctx))[0]!.code, 'home-ok', String(HOME));
    }
  });

  it('Windows HOME pointing at a missing drive: home-not-usable, fixed by removing HOME', async () => {
    const ctx = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', env: { ...WINDOWS_ENV, HOME: 'Z:\\home' }, fs: WINDOWS_TREE });
    const [f] = await homeCheck.run(ctx);
    assert.equal(f!.code, 'home-not-usable');
    assert.match(f!.detail!, /getHomeDir\): Z:\\home\\\.aws, but Z:\\home does not exist \(home from HOME\)/);
    assert.deepEqual(f!.fix!.commands, ['Remove-Item Env:HOME']);
  });

  it('macOS: an empty HOME sends botocore to /.aws and the JS SDK to the working directory', async () => {
    const fs = virtualFs('darwin', { '/Users/alice/.aws/config': { text: '[default]\n' } });
    const ctx = fixtureContext({ home: '/Users/alice', platform: 'darwin', env: { HOME: '' }, fs, accountHome: '/Users/alice' });
    const [f] = await homeCheck.run(ctx);
    assert.equal(f!.code, 'home-not-usable');
    assert.match(f!.detail!, /botocore\/boto3 and the AWS CLI .*: \/\.aws \(home from HOME\)/);
    assert.match(f!.detail!, /os\.homedir\(\)\): \.aws relative to the working directory: HOME is set but empty/);
    assert.deepEqual(f!.fix!.commands, ['export HOME=/Users/alice']);
  });

  it('macOS with a normal HOME: home-ok', async () => {
    const fs = virtualFs('darwin', { '/Users/alice/.aws/config': { text: '[default]\n' } });
    const ctx = fixtureContext({ home: '/Users/alice', platform: 'darwin', env: { HOME: '/Users/alice' }, fs });
    assert.equal((await homeCheck.run(ctx))[0]!.code, 'home-ok');
  });
});

describe('environment.home through the CLI', () => {
  it('HOME that does not exist: home-not-usable, and each consumer named', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ld-home-'));
    const missing = join(root, 'gone');
    const { report } = await runJson(['--offline', '--only', 'environment'], { home: missing, cwd: root });
    const f = report.findings.find((x) => x.code === 'home-not-usable');
    assert.ok(f, JSON.stringify(report.findings.map((x) => x.code)));
    assert.equal(f.status, 'warn');
    assert.match(f.detail, new RegExp(`${missing.replace(/[/.]/g, '\\$&')} does not exist \\(home from HOME\\)`));
    assert.match(f.fix!.commands[0]!, process.platform === 'win32' ? /^Remove-Item Env:HOME$/ : /^export HOME=\//);
  });

  it('HOME that exists: home-ok', { skip: process.platform === 'win32' ? 'a Windows home comes from USERPROFILE, which this CLI run does not pass' : false }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'ld-home-'));
    mkdirSync(join(root, '.aws'));
    const { report } = await runJson(['--offline', '--only', 'environment.home'], { home: root });
    assert.deepEqual(report.findings.map((x) => [x.code, x.status]), [['home-ok', 'pass']]);
  });
});
