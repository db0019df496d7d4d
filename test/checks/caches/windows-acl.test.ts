import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ownershipReport, parseIcacls, windowsAclReport } from '../../../src/checks/caches/file-safety.js';
import type { SpawnResult, Spawner } from '../../../src/engine/context.js';
import { fixtureContext } from '../../support/context.js';
import { readPowerShellSingleQuoted } from '../../support/windows-shells.js';

const FILE = 'D:\\shared\\aws\\login\\cache\\0f1e.json';
const ok = (stdout: string): SpawnResult => ({ exitCode: 0, signal: null, stdout, stderr: '', timedOut: false, truncated: false, error: null, durationMs: 3 });
/** Shaped like real icacls output for a file under a folder shared with the Users group. */
const SHARED = `${FILE} BUILTIN\\Users:(I)(RX)\r\n${' '.repeat(FILE.length)} NT AUTHORITY\\SYSTEM:(I)(F)\r\n${' '.repeat(FILE.length)} BUILTIN\\Administrators:(I)(F)\r\n${' '.repeat(FILE.length)} DESKTOP-7\\alice:(I)(F)\r\n\r\nSuccessfully processed 1 files; Failed processing 0 files\r\n`;
const PRIVATE = `${FILE} NT AUTHORITY\\SYSTEM:(I)(F)\r\n${' '.repeat(FILE.length)} BUILTIN\\Administrators:(I)(F)\r\n${' '.repeat(FILE.length)} DESKTOP-7\\alice:(I)(F)\r\n${' '.repeat(FILE.length)} Everyone:(DENY)(R)\r\n\r\nSuccessfully processed 1 files; Failed processing 0 files\r\n`;

function ctxWith(stdout: string, env: Record<string, string | undefined> = {}) {
  const calls: string[][] = [];
  const spawn: Spawner = async (command, args) => {
    calls.push([command, ...args]);
    return ok(stdout);
  };
  const ctx = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', uid: null, env: { HOME: undefined, SystemRoot: 'C:\\WINDOWS', ...env }, spawn });
  return { ctx, calls };
}

describe('login cache permissions on Windows: the ACL, with icacls', () => {
  it('a Users group that may read the token is reported with an icacls fix in PowerShell, no chmod', async () => {
    const { ctx, calls } = ctxWith(SHARED);
    assert.equal(ownershipReport(ctx, { path: FILE, stat: null }, { path: 'D:\\shared', stat: null }), null, 'POSIX modes mean nothing here');
    const report = await windowsAclReport(ctx, FILE);
    assert.deepEqual(calls, [['C:\\WINDOWS\\System32\\icacls.exe', FILE]]);
    assert.deepEqual(report!.problems, ['BUILTIN\\Users may read it ((I)(RX))']);
    const [command] = report!.commands;
    assert.ok(!/chmod/.test(command!));
    assert.ok(command!.startsWith('icacls '));
    const quoted = readPowerShellSingleQuoted(command!.slice('icacls '.length));
    assert.equal(quoted.value, FILE);
    assert.equal(quoted.rest, ' /inheritance:r /grant:r "$($env:USERNAME):(F)" /remove:g *S-1-1-0 *S-1-5-32-545 *S-1-5-11');
  });

  it('cmd.exe and Git Bash get their own forms', async () => {
    const cmd = await windowsAclReport(ctxWith(SHARED, { PROMPT: '$P$G' }).ctx, FILE);
    assert.equal(cmd!.commands[0], `icacls ${FILE} /inheritance:r /grant:r "%USERNAME%:(F)" /remove:g *S-1-1-0 *S-1-5-32-545 *S-1-5-11`);
    const bash = await windowsAclReport(ctxWith(SHARED, { MSYSTEM: 'MINGW64' }).ctx, FILE);
    assert.match(bash!.commands[0]!, /^MSYS_NO_PATHCONV=1 MSYS2_ARG_CONV_EXCL='\*' icacls 'D:\\shared/);
  });

  it('an ACL private to the user, SYSTEM and Administrators (or denying Everyone) is fine', async () => {
    assert.equal(await windowsAclReport(ctxWith(PRIVATE).ctx, FILE), null);
    assert.deepEqual(parseIcacls(PRIVATE, FILE).map((e) => e.principal), ['NT AUTHORITY\\SYSTEM', 'BUILTIN\\Administrators', 'DESKTOP-7\\alice', 'Everyone']);
  });

  it('is never run off Windows', async () => {
    const calls: string[] = [];
    const ctx = fixtureContext({ home: '/Users/alice', platform: 'darwin', spawn: async (c) => (calls.push(c), ok('')) });
    assert.equal(await windowsAclReport(ctx, '/Users/alice/.aws/login/cache/x.json'), null);
    assert.deepEqual(calls, []);
  });
});
