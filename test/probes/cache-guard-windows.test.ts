// The cache guard under Windows rules, on any machine: platform 'win32' and a file system that answers like NTFS
// does when another program has a file open (EPERM/EBUSY/EACCES on rename and delete, EISDIR on opening a folder).
import assert from 'node:assert/strict';
import { constants } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { LOGIN_FORMAT } from '../../src/aws/refreshable-token.js';
import { CacheGuard, GuardError, guardPaths, LOCK_MAX_AGE_MS, lockIsStale, nodeGuardIo, type GuardFs, type GuardIo } from '../../src/probes/cache-guard.js';

const errno = (code: string, op = 'rename') => Object.assign(new Error(`${code}: operation not permitted, ${op}`), { code });

describe('pure Windows decisions', () => {
  it('guardPaths finds the folder of a backslash path with Windows rules', () => {
    const p = guardPaths('C:\\Users\\alice\\.aws\\login\\cache\\0f1e.json', 'win32');
    assert.equal(p.dir, 'C:\\Users\\alice\\.aws\\login\\cache');
    assert.equal(p.lock, 'C:\\Users\\alice\\.aws\\login\\cache\\0f1e.json.login-doctor-lock');
    assert.equal(p.backup, 'C:\\Users\\alice\\.aws\\login\\cache\\0f1e.json.login-doctor-backup');
    // The same text under POSIX rules has no folder part at all.
    assert.equal(guardPaths('C:\\Users\\alice\\0f1e.json', 'linux').dir, '.');
  });

  it('lockIsStale: a dead holder, or any holder older than a run (Windows reuses process ids soon)', () => {
    const holder = { pid: 4242, startedAt: '2026-01-05T07:00:00Z' };
    assert.equal(lockIsStale(holder, 1000, () => true), false);
    assert.equal(lockIsStale(holder, 1000, () => false), true);
    assert.equal(lockIsStale(holder, LOCK_MAX_AGE_MS + 1, () => true), true, 'pid reused by another program');
    assert.equal(lockIsStale(null, 30_000, () => true), false, 'an unreadable lock may be being written');
    assert.equal(lockIsStale(null, 61_000, () => true), true);
  });
});

const NOW = new Date('2026-01-05T07:00:00Z');
const TOKEN =
  '{"accessToken": {"accessKeyId": "ASIAEXAMPLE000000001", "secretAccessKey": "SECRET-guard-0001", "sessionToken": "SESSION-guard-0001", "accountId": "123456789012", "expiresAt": "2026-01-05T07:10:00Z"}, "tokenType": "aws_sigv4", "clientId": "arn:aws:signin:::devtools/same-device", "refreshToken": "REFRESH-guard-0001", "idToken": "x", "dpopKey": "-----BEGIN EC PRIVATE KEY-----\\nAAAA\\n-----END EC PRIVATE KEY-----\\n"}';
const events = { step: async () => {}, now: () => NOW, secret: () => {} };

/**
 * The real file system, answering like Windows: renames onto and deletes of the paths in `busy` fail with the
 * scripted errors (one per call, then they work; 'always' never lets go), and opening a folder gives EISDIR.
 */
function windowsIo(busy: Record<string, string[] | 'always'>, calls: string[] = [], ops: readonly string[] = ['rename', 'unlink']): GuardIo {
  const fail = (path: string, op: string) => {
    if (!ops.includes(op)) return;
    const plan = busy[path];
    if (plan === 'always') throw errno('EBUSY', op);
    const next = plan?.shift();
    if (next) throw errno(next, op);
  };
  const fs: GuardFs = {
    ...nodeFs,
    open: (async (path: string, flags: number, mode?: number) => {
      if (typeof path === 'string' && !path.endsWith('.tmp') && !path.includes('.json')) throw errno('EISDIR', 'open');
      if ((flags & constants.O_WRONLY) === 0) fail(path, 'open');
      return nodeFs.open(path, flags, mode);
    }) as GuardFs['open'],
    rename: async (from, to) => {
      calls.push(`rename ${String(to)}`);
      fail(String(to), 'rename');
      return nodeFs.rename(from, to);
    },
    rm: async (path, options) => {
      calls.push(`rm ${String(path)}`);
      fail(String(path), 'unlink');
      return nodeFs.rm(path, options);
    },
  };
  return { ...nodeGuardIo('win32'), fs, pause: async () => {} };
}

describe('CacheGuard on Windows (injected NTFS errors)', () => {
  let dir: string;
  let cache: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ld-guard-win-'));
    cache = join(dir, 'token.json');
    await writeFile(cache, TOKEN, { mode: 0o600 });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('a consumer holding the cache open for a moment: the replace is retried, then works; no folder fsync is tried', async () => {
    const calls: string[] = [];
    const guard = await CacheGuard.open(cache, LOGIN_FORMAT, events, windowsIo({ [cache]: ['EPERM', 'EBUSY'] }, calls));
    await guard.shorten(new Date('2026-01-05T06:59:00Z'));
    assert.match(await readFile(cache, 'utf8'), /"expiresAt": "2026-01-05T06:59:00Z"/);
    assert.equal(calls.filter((c) => c === `rename ${cache}`).length, 3);
    assert.equal(await guard.finish(), 'restored-original');
    assert.equal(await readFile(cache, 'utf8'), TOKEN);
    assert.deepEqual(guard.leftBehind, []);
    assert.deepEqual(await readdir(dir), ['token.json']);
  });

  it('a consumer that opened the cache without sharing: reading it is retried too', async () => {
    const guard = await CacheGuard.open(cache, LOGIN_FORMAT, events, windowsIo({ [cache]: ['EBUSY', 'EPERM'] }, [], ['open']));
    assert.equal(await guard.finish(), 'restored-original');
    assert.equal(await readFile(cache, 'utf8'), TOKEN);
  });

  it('a cache that stays open: refresh-test-cache-unwritable, the cache keeps its bytes, no temp file stays', async () => {
    const guard = await CacheGuard.open(cache, LOGIN_FORMAT, events, windowsIo({ [cache]: 'always' }));
    await assert.rejects(guard.shorten(new Date('2026-01-05T06:59:00Z')), (e: unknown) => e instanceof GuardError && e.problem === 'unwritable' && /another program has it open/.test(e.message));
    assert.equal(await readFile(cache, 'utf8'), TOKEN);
    assert.equal(await guard.finish(), 'restored-original');
    assert.equal(await readFile(cache, 'utf8'), TOKEN);
    assert.deepEqual(await readdir(dir), ['token.json']);
  });

  it('backup and lock that cannot be deleted: finish() still ends, says what it left, and the next run takes over', async () => {
    const paths = guardPaths(cache, 'win32');
    const io = windowsIo({ [paths.backup]: 'always', [paths.lock]: 'always' }, [], ['unlink']);
    const guard = await CacheGuard.open(cache, LOGIN_FORMAT, events, io);
    await guard.shorten(new Date('2026-01-05T06:59:00Z'));
    assert.equal(await guard.finish(), 'restored-original');
    assert.equal(await readFile(cache, 'utf8'), TOKEN);
    assert.deepEqual(guard.leftBehind, [paths.backup, paths.lock]);
    // The next run: our pid is "gone", the lock is taken over, the backup (same tokens) is put back and removed.
    const next = await CacheGuard.open(cache, LOGIN_FORMAT, events, { ...nodeGuardIo('win32'), isAlive: () => false });
    assert.equal(next.recovery.staleLock?.pid, process.pid);
    assert.equal(next.recovery.backup, 'restored');
    assert.equal(await next.finish(), 'restored-original');
    assert.deepEqual(await readdir(dir), ['token.json']);
    assert.equal(await readFile(cache, 'utf8'), TOKEN);
  });

  it('a stale lock that is briefly open elsewhere is still taken over; one that stays open reads as held', async () => {
    const paths = guardPaths(cache, 'win32');
    await writeFile(paths.lock, JSON.stringify({ pid: 999_999, startedAt: '2026-01-05T06:59:00Z' }));
    const aside = `${paths.lock}.stale-${process.pid}`;
    const guard = await CacheGuard.open(cache, LOGIN_FORMAT, events, { ...windowsIo({ [aside]: ['EACCES'] }), isAlive: () => false });
    assert.equal(guard.recovery.staleLock?.pid, 999_999);
    await guard.finish();
    await writeFile(paths.lock, JSON.stringify({ pid: 999_999, startedAt: '2026-01-05T06:59:00Z' }));
    await assert.rejects(
      CacheGuard.open(cache, LOGIN_FORMAT, events, { ...windowsIo({ [aside]: 'always' }), isAlive: () => false }),
      (e: unknown) => e instanceof GuardError && e.problem === 'locked',
    );
    assert.equal(await readFile(cache, 'utf8'), TOKEN);
  });

  it('POSIX: a folder that refuses fsync (EPERM on open) does not turn a finished write into a failure', async () => {
    const fs: GuardFs = {
      ...nodeFs,
      open: (async (path: string, flags: number, mode?: number) => {
        if (path === dir) throw errno('EPERM', 'open');
        return nodeFs.open(path, flags, mode);
      }) as GuardFs['open'],
    };
    const guard = await CacheGuard.open(cache, LOGIN_FORMAT, events, { ...nodeGuardIo('linux'), fs });
    await guard.shorten(new Date('2026-01-05T06:59:00Z'));
    assert.match(await readFile(cache, 'utf8'), /06:59:00Z/);
    assert.equal(await guard.finish(), 'restored-original');
    assert.equal(await readFile(cache, 'utf8'), TOKEN);
  });
});
