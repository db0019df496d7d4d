import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renameReplacing } from '../../src/probes/cache-guard.js';

const errno = (code: string) => Object.assign(new Error(`${code}: operation not permitted, rename`), { code });

/** A rename that fails with the given codes first, then succeeds; pauses are recorded, never slept. */
function scripted(failures: string[]) {
  const calls: string[] = [];
  const pauses: number[] = [];
  return {
    calls,
    pauses,
    rename: async (from: string, to: string) => {
      calls.push(`${from}->${to}`);
      const next = failures.shift();
      if (next) throw errno(next);
    },
    pause: async (ms: number) => {
      pauses.push(ms);
    },
  };
}

describe('replacing the cache on Windows while a consumer has it open', () => {
  it('retries EPERM, EACCES and EBUSY with growing pauses until the reader lets go', async () => {
    const s = scripted(['EPERM', 'EBUSY', 'EACCES']);
    await renameReplacing('cache.tmp', 'cache.json', 'win32', s.rename, s.pause);
    assert.equal(s.calls.length, 4);
    assert.deepEqual(s.pauses, [50, 100, 150]);
  });

  it('gives up after about 2.75 s of pauses and reports the error', async () => {
    const s = scripted(Array(20).fill('EPERM'));
    await assert.rejects(renameReplacing('a', 'b', 'win32', s.rename, s.pause), /EPERM/);
    assert.equal(s.calls.length, 11);
    assert.equal(s.pauses.reduce((a, b) => a + b, 0), 2750);
  });

  it('does not retry other errors, nor on POSIX where rename replaces open files', async () => {
    const missing = scripted(['ENOENT']);
    await assert.rejects(renameReplacing('a', 'b', 'win32', missing.rename, missing.pause), /ENOENT/);
    assert.equal(missing.calls.length, 1);
    const posix = scripted(['EPERM']);
    await assert.rejects(renameReplacing('a', 'b', 'darwin', posix.rename, posix.pause), /EPERM/);
    assert.deepEqual(posix.pauses, []);
  });
});
