import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loginCacheCheck } from '../../../src/checks/caches/login.js';
import { localTimeText } from '../../../src/checks/caches/time-text.js';
import type { Context, FileAccess } from '../../../src/engine/context.js';
import type { FindingInput } from '../../../src/engine/finding.js';
import { runChecks } from '../../../src/engine/runner.js';
import { fixtureContext } from '../../support/context.js';
import { awsHome, SECRETS, SESSION_ARN, fakeIdToken, loginCacheDir, loginToken, p256Sec1Pem, p384Sec1Pem, pythonJsonDumps, writeConfig, writeLoginCache } from '../../support/token-fixtures.js';

const NOW = new Date('2026-01-05T07:00:00Z');
const pem = p256Sec1Pem();

/** A HOME whose default profile's cache expires at `expiresAt`, with an idToken issued at `iat` (seconds). */
function home(expiresAt: Date, claims: Record<string, unknown> = {}): string {
  const h = awsHome();
  writeConfig(h, `[default]\nlogin_session = ${SESSION_ARN}\nregion = us-east-1\n`);
  writeLoginCache(h, SESSION_ARN, pythonJsonDumps(loginToken({ expiresAt: expiresAt.toISOString().replace('.000Z', 'Z'), dpopKey: pem, idToken: fakeIdToken({ sub: SESSION_ARN, ...claims }) })));
  return h;
}

async function run(ctx: Context): Promise<FindingInput[]> {
  return loginCacheCheck.run(ctx);
}

const codes = (fs: FindingInput[]) => fs.map((f) => f.code);
const plus = (s: number) => new Date(NOW.getTime() + s * 1000);

describe('login cache against an injected clock', () => {
  test('refresh window boundary: 301 s left is healthy, 300 s is due, 0 s is expired', async () => {
    assert.deepEqual(codes(await run(fixtureContext({ home: home(plus(301)), now: NOW }))), ['login-cache-ok']);
    assert.deepEqual(codes(await run(fixtureContext({ home: home(plus(300)), now: NOW }))), ['login-refresh-due']);
    assert.deepEqual(codes(await run(fixtureContext({ home: home(plus(0)), now: NOW }))), ['login-token-expired']);
  });

  test('with an unusable DPoP key, an expired token is not promised a refresh', async () => {
    const h = awsHome();
    writeConfig(h, `[default]\nlogin_session = ${SESSION_ARN}\nregion = us-east-1\n`);
    writeLoginCache(h, SESSION_ARN, JSON.stringify(loginToken({ expiresAt: '2026-01-05T06:59:00Z', dpopKey: p384Sec1Pem() })));
    const findings = await run(fixtureContext({ home: h, now: NOW }));
    assert.deepEqual(codes(findings), ['login-dpop-key-invalid', 'login-token-expired']);
    assert.match(findings[1]!.detail ?? '', /cannot work with this DPoP key/);
  });

  test('the pass finding shows relative and absolute local time', async () => {
    const expires = plus(42 * 60);
    const [f] = await run(fixtureContext({ home: home(expires), now: NOW }));
    assert.equal(f?.title, `Login cache for profile "default": ASIA…7890, account 123456789012, same-device sign-in, expires in 42 min (${localTimeText(expires)})`);
    assert.equal(f?.evidence?.secondsLeft, 2520);
  });

  test('session age boundary: exactly 12 h is fine, 12 h + 1 s is old; auth_time wins over iat', async () => {
    const t = NOW.getTime() / 1000;
    assert.deepEqual(codes(await run(fixtureContext({ home: home(plus(600), { iat: t - 12 * 3600 }), now: NOW }))), ['login-cache-ok']);
    const old = await run(fixtureContext({ home: home(plus(600), { iat: t - 12 * 3600 - 1 }), now: NOW }));
    assert.deepEqual(codes(old), ['login-session-old', 'login-cache-ok']);
    const auth = await run(fixtureContext({ home: home(plus(600), { iat: t, auth_time: t - 20 * 3600 }), now: NOW }));
    assert.match(auth[0]!.detail ?? '', /auth_time claim/);
    assert.match(auth[0]!.title, /began 20 h ago/);
  });

  test('without a decodable idToken the file time is the estimate, and the finding says which', async () => {
    const h = home(plus(600), {});
    const base = fixtureContext({ home: h, now: NOW });
    const oldFs: FileAccess = {
      ...base.fs,
      async stat(path) {
        const s = await base.fs.stat(path);
        return s && { ...s, birthtimeMs: 0, mtimeMs: NOW.getTime() - 13 * 3_600_000 };
      },
    };
    const [f] = await run({ ...base, fs: oldFs });
    assert.equal(f?.code, 'login-session-old');
    assert.match(f?.detail ?? '', /the cache file's modification time: .* \(a best estimate/);
  });

  test('permission denied (as a non-root user sees it) gives login-cache-unreadable with the chown fix', async () => {
    const h = home(plus(600));
    const base = fixtureContext({ home: h, now: NOW, uid: 1000 });
    const denied: FileAccess = {
      ...base.fs,
      readText: async (path, max) =>
        path.startsWith(loginCacheDir(h)) ? { ok: false, reason: 'denied', message: `EACCES: permission denied, open '${path}'` } : base.fs.readText(path, max),
      stat: async (path) => {
        const s = await base.fs.stat(path);
        return s && { ...s, uid: 0 };
      },
    };
    const [f] = await run({ ...base, fs: denied });
    const file = join(loginCacheDir(h), 'b7d71d383b9557a9bad4c3346c50365819226484c6824a0fdef66637be339db0.json');
    assert.equal(f?.code, 'login-cache-unreadable');
    assert.match(f?.title ?? '', /permission denied/);
    assert.deepEqual(f?.fix?.commands, [`sudo chown "$(id -u):$(id -g)" ${loginCacheDir(h)} ${file}`]);
  });

  test('permission denied on your own 0000 file: just chmod', async () => {
    const h = home(plus(600));
    const base = fixtureContext({ home: h, now: NOW, uid: 1000 });
    const file = join(loginCacheDir(h), 'b7d71d383b9557a9bad4c3346c50365819226484c6824a0fdef66637be339db0.json');
    const denied: FileAccess = {
      ...base.fs,
      readText: async (path, max) => (path === file ? { ok: false, reason: 'denied', message: 'EACCES' } : base.fs.readText(path, max)),
      stat: async (path) => {
        const s = await base.fs.stat(path);
        return s && { ...s, uid: 1000, mode: path === file ? 0 : 0o700 };
      },
    };
    const [f] = await run({ ...base, fs: denied });
    assert.equal(f?.code, 'login-cache-unreadable');
    assert.deepEqual(f?.fix?.commands, [`chmod 600 ${file}`]);
  });

  test('every secret read is registered, so the runner redacts it even from a stray string', async () => {
    const ctx = fixtureContext({ home: home(plus(600)), now: NOW });
    await runChecks([loginCacheCheck], ctx, { defaultTimeoutMs: 10_000 });
    for (const s of [SECRETS.secretAccessKey, SECRETS.sessionToken, SECRETS.refreshToken, pem]) assert.equal(ctx.secrets.redact(`x ${s} y`), 'x [redacted] y');
  });
});
