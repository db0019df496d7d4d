import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { LOGIN_FORMAT } from '../../src/aws/refreshable-token.js';
import { CacheGuard, GuardError, LOCK_MAX_AGE_MS } from '../../src/probes/cache-guard.js';

const NOW = new Date('2026-01-05T07:00:00Z');
const TOKEN =
  '{"accessToken": {"accessKeyId": "ASIAEXAMPLE000000001", "secretAccessKey": "SECRET-guard-0001", "sessionToken": "SESSION-guard-0001", "accountId": "123456789012", "expiresAt": "2026-01-05T07:10:00Z"}, "tokenType": "aws_sigv4", "clientId": "arn:aws:signin:::devtools/same-device", "refreshToken": "REFRESH-guard-0001", "idToken": "x", "dpopKey": "-----BEGIN EC PRIVATE KEY-----\\nAAAA\\n-----END EC PRIVATE KEY-----\\n"}';

let dir: string;
let cache: string;
const events = { step: async () => {}, now: () => NOW, secret: () => {} };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ld-guard-'));
  cache = join(dir, 'token.json');
  await writeFile(cache, TOKEN, { mode: 0o600 });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function lockWith(text: string, mtime?: Date): Promise<void> {
  await writeFile(`${cache}.login-doctor-lock`, text);
  if (mtime) await utimes(`${cache}.login-doctor-lock`, mtime, mtime);
}

describe('CacheGuard lock', () => {
  it('refuses while a live process holds a fresh lock', async () => {
    await lockWith(JSON.stringify({ pid: process.pid, startedAt: new Date(NOW.getTime() - 60_000).toISOString() }));
    await assert.rejects(CacheGuard.open(cache, LOGIN_FORMAT, events), (e: unknown) => e instanceof GuardError && e.problem === 'locked');
    assert.equal(await readFile(cache, 'utf8'), TOKEN);
  });

  it('takes over a lock older than the longest possible run even if its pid is alive (pid reuse)', async () => {
    const startedAt = new Date(NOW.getTime() - LOCK_MAX_AGE_MS - 1000).toISOString();
    await lockWith(JSON.stringify({ pid: process.pid, startedAt }));
    const guard = await CacheGuard.open(cache, LOGIN_FORMAT, events);
    assert.deepEqual(guard.recovery.staleLock, { pid: process.pid, startedAt });
    assert.equal(await guard.finish(), 'restored-original');
    assert.deepEqual(await readdir(dir), ['token.json']);
  });

  it('an unparsable lock is stale only when old (it may be being written this instant)', async () => {
    await lockWith('{"pid": 12', NOW);
    await assert.rejects(CacheGuard.open(cache, LOGIN_FORMAT, events), (e: unknown) => e instanceof GuardError && e.problem === 'locked');
    await lockWith('{"pid": 12', new Date(NOW.getTime() - 120_000));
    const guard = await CacheGuard.open(cache, LOGIN_FORMAT, events);
    assert.equal(guard.recovery.staleLock?.pid, 0);
    await guard.finish();
  });

  it('a lock that is JSON of another shape counts as unparsable: held by an unknown owner while fresh', async () => {
    for (const text of ['null', '[1]', '"x"', '{"pid": "12", "startedAt": "2026-01-05T06:59:00Z"}', '{"pid": 0, "startedAt": "2026-01-05T06:59:00Z"}', '{"pid": 1.5, "startedAt": "x"}']) {
      await lockWith(text, NOW);
      await assert.rejects(
        CacheGuard.open(cache, LOGIN_FORMAT, events),
        (e: unknown) => e instanceof GuardError && e.problem === 'locked' && e.evidence.pid === null,
        text,
      );
    }
    await rm(`${cache}.login-doctor-lock`);
  });
});

describe('CacheGuard rewrite and restore', () => {
  it('shortens only the expiry, mode 0600, and puts the original bytes back when nothing refreshed', async () => {
    const guard = await CacheGuard.open(cache, LOGIN_FORMAT, events);
    assert.equal(await readFile(`${cache}.login-doctor-backup`, 'utf8'), TOKEN);
    await guard.shorten(new Date(NOW.getTime() - 60_000));
    const shortened = await readFile(cache, 'utf8');
    assert.equal(shortened, TOKEN.replace('2026-01-05T07:10:00Z', '2026-01-05T06:59:00Z'));
    assert.equal((await stat(cache)).mode & 0o777, 0o600);
    const seen = await guard.observe();
    assert.equal(seen.changed, false);
    assert.equal(await guard.finish(), 'restored-original');
    assert.equal(await readFile(cache, 'utf8'), TOKEN);
    assert.deepEqual(await readdir(dir), ['token.json']);
  });

  it('after a refresh, a later consumer that did not refresh gets the real expiry of the newest tokens back', async () => {
    const guard = await CacheGuard.open(cache, LOGIN_FORMAT, events);
    await guard.shorten(new Date(NOW.getTime() - 60_000));
    const refreshed = TOKEN.replace('ASIAEXAMPLE000000001', 'ASIANEWKEY0000000002').replace('REFRESH-guard-0001', 'REFRESH-guard-0002').replace('2026-01-05T07:10:00Z', '2026-01-05T07:30:00.000Z');
    await writeFile(cache, refreshed);
    assert.equal((await guard.observe()).changed, true);
    await guard.shorten(new Date(NOW.getTime() - 60_000));
    assert.equal((await guard.observe()).changed, false);
    assert.equal(await guard.finish(), 'restored-expiry-of-newest-tokens');
    assert.equal(await readFile(cache, 'utf8'), refreshed, 'the newest tokens with their own expiry, never the used refresh token');
    assert.deepEqual(await readdir(dir), ['token.json']);
  });
});
