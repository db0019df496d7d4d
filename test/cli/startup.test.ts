import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { fixtureHome, REPO_ROOT } from '../support/cli.js';

const hook = fileURLToPath(new URL('../support/register-module-trace.mjs', import.meta.url));

function modulesLoadedBy(args: string[]): string[] {
  const trace = join(mkdtempSync(join(tmpdir(), 'ld-trace-')), 'modules.txt');
  const r = spawnSync(process.execPath, ['--import', hook, join(REPO_ROOT, 'bin/login-doctor.js'), ...args], {
    env: { PATH: '', HOME: fixtureHome('healthy-login'), LOGIN_DOCTOR_MODULE_TRACE: trace, LOGIN_DOCTOR_NO_CACHE: '1' },
    encoding: 'utf8',
  });
  assert.notEqual(r.status, 2, r.stderr);
  return readFileSync(trace, 'utf8').trim().split('\n');
}

for (const args of [['--help'], ['--version'], ['-V']]) {
  test(`${args.join(' ')} loads no module but the launcher`, () => {
    const ours = modulesLoadedBy(args).filter((m) => m.startsWith('file:'));
    assert.deepEqual(
      ours.map((m) => m.slice(m.lastIndexOf('/bin/'))),
      ['/bin/login-doctor.js'],
    );
  });
}

test('a diagnosis loads no AWS SDK module', () => {
  const modules = modulesLoadedBy(['--offline', '--json', '--profile', 'dev']);
  assert.ok(modules.some((m) => m.includes('/dist/bundle/main.js')), 'the trace sees our own modules');
  assert.deepEqual(
    modules.filter((m) => /@aws-sdk|@smithy/.test(m)),
    [],
  );
});

test('a usage error does not wait for the Python probes started early: they are stopped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-early-'));
  try {
    // Slower than login-doctor needs to reach the usage error, faster than the probe's own 10 s limit.
    const python = join(dir, 'python3');
    writeFileSync(python, `#!/bin/sh\necho $$ > "${dir}/pid"\nsleep 8\ntouch "${dir}/finished"\n`);
    chmodSync(python, 0o755);
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/login-doctor.js'), '--python', python, '--no-such-option'], {
      env: { PATH: '/usr/bin:/bin', HOME: fixtureHome('healthy-login'), LOGIN_DOCTOR_NO_CACHE: '1' },
      encoding: 'utf8',
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--no-such-option/);
    assert.ok(!existsSync(join(dir, 'finished')), 'login-doctor waited for the probe to finish');
    // Under load the probe may not have spawned before main returned: then it is never started at all.
    const pid = existsSync(join(dir, 'pid')) ? Number(readFileSync(join(dir, 'pid'), 'utf8')) : null;
    if (pid === null) return;
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && alive(); i++) await new Promise((done) => setTimeout(done, 50));
    assert.equal(alive(), false, 'the probe still runs');
    assert.ok(!existsSync(join(dir, 'finished')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
