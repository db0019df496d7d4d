import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { batchArgumentProblem } from '../../src/probes/spawn.js';
import { parseWindowsArgv, readCmdLine } from '../support/windows-shells.js';

/** cross-spawn's own command-line builder, loaded in a child Node that reports platform win32. */
function crossSpawnOnWindows(file: string, args: string[]): { command: string; args: string[]; options: { windowsVerbatimArguments?: boolean } } {
  const script = `Object.defineProperty(process, 'platform', { value: 'win32' });
const parse = require('cross-spawn/lib/parse.js');
const [file, args] = JSON.parse(process.argv[1]);
process.stdout.write(JSON.stringify(parse(file, args, { env: { PATH: '', PATHEXT: '.COM;.EXE;.BAT;.CMD' } })));`;
  const r = spawnSync(process.execPath, ['-e', script, JSON.stringify([file, args])], { encoding: 'utf8', env: { PATH: '' }, cwd: process.cwd() });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('spawning on Windows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-win-spawn-'));
  writeFileSync(join(dir, 'aws.cmd'), '@echo off\r\npython.exe -m awscli %*\r\n');
  writeFileSync(join(dir, 'aws.exe'), 'MZ');

  it('a .cmd runs through cmd.exe with every argument escaped, never with shell: true', () => {
    const args = ['--version', 'a&b', 'it\'s "q"', '%PATH%'];
    const parsed = crossSpawnOnWindows(join(dir, 'aws.cmd'), args);
    assert.match(parsed.command, /cmd\.exe$/i);
    assert.deepEqual(parsed.args.slice(0, 3), ['/d', '/s', '/c']);
    assert.equal(parsed.options.windowsVerbatimArguments, true);
    // cmd /s /c "<line>": the outer quotes go, cmd.exe reads the line, the program parses its arguments.
    const line = parsed.args[3]!.slice(1, -1);
    assert.deepEqual(parseWindowsArgv(readCmdLine(line)), [join(dir, 'aws.cmd'), ...args]);
  });

  it('an .exe starts directly, arguments untouched', () => {
    const parsed = crossSpawnOnWindows(join(dir, 'aws.exe'), ['a&b']);
    assert.equal(parsed.command, join(dir, 'aws.exe'));
    assert.deepEqual(parsed.args, ['a&b']);
  });

  it('text a batch file would re-read is refused for .cmd/.bat, allowed for .exe and on POSIX', () => {
    assert.match(batchArgumentProblem('win32', 'C:\\Python\\Scripts\\aws.cmd', ['sts', 'get-caller-identity', '--profile', 'a&calc']) ?? '', /not safe to pass to the batch file/);
    assert.match(batchArgumentProblem('win32', 'C:\\x\\AWS.BAT', ['%USERPROFILE%']) ?? '', /not safe/);
    assert.equal(batchArgumentProblem('win32', 'C:\\Python\\Scripts\\aws.cmd', ['--version']), null);
    assert.equal(batchArgumentProblem('win32', 'C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe', ['--profile', 'a&calc']), null);
    assert.equal(batchArgumentProblem('linux', '/usr/bin/aws.cmd', ['a&b']), null);
  });
});
