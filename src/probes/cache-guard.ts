import { constants } from 'node:fs';
import { link, lstat, readdir, readFile } from 'node:fs/promises';
import { parseJsonObject } from '../aws/json-text.js';
import { rewriteExpiry } from '../aws/login-cache-expiry.js';
import type { TokenFormat, TokenRead, TokenState } from '../aws/refreshable-token.js';
import { pathApi } from '../aws/paths.js';
import { asWriteError, errnoOf, nodeWriteIo, removeFile, retryWhileBusy, tempPrefix, WriteDenied, writeAtomic, type WriteFs, type WriteIo } from './atomic-write.js';

/**
 * Safe edits of a token cache (login or SSO) for `refresh-test`. The invariant: at every instant the cache path holds a
 * complete JSON file that is the original, a shortened copy of the newest tokens (still refreshable), or a
 * consumer's refreshed file; a refresh token that was already used is never written back.
 * Every write is src/probes/atomic-write.ts's (temp file + fsync + rename + fsync of the folder, mode 0600).
 * All file system calls go through a GuardIo, so the Windows behaviour (open files that cannot be replaced or
 * deleted, folders that cannot be fsynced, backslash paths) is tested on any machine.
 */

export type GuardProblem = 'unsafe-path' | 'locked' | 'unwritable' | 'changed' | 'unhealthy';

export class GuardError extends Error {
  constructor(
    readonly problem: GuardProblem,
    message: string,
    readonly evidence: Record<string, string | number | null> = {},
  ) {
    super(message);
  }
}

export interface LockInfo {
  pid: number;
  startedAt: string;
}

/** No refresh test takes this long; an older lock whose pid now belongs to another program is stale. */
export const LOCK_MAX_AGE_MS = 15 * 60 * 1000;
const CACHE_MAX_BYTES = 1024 * 1024;

export interface GuardPaths {
  cache: string;
  dir: string;
  lock: string;
  backup: string;
}

/** The file system calls the guard makes (node:fs/promises by default; tests inject Windows errors). */
export interface GuardFs extends WriteFs {
  link: typeof link;
  lstat: typeof lstat;
  readFile: typeof readFile;
  readdir: typeof readdir;
}

export interface GuardIo extends WriteIo {
  fs: GuardFs;
  /** Whether a process with this id exists (a lock holder). */
  isAlive(pid: number): boolean;
}

/**
 * process.kill(pid, 0) checks existence on POSIX and Windows alike (Node opens the process on Windows): ESRCH means
 * gone, EPERM means it exists but belongs to someone else. Windows reuses ids soon, so a dead run's id may be alive
 * again: LOCK_MAX_AGE_MS bounds how long that can block.
 */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === 'EPERM';
  }
}

export function nodeGuardIo(platform: NodeJS.Platform = process.platform): GuardIo {
  const write = nodeWriteIo(platform);
  return { ...write, fs: { ...write.fs, link, lstat, readFile, readdir }, isAlive: processExists };
}

/** The lock and backup sit beside the cache; on Windows the folder is found with backslash path rules. */
export function guardPaths(cache: string, platform: NodeJS.Platform = process.platform): GuardPaths {
  return { cache, dir: pathApi(platform).dirname(cache), lock: `${cache}.login-doctor-lock`, backup: `${cache}.login-doctor-backup` };
}

/** A refused write is the guard's 'unwritable' problem. */
function asGuardError(error: unknown): unknown {
  return error instanceof WriteDenied ? new GuardError('unwritable', error.message, { errno: error.errno }) : error;
}

function write(target: string, text: string, io: GuardIo, o?: { beforeRename?: () => Promise<void> }): Promise<void> {
  return writeAtomic(target, text, io, o).catch((error: unknown) => {
    throw asGuardError(error);
  });
}

export interface CacheSnapshot {
  text: string;
  mode: number;
  token: TokenRead;
}

async function snapshot(path: string, format: TokenFormat, io: GuardIo): Promise<CacheSnapshot | null> {
  try {
    // O_NOFOLLOW does not exist on Windows (undefined there, so no flag); open() then follows, which lstat in open() has ruled out.
    // A writer that opened the file without sharing makes Windows refuse reads for a moment too.
    const handle = await retryWhileBusy(io, () => io.fs.open(path, constants.O_RDONLY | constants.O_NOFOLLOW | (constants.O_NONBLOCK ?? 0)));
    try {
      const stat = await handle.stat();
      if (!stat.isFile() || stat.size > CACHE_MAX_BYTES) return { text: '', mode: stat.mode & 0o7777, token: { ok: false, problems: ['not a regular file of sensible size'], secrets: [] } };
      const text = await handle.readFile('utf8');
      return { text, mode: stat.mode & 0o7777, token: format.read(text) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Whether a lock left by another refresh-test may be taken over: its process is gone, or it is older than any run
 * (on Windows a dead run's id is soon reused). A lock we cannot read may be one being written this instant: only
 * its age makes it stale.
 */
export function lockIsStale(holder: LockInfo | null, ageMs: number, alive: (pid: number) => boolean): boolean {
  return holder ? !alive(holder.pid) || ageMs > LOCK_MAX_AGE_MS : ageMs > 60_000;
}

/** The lock's owner, or null when the file is not a lock we wrote (then it is treated as held by an unknown owner). */
function parseLock(text: string): LockInfo | null {
  const v = parseJsonObject(text);
  const pid = v?.pid;
  const startedAt = v?.startedAt;
  return typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0 && typeof startedAt === 'string' ? { pid, startedAt } : null;
}

export type Outcome =
  | 'restored-original'
  | 'restored-expiry-of-newest-tokens'
  | 'kept-refreshed'
  | 'left-changed-by-another-process'
  | 'deleted-backup-kept';

export interface GuardEvents {
  /** Called at each step boundary (test hook; see test-pause.ts). */
  step(name: string): Promise<void>;
  now(): Date;
  /** Every secret read from a cache file is handed here before anything else happens with it. */
  secret(value: string): void;
}

/** What the guard found and cleaned up from an earlier run that died (SIGKILL, power loss). */
export interface Recovery {
  staleLock: LockInfo | null;
  removedTemps: number;
  /** The earlier run's backup: put back (only the expiry differed) or dropped (tokens had rotated since). */
  backup: 'restored' | 'dropped' | null;
}

export class CacheGuard {
  private expected: string;
  private lastWritten: string | null = null;
  /** The real expiry text of the newest token set (original, or from the last refresh). */
  private realExpiry: Date;
  private refreshed = false;
  private finished = false;
  /** Files finish() could not delete (Windows: another program held them open): backup or lock. */
  readonly leftBehind: string[] = [];

  private constructor(
    readonly paths: GuardPaths,
    private readonly original: CacheSnapshot & { token: { ok: true; token: TokenState } },
    private readonly format: TokenFormat,
    private readonly events: GuardEvents,
    readonly recovery: Recovery,
    private readonly io: GuardIo,
  ) {
    this.expected = original.text;
    this.realExpiry = original.token.token.expiresAt;
  }

  /** Refuses symlinks, takes the lock, cleans up after a dead run, checks the cache and writes the backup. */
  static async open(cachePath: string, format: TokenFormat, events: GuardEvents, io: GuardIo = nodeGuardIo()): Promise<CacheGuard> {
    const paths = guardPaths(cachePath, io.platform);
    const dirStat = await io.fs.lstat(paths.dir).catch(() => null);
    if (dirStat?.isSymbolicLink()) {
      throw new GuardError('unsafe-path', `The cache folder ${paths.dir} is a symbolic link`, { path: paths.dir });
    }
    const fileStat = await io.fs.lstat(paths.cache).catch(() => null);
    if (fileStat?.isSymbolicLink()) {
      throw new GuardError('unsafe-path', `The cache file ${paths.cache} is a symbolic link`, { path: paths.cache });
    }
    const staleLock = await acquireLock(paths, events.now(), io);
    let guard: CacheGuard | null = null;
    try {
      const recovery = await recover(paths, format, staleLock, events, io);
      await events.step('locked');
      const original = await snapshot(paths.cache, format, io);
      if (!original) throw new GuardError('unhealthy', `The cache file ${paths.cache} does not exist`);
      for (const s of original.token.secrets) events.secret(s);
      if (!original.token.ok) {
        throw new GuardError('unhealthy', `The cache file ${paths.cache} is not a usable token: ${original.token.problems.join('; ')}`);
      }
      guard = new CacheGuard(paths, original as CacheGuard['original'], format, events, recovery, io);
      await write(paths.backup, original.text, io);
      await events.step('backed-up');
      return guard;
    } catch (error) {
      if (guard) await guard.finish().catch(() => {});
      else await releaseLock(paths, io);
      throw error;
    }
  }

  private async current(): Promise<CacheSnapshot> {
    const now = await snapshot(this.paths.cache, this.format, this.io);
    if (!now) throw new GuardError('changed', `The cache file ${this.paths.cache} was deleted by another program during the test`);
    for (const s of now.token.secrets) this.events.secret(s);
    return now;
  }

  /** Compare-and-swap: write only if the file still holds exactly what we last saw. */
  private async swap(next: string): Promise<void> {
    const mustStillBe = this.expected;
    const check = async () => {
      const now = await this.current();
      if (now.text !== mustStillBe) {
        throw new GuardError('changed', `The cache file ${this.paths.cache} was replaced by another program during the test; login-doctor left it as it is`);
      }
    };
    await check();
    await write(this.paths.cache, next, this.io, { beforeRename: check });
    this.expected = next;
  }

  /** Sets the newest tokens' expiry to `expiry` so the next consumer has to refresh. */
  async shorten(expiry: Date): Promise<void> {
    const now = await this.current();
    if (now.text !== this.expected) {
      throw new GuardError('changed', `The cache file ${this.paths.cache} was replaced by another program during the test; login-doctor left it as it is`);
    }
    const rewritten = rewriteExpiry(now.text, this.format.expiryPath, expiry);
    if (!rewritten.ok) throw new GuardError('unhealthy', `Cannot rewrite the expiry in ${this.paths.cache}: ${rewritten.reason}`);
    await this.swap(rewritten.text);
    this.lastWritten = rewritten.text;
  }

  /**
   * Reads the cache after a consumer ran. A consumer's write is accepted as the new expected state; whether it
   * was a real refresh (new key, new refresh token, later expiry) is for the caller to judge from the result.
   */
  async observe(): Promise<{ before: TokenState; after: CacheSnapshot; changed: boolean }> {
    const before = this.format.read(this.lastWritten ?? this.original.text);
    const after = await this.current();
    const changed = after.text !== this.expected;
    if (changed) {
      this.expected = after.text;
      // Either token changing means a refresh reached the server: the older refresh token may be dead now.
      const a = after.token.ok ? after.token.token : null;
      const b = before.ok ? before.token : null;
      if (a && b && (a.refreshToken !== b.refreshToken || a.credentialId !== b.credentialId)) {
        this.refreshed = true;
        this.realExpiry = a.expiresAt;
      }
    }
    return { before: (before as { ok: true; token: TokenState }).token, after, changed };
  }

  /**
   * Puts the cache in its final state and removes backup and lock. Nothing was refreshed: the original bytes
   * come back. A refresh happened: the newest tokens stay; if the file still holds our shortened copy of them,
   * their real expiry comes back. A file changed by someone else is left alone.
   */
  async finish(): Promise<Outcome> {
    if (this.finished) throw new Error('finish() called twice');
    this.finished = true;
    try {
      const now = await snapshot(this.paths.cache, this.format, this.io);
      let outcome: Outcome;
      if (now && now.text === this.expected && this.expected === this.lastWritten) {
        await this.events.step('restoring');
        if (!this.refreshed) {
          await this.swap(this.original.text);
          outcome = 'restored-original';
        } else {
          const back = rewriteExpiry(now.text, this.format.expiryPath, this.realExpiry);
          if (!back.ok) throw new GuardError('unhealthy', `Cannot rewrite the expiry in ${this.paths.cache}: ${back.reason}`);
          await this.swap(back.text);
          outcome = 'restored-expiry-of-newest-tokens';
        }
      } else if (now && now.text === this.expected) {
        outcome = this.refreshed ? 'kept-refreshed' : 'restored-original';
      } else if (!now && !this.refreshed) {
        // Deleted under us before any refresh: the backup is the only copy of a still-valid session.
        await this.events.step('restored');
        return 'deleted-backup-kept';
      } else {
        outcome = 'left-changed-by-another-process';
      }
      await this.events.step('restored');
      // A backup left behind is harmless: the next run's recovery sees that it is outdated and drops it.
      if (!(await removeFile(this.paths.backup, this.io))) this.leftBehind.push(this.paths.backup);
      return outcome;
    } finally {
      if (!(await releaseLock(this.paths, this.io))) this.leftBehind.push(this.paths.lock);
    }
  }
}

async function acquireLock(paths: GuardPaths, now: Date, io: GuardIo): Promise<LockInfo | null> {
  const fs = io.fs;
  const mine = JSON.stringify({ pid: process.pid, startedAt: now.toISOString() } satisfies LockInfo);
  let stale: LockInfo | null = null;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      // O_EXCL creation is atomic on Windows too (CREATE_NEW).
      const handle = await fs.open(paths.lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      try {
        await handle.writeFile(mine, 'utf8');
        await handle.sync();
      } catch (error) {
        // A full disk can let the file be created but not written: an empty lock must not stay behind.
        await handle.close();
        await removeFile(paths.lock, io);
        throw error;
      }
      await handle.close();
      return stale;
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') throw asGuardError(asWriteError(error, `the lock file ${paths.lock}`, io.platform));
    }
    const text = await fs.readFile(paths.lock, 'utf8').catch(() => '');
    const holder = parseLock(text);
    const lockStat = await fs.lstat(paths.lock).catch(() => null);
    const age = holder ? now.getTime() - Date.parse(holder.startedAt) : now.getTime() - (lockStat?.mtimeMs ?? now.getTime());
    if (!lockIsStale(holder, age, io.isAlive) || attempt > 0) {
      throw new GuardError('locked', `Another login-doctor refresh-test (pid ${holder?.pid ?? 'unknown'}) holds ${paths.lock}`, {
        pid: holder?.pid ?? null,
        startedAt: holder?.startedAt ?? null,
      });
    }
    // Move the stale lock aside atomically, then make sure it is the one we judged (not a fresh one).
    const aside = `${paths.lock}.stale-${process.pid}`;
    // On Windows a rename of a file another program has open fails: retried; if it still fails, the second attempt reports the lock as held.
    await retryWhileBusy(io, () => fs.rename(paths.lock, aside)).catch(() => {});
    const moved = await fs.readFile(aside, 'utf8').catch(() => null);
    if (moved !== null && moved !== text) {
      await fs.link(aside, paths.lock).catch(() => {});
      await removeFile(aside, io);
      throw new GuardError('locked', `Another login-doctor refresh-test just took ${paths.lock}`);
    }
    await removeFile(aside, io);
    stale = holder ?? { pid: 0, startedAt: new Date(lockStat?.mtimeMs ?? 0).toISOString() };
  }
  throw new GuardError('locked', `Could not take ${paths.lock}`);
}

/** Removes our own lock; false when it is still there (a lock whose process is gone is taken over by the next run). */
async function releaseLock(paths: GuardPaths, io: GuardIo): Promise<boolean> {
  const text = await io.fs.readFile(paths.lock, 'utf8').catch(() => null);
  if (text === null || parseLock(text)?.pid !== process.pid) return true;
  return removeFile(paths.lock, io);
}

/** Cleans up what a run killed mid-way left behind; we hold the lock, so that run is dead. */
async function recover(paths: GuardPaths, format: TokenFormat, staleLock: LockInfo | null, events: GuardEvents, io: GuardIo): Promise<Recovery> {
  const recovery: Recovery = { staleLock, removedTemps: 0, backup: null };
  const prefixes = [tempPrefix(paths.cache, io.platform), tempPrefix(paths.backup, io.platform)];
  for (const name of (await io.fs.readdir(paths.dir).catch(() => [])) as string[]) {
    if (prefixes.some((p) => name.startsWith(p)) && name.endsWith('.tmp')) {
      if (await removeFile(pathApi(io.platform).join(paths.dir, name), io)) recovery.removedTemps += 1;
    }
  }
  const backup = await snapshot(paths.backup, format, io);
  if (!backup) return recovery;
  for (const s of backup.token.secrets) events.secret(s);
  const cache = await snapshot(paths.cache, format, io);
  if (cache) for (const s of cache.token.secrets) events.secret(s);
  const onlyExpiryDiffers =
    backup.token.ok &&
    cache?.token.ok &&
    cache.token.token.refreshToken === backup.token.token.refreshToken &&
    (() => {
      const aligned = rewriteExpiry(cache.text, format.expiryPath, backup.token.token.expiresAt);
      return aligned.ok && JSON.stringify(JSON.parse(aligned.text)) === JSON.stringify(JSON.parse(backup.text));
    })();
  if (onlyExpiryDiffers) {
    // The dead run had shortened the expiry and nobody refreshed since: its backup is still the newest state.
    await write(paths.cache, backup.text, io);
    recovery.backup = 'restored';
  } else if (cache?.token.ok) {
    // The tokens rotated after the backup was taken: its refresh token is used and must never come back.
    recovery.backup = 'dropped';
  } else {
    throw new GuardError('unhealthy', `The cache file ${paths.cache} is missing or damaged and a backup from an interrupted run exists at ${paths.backup}`);
  }
  // Left for the next run if Windows will not let go of it now: it is judged again then, never trusted blindly.
  await removeFile(paths.backup, io);
  return recovery;
}
