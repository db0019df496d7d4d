import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { awsLogin, detectShell, prependPath, setEnv, shellQuote, unsetEnv } from '../../src/knowledge/shell.js';
import { parseWindowsArgv, readCmdLine, readPowerShellSingleQuoted } from '../support/windows-shells.js';

/** Names people (or attackers, through a shared config file) give profiles and folders. */
const HOSTILE = [
  'dev',
  "it's",
  'a b',
  '$(touch pwned)',
  '`id`',
  '"; rm -rf ~; "',
  'x & calc.exe',
  'a|b>c<d',
  '%PATH%',
  '!USERNAME!',
  '^caret^',
  'semi;colon',
  'C:\\Program Files\\x\\',
  'trailing\\',
  'quote\\"mid',
  'smart \u2019quote\u2018 \u201a\u201b',
  '$env:USERPROFILE',
  '@(1,2)',
  '-dash',
  'tab\there',
  'ünïcödé',
];
const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: fc.constantFrom(..."ab '\"$`\\%!^&|<>();,\u2019@#{}*?~=".split('')), maxLength: 12 }));
const samples = [...HOSTILE, ...fc.sample(hostile, { numRuns: 200, seed: 17 })];

describe('fix commands quoted for each shell, with hostile names', () => {
  it('POSIX: sh reads every quoted value back unchanged and runs nothing in it', { skip: process.platform === 'win32' ? 'needs a POSIX sh' : false }, () => {
    const script = samples.map((v) => `printf '%s\\0' ${shellQuote('darwin', v)}`).join('\n');
    const r = spawnSync('sh', ['-c', script], { encoding: 'utf8', cwd: '/' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\0').slice(0, -1), samples);
  });

  it('PowerShell: every value is one single-quoted string that reads back unchanged', () => {
    for (const v of samples) {
      const { value, rest } = readPowerShellSingleQuoted(shellQuote('win32', v));
      assert.equal(value, v);
      assert.equal(rest, '');
      const set = setEnv('win32', 'AWS_PROFILE', v);
      assert.ok(set.startsWith('$env:AWS_PROFILE = '));
      assert.deepEqual(readPowerShellSingleQuoted(set.slice('$env:AWS_PROFILE = '.length)), { value: v, rest: '' });
    }
    assert.equal(setEnv('win32', 'AWS_PROFILE', 'dev'), "$env:AWS_PROFILE = 'dev'");
    assert.equal(unsetEnv('win32', ['AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN']), 'Remove-Item Env:AWS_ACCESS_KEY_ID; Remove-Item Env:AWS_SESSION_TOKEN');
  });

  it('cmd.exe: carets leave nothing for cmd to act on, and the program receives the value as one argument', () => {
    for (const v of samples.filter((s) => !/[\t]/.test(s))) {
      const line = awsLogin('cmd', v);
      const argv = parseWindowsArgv(readCmdLine(line));
      assert.deepEqual(argv, v === 'default' ? ['aws', 'login'] : ['aws', 'login', '--profile', v], line);
      // `set NAME=value`: cmd takes the rest of the line, after caret removal, as the value.
      assert.equal(readCmdLine(setEnv('cmd', 'AWS_PROFILE', v)), `set AWS_PROFILE=${v}`);
    }
    assert.equal(awsLogin('cmd', 'dev'), 'aws login --profile dev');
    assert.equal(setEnv('cmd', 'AWS_PROFILE', 'a&b'), 'set AWS_PROFILE=a^&b');
    assert.equal(unsetEnv('cmd', ['AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN']), 'set AWS_ACCESS_KEY_ID= & set AWS_SESSION_TOKEN=');
    assert.equal(prependPath('cmd', 'C:\\Program Files\\Amazon\\AWSCLIV2'), 'set PATH=C:\\Program Files\\Amazon\\AWSCLIV2;%PATH%');
  });

  it('the Windows default is PowerShell; a platform name still works where a shell is expected', () => {
    assert.equal(awsLogin('win32', "it's"), "aws login --profile 'it''s'");
    assert.equal(awsLogin('powershell', 'dev'), "aws login --profile 'dev'");
    assert.equal(awsLogin('linux', 'a b'), "aws login --profile 'a b'");
    assert.equal(prependPath('win32', 'C:\\x'), "$env:Path = 'C:\\x;' + $env:Path");
  });
});

describe('detectShell', () => {
  const USER_MODULES = 'C:\\Users\\alice\\Documents\\WindowsPowerShell\\Modules;C:\\Program Files\\WindowsPowerShell\\Modules';
  const MACHINE_MODULES = 'C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules';
  it('tells PowerShell, cmd.exe and Git Bash apart from the environment', () => {
    assert.equal(detectShell('darwin', { PROMPT: '$P$G' }), 'posix');
    assert.equal(detectShell('win32', { PSModulePath: USER_MODULES, ComSpec: 'C:\\WINDOWS\\system32\\cmd.exe' }), 'powershell');
    assert.equal(detectShell('win32', { PSModulePath: 'C:\\Users\\a\\Documents\\PowerShell\\Modules;C:\\Program Files\\PowerShell\\7\\Modules' }), 'powershell');
    // PowerShell started from cmd.exe inherits PROMPT but still adds the user's modules folder.
    assert.equal(detectShell('win32', { PSModulePath: USER_MODULES, PROMPT: '$P$G' }), 'powershell');
    assert.equal(detectShell('win32', { PSModulePath: MACHINE_MODULES, PROMPT: '$P$G', ComSpec: 'C:\\WINDOWS\\system32\\cmd.exe' }), 'cmd');
    assert.equal(detectShell('win32', { PSModulePath: MACHINE_MODULES, MSYSTEM: 'MINGW64', PROMPT: '$P$G' }), 'posix');
    assert.equal(detectShell('win32', { SHELL: '/usr/bin/bash' }), 'posix');
    assert.equal(detectShell('win32', { PSModulePath: MACHINE_MODULES }), 'powershell');
  });
});
