/**
 * The shared login cache read (one read and parse per file per run) gives every caller exactly what its own
 * `ctx.fs.readText(path, maxBytes)` would, and caches.login with caches.login-writable read each file once.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseLoginCache } from '../../../src/aws/login-cache.js';
import { readLoginCacheFile } from '../../../src/checks/caches/login-read.js';
import { loginCacheCheck } from '../../../src/checks/caches/login.js';
import { loginWritableCheck } from '../../../src/checks/caches/login-writable.js';
import type { FileAccess } from '../../../src/engine/context.js';
import { TOKEN_FILE_MAX_BYTES } from '../../../src/knowledge/token-caches.js';
import { nodeFileAccess } from '../../../src/probes/fs.js';
import { fixtureContext } from '../../support/context.js';
import { loginToken, p256Sec1Pem, writeLoginCache } from '../../support/token-fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'ld-login-read-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('readLoginCacheFile', () => {
  const token = JSON.stringify(loginToken({ expiresAt: '2026-01-05T08:00:00Z', dpopKey: p256Sec1Pem() }));
  const files: Record<string, string | null> = {
    token,
    'not json': '{"accessToken": ',
    // Between caches.login's limit and caches.login-writable's: the first must still see it as too large.
    'between the limits': `${token.slice(0, -1)}, "pad": "${'x'.repeat(TOKEN_FILE_MAX_BYTES)}"}`,
    'too large for both': 'x'.repeat(2 * 1024 * 1024),
    missing: null,
  };

  for (const [name, text] of Object.entries(files)) {
    it(`${name}: equals a direct read with each caller's limit, in either order`, async () => {
      const path = join(root, `${name.replaceAll(' ', '-')}.json`);
      if (text !== null) writeFileSync(path, text);
      for (const order of [[TOKEN_FILE_MAX_BYTES, 1024 * 1024], [1024 * 1024, TOKEN_FILE_MAX_BYTES]]) {
        const ctx = fixtureContext({ home: root });
        for (const limit of order) {
          const direct = await nodeFileAccess.readText(path, limit);
          const shared = await readLoginCacheFile(ctx, path, limit);
          assert.deepEqual(shared.read, direct, `limit ${limit}`);
          assert.deepEqual(shared.ok ? shared.parsed : null, direct.ok ? parseLoginCache(direct.text) : null);
        }
      }
    });
  }

  it('caches.login and caches.login-writable read each login cache file once per run', async () => {
    const home = join(root, 'home');
    const sessions = ['arn:aws:iam::111122223333:user/a', 'arn:aws:iam::111122223333:user/b'];
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'config'), sessions.map((s, i) => `[profile p${i}]\nlogin_session = ${s}\nregion = us-east-1\n`).join('\n'));
    for (const s of sessions) writeLoginCache(home, s, JSON.stringify(loginToken({ expiresAt: '2026-01-05T08:00:00Z', dpopKey: p256Sec1Pem() })));
    const reads: string[] = [];
    const fs: FileAccess = { ...nodeFileAccess, readText: (p, max) => (reads.push(p), nodeFileAccess.readText(p, max)) };
    const ctx = fixtureContext({ home, fs, options: { allProfiles: true } });
    await Promise.all([loginCacheCheck.run(ctx), loginWritableCheck.run(ctx)]);
    const cacheReads = reads.filter((p) => p.includes(join('.aws', 'login', 'cache')));
    assert.equal(cacheReads.length, 2);
    assert.equal(new Set(cacheReads).size, 2);
  });
});
