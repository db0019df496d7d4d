// runRefreshTest on Windows with a file system that answers like NTFS when another program holds a file open:
// the user gets a finding in words and a command for their shell, the cache keeps its bytes, no stack trace.
import assert from 'node:assert/strict';
import * as nodeFs from 'node:fs/promises';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import type { FileAccess, SpawnResult } from '../../src/engine/context.js';
import { nodeFileAccess } from '../../src/probes/fs.js';
import { nodeGuardIo, type GuardFs, type GuardIo } from '../../src/probes/cache-guard.js';
import { runRefreshTest } from '../../src/refresh/run.js';
import { fixtureContext } from '../support/context.js';
import { readCmdLine } from '../support/windows-shells.js';
import { makeLoginHome, type LoginHome } from '../support/login-home.js';

const CMD_ENV = { ComSpec: 'C:\\WINDOWS\\system32\\cmd.exe', PROMPT: '$P$G', PSModulePath: 'C:\\Program Files\\WindowsPowerShell\\Modules' };

/**
 * The doctor sees Windows paths (`\\tmp\\ld-login-home-…\\.aws\\login\\cache\\….json`, built with Windows rules
 * from the environment); this machine stores them at the same path with slashes.
 */
const onDisk = (p: unknown) => String(p).replace(/\\/g, '/');
const diskAccess: FileAccess = {
  readText: (p, max) => nodeFileAccess.readText(onDisk(p), max),
  stat: (p) => nodeFileAccess.stat(onDisk(p)),
  lstat: (p) => nodeFileAccess.lstat(onDisk(p)),
  readdir: (p) => nodeFileAccess.readdir(onDisk(p)),
  realpath: (p) => nodeFileAccess.realpath(onDisk(p)),
};

/** node:fs over Windows paths, where deletes (and, with `renames`, replacements) of `busy` paths fail with EBUSY for good. */
function windowsIo(busy: readonly string[] = [], renames = false): GuardIo {
  const isBusy = (p: unknown) => busy.includes(onDisk(p));
  const err = () => Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
  const fs: GuardFs = {
    open: ((p: string, flags: number, mode?: number) => nodeFs.open(onDisk(p), flags, mode)) as GuardFs['open'],
    rm: async (p, o) => (isBusy(p) ? Promise.reject(err()) : nodeFs.rm(onDisk(p), o)),
    rename: async (a, b) => (renames && isBusy(b) ? Promise.reject(err()) : nodeFs.rename(onDisk(a), onDisk(b))),
    link: (a, b) => nodeFs.link(onDisk(a), onDisk(b)),
    lstat: ((p: string) => nodeFs.lstat(onDisk(p))) as GuardFs['lstat'],
    readFile: ((p: string, o: BufferEncoding) => nodeFs.readFile(onDisk(p), o)) as GuardFs['readFile'],
    readdir: ((p: string) => nodeFs.readdir(onDisk(p))) as GuardFs['readdir'],
  };
  return { ...nodeGuardIo('win32'), fs, pause: async () => {} };
}

/** A "Python" that fails every run: the consumer is judged, nothing is sent anywhere. */
const spawn = async (): Promise<SpawnResult> => ({ exitCode: 1, signal: null, stdout: '', stderr: 'boom', timedOut: false, truncated: false, error: null, durationMs: 1 });

let h: LoginHome | null = null;
afterEach(async () => h?.cleanup());

async function run(io: GuardIo | ((cachePath: string) => GuardIo), plans: string[] = [], pythons = [process.execPath]) {
  h = await makeLoginHome({ expiresInS: 3600 });
  const original = await readFile(h.cachePath, 'utf8');
  const ctx = fixtureContext({
    home: h.home,
    platform: 'win32',
    spawn,
    fs: diskAccess,
    env: { ...CMD_ENV, USERPROFILE: h.home, AWS_CONFIG_FILE: join(h.home, '.aws', 'config'), AWS_LOGIN_CACHE_DIRECTORY: h.cacheDir },
    options: { profile: h.profile },
  });
  const r = await runRefreshTest(ctx, {
    via: ['python'],
    pythons,
    consumerTimeoutMs: 5000,
    yes: false,
    confirm: async (plan) => {
      plans.push(plan);
      return true;
    },
    signal: new AbortController().signal,
    guardIo: typeof io === 'function' ? io(h.cachePath) : io,
  });
  const findings = r.results[0]!.findings;
  for (const f of findings) assert.doesNotMatch(`${f.title}\n${f.detail}`, /\n\s+at /, 'no stack trace');
  return { findings, original, cachePath: h.cachePath };
}

describe('refresh-test under Windows file rules (in-process, injected EBUSY)', () => {
  it('backup and lock kept open by another program: a warn finding names them with a cmd.exe del command; the cache is back', async () => {
    const r = await run((cache) => windowsIo([`${cache}.login-doctor-backup`, `${cache}.login-doctor-lock`]));
    assert.equal(await readFile(r.cachePath, 'utf8'), r.original);
    assert.equal(r.findings.find((f) => f.evidence.kind === 'python')?.code, 'refresh-unknown', 'the consumer ran and was judged');
    const restored = r.findings.find((f) => f.code === 'refresh-test-cache-restored')!;
    assert.equal(restored.status, 'warn');
    assert.match(restored.title, /login-doctor-backup and login-doctor-lock could not be removed/);
    assert.match(restored.detail, /kept .* open/);
    assert.match(restored.detail, /access rights \(ACL\)/);
    const del = restored.fix!.commands[0]!;
    const win = (p: string) => p.replace(/\//g, '\\');
    assert.equal(readCmdLine(del), `del ${win(r.cachePath)}.login-doctor-backup ${win(r.cachePath)}.login-doctor-lock`);
    const name = r.cachePath.split('/').pop()!;
    assert.deepEqual((await readdir(h!.cacheDir)).sort(), [name, `${name}.login-doctor-backup`, `${name}.login-doctor-lock`]);
  });

  it('a cache file kept open for good: refresh-test-cache-unwritable in words, the cache keeps its bytes, nothing left behind', async () => {
    const r = await run((cache) => windowsIo([cache], true));
    assert.equal(await readFile(r.cachePath, 'utf8'), r.original);
    const f = r.findings.find((x) => x.code === 'refresh-test-cache-unwritable')!;
    assert.equal(f.status, 'fail');
    assert.match(f.title, /another program has it open/);
    assert.match(f.fix!.text, /on Windows also a program that keeps the file open/);
    assert.ok(!r.findings.some((x) => x.code === 'check-crashed'), JSON.stringify(r.findings.map((x) => x.code)));
    assert.deepEqual(await readdir(h!.cacheDir), [r.cachePath.split('/').pop()]);
  });

  it('without Windows errors: a clean pass that speaks of the ACL, not of mode 0600', async () => {
    const plans: string[] = [];
    const r = await run(windowsIo(), plans);
    assert.match(plans[0]!, /lock and back up \\tmp\\.*\.json \(with the folder's access rights \(ACL\), beside it\)/);
    assert.doesNotMatch(plans[0]!, /0600/);
    const restored = r.findings.find((f) => f.code === 'refresh-test-cache-restored')!;
    assert.equal(restored.status, 'pass');
    assert.equal(restored.title, 'The token cache is complete, and backup and lock are removed');
    assert.equal(await readFile(r.cachePath, 'utf8'), r.original);
  });

  it('a --python that is not there: the fix names the Windows venv interpreter, and the cache is never locked', async () => {
    const r = await run(windowsIo(), [], ['no-such-python.exe']);
    const f = r.findings.find((x) => x.code === 'refresh-test-consumer-unavailable')!;
    assert.equal(f.status, 'fail');
    assert.match(f.fix!.text, /\.venv\\Scripts\\python\.exe/);
    assert.deepEqual(await readdir(h!.cacheDir), [r.cachePath.split('/').pop()]);
  });
});
