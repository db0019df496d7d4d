import { accessSync, closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import type { FileAccess, FileStat, ReadResult } from '../engine/context.js';
import { errnoOf } from './atomic-write.js';

export function toFileStat(s: Stats): FileStat {
  const kind = s.isFile()
    ? 'file'
    : s.isDirectory()
      ? 'directory'
      : s.isSymbolicLink()
        ? 'symlink'
        : s.isFIFO()
          ? 'fifo'
          : s.isSocket()
            ? 'socket'
            : s.isCharacterDevice() || s.isBlockDevice()
              ? 'device'
              : 'other';
  return { kind, size: s.size, mode: s.mode & 0o7777, uid: s.uid, gid: s.gid, mtimeMs: s.mtimeMs, birthtimeMs: s.birthtimeMs };
}


async function statOrNull(fn: () => Stats): Promise<FileStat | null> {
  try {
    return toFileStat(fn());
  } catch {
    return null;
  }
}

/**
 * Synchronous calls behind the async interface: the files are small and local, and each asynchronous call is a
 * round trip through libuv's four-thread pool, which on a HOME with many profiles and environments left the run
 * waiting on the queue rather than the disk. A FIFO still cannot block: it is opened O_NONBLOCK and refused.
 */
export const nodeFileAccess: FileAccess = {
  async readText(path, maxBytes): Promise<ReadResult> {
    let fd: number;
    try {
      // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below then refuses it.
      fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
      const code = errnoOf(error);
      const message = error instanceof Error ? error.message : String(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', message };
      if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: 'denied', message };
      if (code === 'EISDIR') return { ok: false, reason: 'not-a-file', message };
      return { ok: false, reason: 'error', message };
    }
    try {
      const s = toFileStat(fstatSync(fd));
      if (s.kind !== 'file') return { ok: false, reason: 'not-a-file', message: `${path} is a ${s.kind}, not a regular file`, stat: s };
      if (s.size > maxBytes) {
        return { ok: false, reason: 'too-large', message: `${path} is ${s.size} bytes, more than the ${maxBytes} bytes expected`, stat: s };
      }
      // Read at most maxBytes + 1 even if the file grows after fstat.
      const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(s.size, 0) + 1));
      const bytesRead = readSync(fd, buffer, 0, buffer.length, 0);
      if (bytesRead > maxBytes) return { ok: false, reason: 'too-large', message: `${path} is larger than ${maxBytes} bytes`, stat: s };
      return { ok: true, text: buffer.subarray(0, bytesRead).toString('utf8'), size: bytesRead };
    } catch (error) {
      const code = errnoOf(error);
      const message = error instanceof Error ? error.message : String(error);
      if (code === 'EISDIR') return { ok: false, reason: 'not-a-file', message };
      return { ok: false, reason: code === 'EACCES' ? 'denied' : 'error', message };
    } finally {
      closeSync(fd);
    }
  },
  stat: (path) => statOrNull(() => statSync(path)),
  lstat: (path) => statOrNull(() => lstatSync(path)),
  async readdir(path) {
    try {
      return readdirSync(path);
    } catch {
      return null;
    }
  },
  async realpath(path) {
    try {
      // The native call, as fs.promises.realpath makes it (the JS realpathSync resolves some paths differently).
      return realpathSync.native(path);
    } catch {
      return null;
    }
  },
  async writable(path) {
    try {
      accessSync(path, constants.W_OK);
      return null;
    } catch (error) {
      return errnoOf(error) || 'EIO';
    }
  },
};
