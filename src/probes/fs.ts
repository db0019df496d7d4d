import { constants, type Stats } from 'node:fs';
import { access, lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import type { FileAccess, FileStat, ReadResult } from '../engine/context.js';

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

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? '';
}

async function statOrNull(fn: () => Promise<Stats>): Promise<FileStat | null> {
  try {
    return toFileStat(await fn());
  } catch {
    return null;
  }
}

export const nodeFileAccess: FileAccess = {
  async readText(path, maxBytes): Promise<ReadResult> {
    let handle;
    try {
      // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below then refuses it.
      handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
      const code = errorCode(error);
      const message = error instanceof Error ? error.message : String(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', message };
      if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: 'denied', message };
      if (code === 'EISDIR') return { ok: false, reason: 'not-a-file', message };
      return { ok: false, reason: 'error', message };
    }
    try {
      const s = toFileStat(await handle.stat());
      if (s.kind !== 'file') return { ok: false, reason: 'not-a-file', message: `${path} is a ${s.kind}, not a regular file`, stat: s };
      if (s.size > maxBytes) {
        return { ok: false, reason: 'too-large', message: `${path} is ${s.size} bytes, more than the ${maxBytes} bytes expected`, stat: s };
      }
      // Read at most maxBytes + 1 even if the file grows after fstat.
      const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(s.size, 0) + 1));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      if (bytesRead > maxBytes) return { ok: false, reason: 'too-large', message: `${path} is larger than ${maxBytes} bytes`, stat: s };
      return { ok: true, text: buffer.subarray(0, bytesRead).toString('utf8'), size: bytesRead };
    } catch (error) {
      const code = errorCode(error);
      const message = error instanceof Error ? error.message : String(error);
      if (code === 'EISDIR') return { ok: false, reason: 'not-a-file', message };
      return { ok: false, reason: code === 'EACCES' ? 'denied' : 'error', message };
    } finally {
      await handle.close();
    }
  },
  stat: (path) => statOrNull(() => stat(path)),
  lstat: (path) => statOrNull(() => lstat(path)),
  async readdir(path) {
    try {
      return await readdir(path);
    } catch {
      return null;
    }
  },
  async realpath(path) {
    try {
      return await realpath(path);
    } catch {
      return null;
    }
  },
  async writable(path) {
    try {
      await access(path, constants.W_OK);
      return null;
    } catch (error) {
      return errorCode(error) ?? 'EIO';
    }
  },
};
