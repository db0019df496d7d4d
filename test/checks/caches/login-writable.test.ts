import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { loginWritableCheck } from '../../../src/checks/caches/login-writable.js';
import { nodeFileAccess } from '../../../src/probes/fs.js';
import { runJson } from '../../support/cli.js';
import { fixtureContext } from '../../support/context.js';
import { awsHome, isoSeconds, loginCacheDir, loginToken, p256Sec1Pem, pythonJsonDumps, writeConfig, writeLoginCache } from '../../support/token-fixtures.js';

const ALICE = 'arn:aws:iam::123456789012:user/alice';

function loginHome(minutesLeft: number): { home: string; cache: string } {
  const home = awsHome('ld-writable-');
  writeConfig(home, `[profile dev]\nlogin_session = ${ALICE}\nregion = us-east-1\n`);
  const cache = writeLoginCache(home, ALICE, pythonJsonDumps(loginToken({ expiresAt: isoSeconds(new Date(Date.now() + minutesLeft * 60_000)), dpopKey: p256Sec1Pem() })));
  return { home, cache };
}

function chattr(flag: '+i' | '-i', path: string): string | null {
  try {
    execFileSync('chattr', [flag, path], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return (e as Error).message.split('\n')[0]!;
  }
}

test('an immutable cache file (chattr +i, seen through access(2)): warn while the token is valid, fail once it needs a refresh', async (t) => {
  const valid = loginHome(14);
  const due = loginHome(3);
  const refused = chattr('+i', valid.cache);
  if (refused) return t.skip(`chattr +i is not possible here: ${refused}`);
  chattr('+i', due.cache);
  try {
    const { report } = await runJson(['--offline', '--profile', 'dev'], { home: valid.home });
    const f = report.findings.find((x) => x.code === 'login-cache-not-writable');
    assert.ok(f, report.findings.map((x) => x.code).join(', '));
    assert.equal(f.status, 'warn');
    assert.match(f.title, /works for now, but its refresh in \d+ min cannot be saved/);
    assert.match(f.detail, /immutable or append-only .*EPERM.*AWS CLI v2 and the JS SDK cannot rewrite it and botocore cannot replace it/);
    assert.deepEqual(f.fix!.commands, [`sudo chattr -i -a ${valid.cache}`]);
    const late = (await runJson(['--offline', '--profile', 'dev'], { home: due.home })).report.findings.find((x) => x.code === 'login-cache-not-writable');
    assert.equal(late?.status, 'fail');
    assert.match(late.title, /needs a refresh that cannot be saved/);
  } finally {
    chattr('-i', valid.cache);
    chattr('-i', due.cache);
  }
});

test('a cache folder on a read-only mount (EROFS from access(2)) is a failure once the token needs a refresh; nothing is written', async () => {
  const { home, cache } = loginHome(2);
  const writes: string[] = [];
  const fs = {
    ...nodeFileAccess,
    async writable(path: string) {
      writes.push(path);
      return path === loginCacheDir(home) || path === cache ? 'EROFS' : null;
    },
  };
  const ctx = fixtureContext({ home, fs, now: new Date(), options: { profile: 'dev' } });
  const [f, ...rest] = await loginWritableCheck.run(ctx);
  assert.equal(rest.length, 0);
  assert.equal(f!.status, 'fail');
  assert.match(f!.detail!, /the folder .*: it is on a read-only file system \(EROFS\), so pip botocore cannot create its temporary file/);
  assert.match(f!.fix!.text, /writable file system/);
  assert.deepEqual(writes.sort(), [cache, loginCacheDir(home)].sort());
});

test('a writable cache produces nothing', async () => {
  const { home } = loginHome(30);
  const ctx = fixtureContext({ home, now: new Date(), options: { profile: 'dev' } });
  assert.deepEqual(await loginWritableCheck.run(ctx), []);
});
