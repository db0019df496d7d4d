import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli.js';
import { awsHome, ROOT, SESSION_ARN, writeConfig, writeHealthyLoginCache } from '../support/token-fixtures.js';

const ONLY = ['--offline', '--profile', 'dev', '--only', 'caches.login'];

function loginHome(): { home: string; cache: string } {
  const home = awsHome('ld-fix-');
  writeConfig(home, `[profile dev]\nlogin_session = ${SESSION_ARN}\nregion = us-east-1\n`);
  return { home, cache: writeHealthyLoginCache(home, SESSION_ARN) };
}

describe('--fix on the login cache', () => {
  it('tightens a readable cache file and removes tmp leftovers, with --yes', async () => {
    const { home, cache } = loginHome();
    chmodSync(cache, 0o644);
    const leftover = join(dirname(cache), 'tmpk2j3h4.tmp');
    writeFileSync(leftover, '{"partial":');
    const before = await runCli([...ONLY, '--fix'], { home });
    assert.match(before.stdout, /2 local fixes available, not applied/);
    assert.equal(statSync(cache).mode & 0o777, 0o644, 'nothing changes without --yes');
    const r = await runCli([...ONLY, '--fix', '--yes'], { home });
    assert.match(r.stdout, /login-cache-permissions: .*\n\s+chmod 0600 /);
    assert.match(r.stdout, /login-cache-tmp-leftovers: .*\n\s+rm /);
    assert.match(r.stdout, /After 2 fixes: 0 failed, 0 warnings\./);
    assert.equal(statSync(cache).mode & 0o777, 0o600);
    assert.ok(!existsSync(leftover));
    assert.ok(existsSync(cache), 'the token itself is never removed');
  });

  it('gives a root-owned cache back to the user (needs root to set it up)', { skip: ROOT ? false : 'creating a file owned by another user needs root' }, async () => {
    const { home, cache } = loginHome();
    // Another uid plays the part of root after `sudo aws login` (the test itself runs as root).
    chownSync(cache, 4242, 4242);
    const r = await runCli([...ONLY, '--fix', '--yes'], { home });
    assert.match(r.stdout, /chown 0 /);
    assert.equal(statSync(cache).uid, 0);
    assert.equal(statSync(cache).gid, 4242, 'the group is kept');
  });
});
