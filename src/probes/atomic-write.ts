import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { pathApi } from '../aws/paths.js';

/**
 * The one way login-doctor replaces a file: temp file in the same folder + fsync + rename + fsync of the folder, with
 * Windows' busy files retried. Used for token caches (refresh-test's cache guard), the config file (--fix) and the
 * probe cache. All calls go through a WriteIo, so the Windows behaviour is tested on any machine.
 */

/** The file system calls a write makes (node:fs/promises by default; tests inject Windows errors). */
export interface WriteFs {
  open: typeof open;
  rename: typeof rename;
  rm: typeof rm;
}

export interface WriteIo {
  /** Decides path syntax and the Windows rules: retries on busy files, no folder fsync. */
  platform: NodeJS.Platform;
  fs: WriteFs;
  pause(ms: number): Promise<void>;
}

export function nodeWriteIo(platform: NodeJS.Platform = process.platform): WriteIo {
  return { platform, fs: { open, rename, rm }, pause: (ms) => new Promise((r) => setTimeout(r, ms)) };
}

/** A write the file system refused (permissions, read-only or full disk, a busy file on Windows). */
export class WriteDenied extends Error {
  constructor(
    message: string,
    readonly errno: string,
  ) {
    super(message);
  }
}

export function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? '';
}

const WRITE_DENIED = new Set(['EACCES', 'EPERM', 'EBUSY', 'EROFS', 'ENOSPC', 'EDQUOT', 'EIO']);

/** A refused write as WriteDenied naming `what`; any other error as it is. */
export function asWriteError(error: unknown, what: string, platform: NodeJS.Platform): Error {
  if (WRITE_DENIED.has(errnoOf(error))) {
    const busy = isWindowsBusy(platform, error) ? ' (on Windows this also means another program has it open)' : '';
    return new WriteDenied(`Cannot write ${what}${busy}: ${(error as Error).message}`, errnoOf(error));
  }
  return error as Error;
}

/** Windows keeps an open file from being replaced or deleted until its reader closes it; a consumer reading the cache is brief. */
const WINDOWS_BUSY = new Set(['EPERM', 'EACCES', 'EBUSY']);
const BUSY_RETRIES = 10;
const BUSY_BACKOFF_MS = 50;

/** Whether a failed rename or delete is Windows saying "another process has this file open" and is worth retrying. */
export function isWindowsBusy(platform: NodeJS.Platform, error: unknown): boolean {
  return platform === 'win32' && WINDOWS_BUSY.has(errnoOf(error));
}

/**
 * Runs a rename or delete. On Windows these fail with EPERM/EACCES/EBUSY while another process has the file open
 * (Python opens files without FILE_SHARE_DELETE; virus scanners and indexers open new files): retry with a
 * growing pause (about 2.75 s in all), as graceful-fs does, instead of giving up or writing in place.
 */
export async function retryWhileBusy<T>(io: Pick<WriteIo, 'platform' | 'pause'>, op: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await op();
    } catch (error) {
      if (!isWindowsBusy(io.platform, error) || attempt >= BUSY_RETRIES) throw error;
      await io.pause(BUSY_BACKOFF_MS * (attempt + 1));
    }
  }
}

/** Deletes a file, retrying while Windows reports it busy; false when it is still there after that. */
export async function removeFile(path: string, io: WriteIo): Promise<boolean> {
  try {
    await retryWhileBusy(io, () => io.fs.rm(path, { force: true }));
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes a rename durable. Windows cannot open a folder as a file (EISDIR/EPERM/EACCES) and NTFS journals the rename
 * itself; some POSIX file systems refuse too. Never throws: the rename already happened, and reporting it as failed
 * would make the caller distrust a file it wrote.
 */
async function fsyncDir(dir: string, io: WriteIo): Promise<void> {
  if (io.platform === 'win32') return;
  const handle = await io.fs.open(dir, constants.O_RDONLY).catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close().catch(() => {});
}

/** The start of the temp files a write of `target` leaves if the process dies before the rename. */
export function tempPrefix(target: string, platform: NodeJS.Platform): string {
  return `.${pathApi(platform).basename(target)}.login-doctor-`;
}

/**
 * Writes `text` to `target` atomically with `mode` (0600 unless given; on Windows the mode only clears read-only,
 * the folder's ACL decides who may read it). `beforeRename` runs after the temp file is durable and may throw to
 * abandon the write (a compare-and-swap check); the temp file is then removed. A refused write throws WriteDenied.
 * `waitWhileBusy: false` gives up at once on a file Windows reports busy (for writes nobody waits for).
 */
export async function writeAtomic(
  target: string,
  text: string,
  io: WriteIo,
  o: { mode?: number; beforeRename?: () => Promise<void>; waitWhileBusy?: boolean } = {},
): Promise<void> {
  const mode = o.mode ?? 0o600;
  const path = pathApi(io.platform);
  const dir = path.dirname(target);
  const temp = path.join(dir, `${tempPrefix(target, io.platform)}${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let handle;
  try {
    handle = await io.fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  } catch (error) {
    throw asWriteError(error, `a temporary file in ${dir}`, io.platform);
  }
  try {
    try {
      // A chmod makes the mode independent of the umask. A file system without modes (FAT, some network mounts)
      // refuses it: a given mode then stays as open() could set it; the private default is never given up.
      await handle.chmod(mode).catch((error: unknown) => {
        if (o.mode === undefined) throw error;
      });
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await o.beforeRename?.();
    const replace = () => io.fs.rename(temp, target);
    await (o.waitWhileBusy === false ? replace() : retryWhileBusy(io, replace));
  } catch (error) {
    // A temp file that cannot be deleted now is removed by the cache guard's next recovery.
    await removeFile(temp, io);
    throw asWriteError(error, target, io.platform);
  }
  await fsyncDir(dir, io);
}
