import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsCliCheck } from '../../src/checks/tools/aws-cli.js';
import type { Spawner } from '../../src/engine/context.js';
import { findInstalledAwsClis, findOnPath } from '../../src/probes/executables.js';
import { fixtureContext } from '../support/context.js';
import { virtualFs } from '../support/virtual-fs.js';

const NO_SPAWN: Spawner = async (command) => {
  throw new Error(`unexpected spawn of ${command}`);
};

describe('AWS CLI discovery on macOS (fixture trees shaped like real installs)', () => {
  it('Apple silicon Homebrew: /opt/homebrew/bin/aws into the Cellar, found on PATH', async () => {
    const fs = virtualFs('darwin', {
      '/opt/homebrew/Cellar/awscli/2.34.1/bin/aws': { text: '#!/opt/homebrew/Cellar/awscli/2.34.1/libexec/bin/python\n' },
      '/opt/homebrew/bin/aws': { link: '../Cellar/awscli/2.34.1/bin/aws' },
    });
    const ctx = fixtureContext({ home: '/Users/alice', platform: 'darwin', fs, env: { PATH: '/opt/homebrew/bin:/usr/bin:/bin' }, spawn: NO_SPAWN });
    const [found] = await findOnPath(ctx, ['aws']);
    assert.deepEqual(found, { path: '/opt/homebrew/bin/aws', realPath: '/opt/homebrew/Cellar/awscli/2.34.1/bin/aws' });
    assert.deepEqual(await findInstalledAwsClis(ctx), [{ ...found, layout: 'homebrew', onPath: true }]);
  });

  it('official pkg on Intel: /usr/local/bin/aws links to /usr/local/aws-cli/aws; off PATH it is named with the PATH fix', async () => {
    const fs = virtualFs('darwin', {
      '/usr/local/aws-cli/aws': { text: 'binary' },
      '/usr/local/bin/aws': { link: '/usr/local/aws-cli/aws' },
    });
    const ctx = fixtureContext({ home: '/Users/alice', platform: 'darwin', fs, env: { PATH: '/usr/bin:/bin' }, spawn: NO_SPAWN });
    assert.deepEqual(await findInstalledAwsClis(ctx), [{ path: '/usr/local/bin/aws', realPath: '/usr/local/aws-cli/aws', layout: 'installer', onPath: false }]);
    const [f] = await awsCliCheck.run(ctx);
    assert.equal(f!.code, 'cli-missing');
    assert.match(f!.detail!, /Installed but not on PATH: \/usr\/local\/bin\/aws \(installer\)/);
    assert.deepEqual(f!.fix!.commands, ['export PATH=/usr/local/bin:"$PATH"']);
  });

  it('Intel Homebrew and pipx side by side', async () => {
    const fs = virtualFs('darwin', {
      '/usr/local/Cellar/awscli/2.30.0/bin/aws': { text: '#!/usr/local/opt/python/bin/python3\n' },
      '/usr/local/bin/aws': { link: '../Cellar/awscli/2.30.0/bin/aws' },
      '/Users/alice/.local/pipx/venvs/awscli/bin/aws': { text: '#!/Users/alice/.local/pipx/venvs/awscli/bin/python\nimport awscli\n' },
      '/Users/alice/.local/bin/aws': { link: '/Users/alice/.local/pipx/venvs/awscli/bin/aws' },
    });
    const ctx = fixtureContext({ home: '/Users/alice', platform: 'darwin', fs, env: { PATH: '/Users/alice/.local/bin:/usr/local/bin:/usr/bin' }, spawn: NO_SPAWN });
    const installs = await findInstalledAwsClis(ctx);
    assert.deepEqual(installs.map((c) => [c.path, c.layout, c.onPath]), [
      ['/Users/alice/.local/bin/aws', 'pipx', true],
      ['/usr/local/bin/aws', 'homebrew', true],
    ]);
    assert.deepEqual((await findOnPath(ctx, ['aws'])).map((f) => f.path), ['/Users/alice/.local/bin/aws', '/usr/local/bin/aws']);
  });
});

describe('AWS CLI discovery on Windows', () => {
  const tree = virtualFs('win32', {
    'C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe': { text: 'MZ' },
    'C:\\Users\\alice\\AppData\\Roaming\\Python\\Python312\\Scripts\\aws': { text: '#!python\nimport awscli.clidriver\n' },
    'C:\\Users\\alice\\AppData\\Roaming\\Python\\Python312\\Scripts\\aws.cmd': { text: '@echo OFF\r\npython "%~dp0aws" %*\r\n' },
    'C:\\Windows\\System32\\cmd.exe': { text: 'MZ' },
  });
  const env = {
    HOME: undefined,
    PATH: undefined,
    USERPROFILE: 'C:\\Users\\alice',
    APPDATA: 'C:\\Users\\alice\\AppData\\Roaming',
    ProgramFiles: 'C:\\Program Files',
    // Windows spells it Path; quotes around an entry are allowed.
    Path: 'C:\\Windows\\System32;C:\\Users\\alice\\AppData\\Roaming\\Python\\Python312\\Scripts;"C:\\Program Files\\Amazon\\AWSCLIV2\\"',
    PATHEXT: '.COM;.EXE;.BAT;.CMD;.VBS;.JS',
  };

  it('resolves through Path and PATHEXT: aws.cmd of pip, aws.exe of the MSI, never the extensionless script', async () => {
    const ctx = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', fs: tree, env, spawn: NO_SPAWN });
    assert.deepEqual((await findOnPath(ctx, ['aws'])).map((f) => f.path), [
      'C:\\Users\\alice\\AppData\\Roaming\\Python\\Python312\\Scripts\\aws.cmd',
      'C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe',
    ]);
    const installs = await findInstalledAwsClis(ctx);
    assert.deepEqual(installs.map((c) => [c.path, c.layout, c.onPath]), [
      ['C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe', 'installer', true],
      ['C:\\Users\\alice\\AppData\\Roaming\\Python\\Python312\\Scripts\\aws.cmd', 'pip', true],
    ]);
  });

  it('PATHEXT order decides between aws.cmd and aws.exe in one folder', async () => {
    const fs = virtualFs('win32', { 'C:\\tools\\aws.exe': { text: 'MZ' }, 'C:\\tools\\aws.cmd': { text: '@echo off' } });
    const base = { HOME: undefined, PATH: undefined, Path: 'C:\\tools' };
    const exeFirst = fixtureContext({ home: 'C:\\Users\\a', platform: 'win32', fs, env: { ...base } });
    assert.equal((await findOnPath(exeFirst, ['aws']))[0]!.path, 'C:\\tools\\aws.exe');
    const cmdFirst = fixtureContext({ home: 'C:\\Users\\a', platform: 'win32', fs, env: { ...base, PATHEXT: '.CMD;.EXE' } });
    assert.equal((await findOnPath(cmdFirst, ['aws']))[0]!.path, 'C:\\tools\\aws.cmd');
  });

  it('the MSI install runs as aws.exe --version (no shell); off Path it is named with a PowerShell fix', async () => {
    const calls: string[] = [];
    const spawn: Spawner = async (command, args) => {
      calls.push([command, ...args].join(' '));
      return { exitCode: 0, signal: null, stdout: 'aws-cli/2.34.1 Python/3.13.7 Windows/11 exe/AMD64\r\n', stderr: '', timedOut: false, truncated: false, error: null, durationMs: 5 };
    };
    const onPath = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', fs: tree, env: { ...env, Path: 'C:\\Program Files\\Amazon\\AWSCLIV2' }, spawn });
    const [ok] = await awsCliCheck.run(onPath);
    assert.equal(ok!.code, 'cli-ok');
    assert.deepEqual(calls, ['C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe --version']);
    const offPath = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', fs: tree, env: { ...env, Path: 'C:\\Windows\\System32' }, spawn: NO_SPAWN });
    const [missing] = await awsCliCheck.run(offPath);
    assert.equal(missing!.code, 'cli-missing');
    assert.equal(missing!.fix!.commands[0], "$env:Path = 'C:\\Program Files\\Amazon\\AWSCLIV2;' + $env:Path");
  });
});
