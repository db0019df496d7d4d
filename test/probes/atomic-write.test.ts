// The one atomic writer (token caches, the config under --fix, the probe cache), and its Windows retries.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { nodeWriteIo, retryWhileBusy, WriteDenied, writeAtomic, type WriteFs } from '../../src/probes/atomic-write.js';

const errno = (code: string, op = 'rename') => Object.assign(new Error(`${code}: operation not permitted, ${op}`), { code });

/** An operation that fails with the given codes first, then succeeds; pauses are recorded, never slept. */
function scripted(failures: string[]) {
  const pauses: number[] = [];
  let calls = 0;
  return {
    pauses,
    calls: () => calls,
    io: { platform: 'win32' as NodeJS.Platform, pause: async (ms: number) => void pauses.push(ms) },
    op: async () => {
      calls += 1;
      const next = failures.shift();
      if (next) throw errno(next);
    },
  };
}

describe('retryWhileBusy: renames and deletes of a file another program has open', () => {
  it('retries EPERM, EACCES and EBUSY on Windows with growing pauses until the other program lets go', async () => {
    const s = scripted(['EPERM', 'EBUSY', 'EACCES']);
    await retryWhileBusy(s.io, s.op);
    assert.equal(s.calls(), 4);
    assert.deepEqual(s.pauses, [50, 100, 150]);
  });

  it('gives up after about 2.75 s of pauses and reports the error', async () => {
    const s = scripted(Array(20).fill('EPERM'));
    await assert.rejects(retryWhileBusy(s.io, s.op), /EPERM/);
    assert.equal(s.calls(), 11);
    assert.equal(s.pauses.reduce((a, b) => a + b, 0), 2750);
  });

  it('does not retry other errors, nor on POSIX where rename and unlink work on open files', async () => {
    const missing = scripted(['ENOENT']);
    await assert.rejects(retryWhileBusy(missing.io, missing.op), /ENOENT/);
    assert.equal(missing.calls(), 1);
    const posix = scripted(['EPERM']);
    await assert.rejects(retryWhileBusy({ ...posix.io, platform: 'darwin' }, posix.op), /EPERM/);
    assert.deepEqual(posix.pauses, []);
  });
});

describe('writeAtomic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-atomic-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the file with 0600 by default or the mode given, whatever the umask, and leaves no temp file', async () => {
    const file = join(dir, 'a.json');
    writeFileSync(file, 'old');
    await writeAtomic(file, 'new', nodeWriteIo());
    assert.equal(readFileSync(file, 'utf8'), 'new');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const previous = process.umask(0o077);
    try {
      await writeAtomic(file, 'kept mode', nodeWriteIo(), { mode: 0o644 });
    } finally {
      process.umask(previous);
    }
    assert.equal(statSync(file).mode & 0o777, 0o644);
    assert.deepEqual(readdirSync(dir), ['a.json']);
  });

  it('a throwing beforeRename abandons the write: the file unchanged, the temp file gone', async () => {
    const file = join(dir, 'b.json');
    writeFileSync(file, 'original');
    await assert.rejects(writeAtomic(file, 'never', nodeWriteIo(), { beforeRename: async () => Promise.reject(new Error('changed meanwhile')) }), /changed meanwhile/);
    assert.equal(readFileSync(file, 'utf8'), 'original');
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.b.json')), []);
  });

  it('a file system without modes: a given mode is kept as open() sets it, the private default fails the write', async () => {
    const io = nodeWriteIo();
    const noChmod = {
      ...io,
      fs: {
        ...io.fs,
        open: (async (...args: Parameters<typeof io.fs.open>) => Object.assign(await io.fs.open(...args), { chmod: async () => Promise.reject(errno('EPERM', 'chmod')) })) as typeof io.fs.open,
      },
    };
    const file = join(dir, 'e.ini');
    writeFileSync(file, 'old');
    await writeAtomic(file, 'new', noChmod, { mode: 0o644 });
    assert.equal(readFileSync(file, 'utf8'), 'new');
    await assert.rejects(writeAtomic(file, 'token', noChmod), WriteDenied);
    assert.equal(readFileSync(file, 'utf8'), 'new');
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.e.ini')), []);
  });

  it('waitWhileBusy: false gives up at once on a file Windows reports busy', async () => {
    const pauses: number[] = [];
    // Nothing reaches the disk: Windows paths on this machine would be file names with backslashes.
    const handle = { chmod: async () => {}, writeFile: async () => {}, sync: async () => {}, close: async () => {} };
    const fs = {
      open: (async () => handle) as unknown as WriteFs['open'],
      rename: (async () => Promise.reject(errno('EBUSY'))) as WriteFs['rename'],
      rm: (async () => {}) as WriteFs['rm'],
    };
    const busy = { platform: 'win32' as NodeJS.Platform, fs, pause: async (ms: number) => void pauses.push(ms) };
    const file = 'C:\\Users\\alice\\.aws\\login\\cache\\f.json';
    await assert.rejects(writeAtomic(file, 'x', busy, { waitWhileBusy: false }), WriteDenied);
    assert.deepEqual(pauses, []);
    await assert.rejects(writeAtomic(file, 'x', busy), WriteDenied);
    assert.equal(pauses.length, 10);
  });

  it('a refused open is WriteDenied naming the folder; other errors pass through as they are', async () => {
    const io = nodeWriteIo();
    const denied = { ...io, fs: { ...io.fs, open: (async () => Promise.reject(errno('EACCES', 'open'))) as typeof io.fs.open } };
    const error = await writeAtomic(join(dir, 'c.json'), 'x', denied).catch((e: unknown) => e);
    assert.ok(error instanceof WriteDenied);
    assert.equal(error.errno, 'EACCES');
    assert.match(error.message, new RegExp(`^Cannot write a temporary file in ${dir}: EACCES`));
    const missing = await writeAtomic(join(dir, 'no-such-folder', 'd.json'), 'x', io).catch((e: unknown) => e);
    assert.equal((missing as NodeJS.ErrnoException).code, 'ENOENT');
    assert.ok(!(missing instanceof WriteDenied));
  });
});
