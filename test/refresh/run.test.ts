// runRefreshTest in-process: a fixture context over a temp HOME (injected clock, env and PATH), the local fake
// AWS, and real botocore in awscrt stand-in venvs. No CLI process: these are the refresh-test rules themselves.
// The in-process JS SDK reads process.env, so these tests use Python consumers only (the CLI tests cover JS).
import assert from 'node:assert/strict';
import { chmod, lstat, mkdir, readdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, before, describe, it } from 'node:test';
import type { Finding } from '../../src/engine/finding.js';
import { runRefreshTest, type RefreshTestOptions } from '../../src/refresh/run.js';
import { fixtureContext } from '../support/context.js';
import { peerMissing, pythonAvailable, pythonEnv } from '../support/python-envs.js';
import { endRefreshWorlds, refreshWorld, type RefreshWorld } from '../support/refresh-world.js';

type World = RefreshWorld;

async function world(o: Parameters<typeof refreshWorld>[0] = {}): Promise<World> {
  const w = await refreshWorld(o);
  w.env.PATH = '';
  return w;
}

afterEach(endRefreshWorlds);

function run(w: World, o: Partial<RefreshTestOptions> & { profile?: string } = {}) {
  const ctx = fixtureContext({ home: w.h.home, env: w.env, now: new Date(), options: { profile: o.profile ?? w.h.profile } });
  return runRefreshTest(ctx, {
    via: ['python'],
    pythons: [],
    consumerTimeoutMs: 60_000,
    yes: true,
    confirm: async () => null,
    signal: new AbortController().signal,
    ...o,
  });
}

function only(findings: readonly Finding[], code: string): Finding {
  const hits = findings.filter((f) => f.code === code);
  assert.equal(hits.length, 1, `expected one ${code} in ${JSON.stringify(findings.map((f) => [f.code, f.title]))}`);
  return hits[0]!;
}

const findingsOf = (r: Awaited<ReturnType<typeof run>>) => r.results.flatMap((x) => x.findings);

describe('runRefreshTest (in-process)', { timeout: 120_000 }, () => {
  let noPython: string | null = null;
  before(async () => {
    noPython = await pythonAvailable();
  });

  // refresh-awscrt-missing (no awscrt at all) through the CLI: test/cli/refresh-test.test.ts.
  it('refresh-awscrt-no-padded-signature from real botocore; the original cache comes back byte for byte', async (t) => {
    if (noPython) return t.skip(noPython);
    const py = (await pythonEnv('no-padded-signature')).python;
    const w = await world();
    const progress: string[] = [];
    const r = await run(w, { pythons: [py], onConsumer: (c, f) => progress.push(f ? `done ${f.code}` : `start ${c.kind}`) });
    const findings = findingsOf(r);
    const f = only(findings, 'refresh-awscrt-no-padded-signature');
    assert.equal(f.status, 'fail');
    assert.ok(f.fix!.commands[0]!.startsWith(`${py} -m pip install --upgrade`));
    assert.ok(f.fix!.commands[0]!.includes("'awscrt>="), f.fix!.commands[0]);
    assert.match(f.detail, /> .*decode_der_signature_to_padded_pair/);
    assert.equal(only(findings, 'refresh-test-cache-restored').evidence.outcome, 'restored-original');
    assert.deepEqual(progress, ['start python', 'done refresh-awscrt-no-padded-signature']);
    assert.equal(await readFile(w.h.cachePath, 'utf8'), w.original);
    assert.deepEqual(await readdir(w.h.cacheDir), [w.h.cachePath.split('/').pop()]);
  });

  it('refresh-test-consumer-unavailable: an AWS CLI older than 2.32.0 on PATH (Debian 2.9.19) is named and not run', async (t) => {
    const debian = '/usr/bin/aws';
    if (!(await lstat(debian).catch(() => null))) return peerMissing(t, 'no /usr/bin/aws (Debian awscli 2.9.19) here');
    const w = await world();
    const bin = join(w.h.home, 'bin');
    await mkdir(bin);
    await symlink(debian, join(bin, 'aws'));
    w.env.PATH = `${bin}:/usr/bin:/bin`;
    const f = only(findingsOf(await run(w, { via: ['cli'] })), 'refresh-test-consumer-unavailable');
    assert.match(f.title, /^AWS CLI 2\.\d+\.\d+ .*not tested/);
    assert.match(f.detail, /cannot use login profiles/);
    assert.equal(await readFile(w.h.cachePath, 'utf8'), w.original);
    assert.equal(w.fake.requests.length, 0);
  });

  it('refresh-test-not-login-profile for static, legacy SSO and missing profiles; nothing is touched', async () => {
    const w = await world({ extraConfig: '[profile static]\naws_access_key_id = AKIAEXAMPLE000000001\n[profile legacy]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n' });
    for (const profile of ['static', 'legacy', 'nope']) {
      const r = await run(w, { profile });
      const f = only(findingsOf(r), 'refresh-test-not-login-profile');
      assert.equal(f.status, 'fail');
      assert.equal(r.end, 'done');
      if (profile === 'legacy') assert.match(f.detail, /legacy SSO profile .* never refreshed/);
      if (profile === 'nope') assert.match(f.detail, /There is no profile named nope/);
    }
    assert.equal(w.fake.requests.length, 0);
  });

  it('a role profile: refresh-test tests its source profile, says so, and the fixes name that profile', async () => {
    const w = await world({ extraConfig: '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = dev\n[profile static]\naws_access_key_id = AKIAEXAMPLE000000001\n' });
    await writeFile(w.h.cachePath, '{"accessToken": {', { mode: 0o600 });
    const r = await run(w, { profile: 'admin' });
    const findings = findingsOf(r);
    const chain = only(findings, 'refresh-test-source-profile');
    assert.equal(chain.status, 'info');
    assert.equal(chain.title, 'Profile admin assumes a role with the session of profile dev: testing dev');
    assert.equal(r.profile, 'dev');
    assert.deepEqual(only(findings, 'refresh-test-cache-unhealthy').fix!.commands, ['aws login --profile dev']);
    // aws login refuses a profile that has other credentials: it is never the fix for one.
    assert.deepEqual(only(findingsOf(await run(w, { profile: 'static' })), 'refresh-test-not-login-profile').fix!.commands, []);
  });

  it('refresh-test-cache-unhealthy: a truncated cache is left as it is and sign-in is the fix', async () => {
    const w = await world();
    await writeFile(w.h.cachePath, '{"accessToken": {"accessKeyId": "ASIA', { mode: 0o600 });
    const f = only(findingsOf(await run(w)), 'refresh-test-cache-unhealthy');
    assert.deepEqual(f.fix!.commands, ['aws login --profile dev']);
    assert.equal(await readFile(w.h.cachePath, 'utf8'), '{"accessToken": {"accessKeyId": "ASIA');
  });

  it('refresh-test-unsafe-path: a symlinked cache file is refused and left alone', async (t) => {
    if (noPython) return t.skip(noPython);
    const py = (await pythonEnv('complete')).python;
    const w = await world();
    const real = join(w.h.home, 'elsewhere.json');
    await rename(w.h.cachePath, real);
    await symlink(real, w.h.cachePath);
    const f = only(findingsOf(await run(w, { pythons: [py] })), 'refresh-test-unsafe-path');
    assert.equal(f.status, 'fail');
    assert.ok((await lstat(w.h.cachePath)).isSymbolicLink());
    assert.equal(await readFile(real, 'utf8'), w.original);
    assert.equal(w.fake.requests.length, 0);
  });

  it('consent: nobody to ask gives refresh-test-needs-confirmation, "no" gives declined; neither touches the cache', async (t) => {
    if (noPython) return t.skip(noPython);
    const py = (await pythonEnv('complete')).python;
    const w = await world();
    const asked: string[] = [];
    const none = await run(w, { pythons: [py], yes: false, confirm: async (plan) => (asked.push(plan), null) });
    assert.equal(none.end, 'needs-confirmation');
    assert.deepEqual(only(findingsOf(none), 'refresh-test-needs-confirmation').fix!.commands, ['login-doctor refresh-test --profile dev --yes']);
    assert.match(asked[0]!, /set accessToken\.expiresAt in the past/);
    assert.match(asked[0]!, new RegExp(`Python ${py.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(--python, boto3\\)`));
    const no = await run(w, { pythons: [py], yes: false, confirm: async () => false });
    assert.equal(no.end, 'declined');
    assert.equal(await readFile(w.h.cachePath, 'utf8'), w.original);
    assert.equal(w.fake.requests.length, 0);
  });

  it('--python paths are checked before the lock: a missing or non-executable one stops the test, no aws login advice', async () => {
    const w = await world();
    const notExecutable = join(w.h.home, 'python-script');
    await writeFile(notExecutable, '#!/bin/sh\n');
    await chmod(notExecutable, 0o644);
    const r = await run(w, { pythons: [join(w.h.home, 'nope', 'python'), notExecutable] });
    const bad = findingsOf(r).filter((f) => f.code === 'refresh-test-consumer-unavailable');
    assert.deepEqual(
      bad.map((f) => [f.status, /\((.*)\)$/.exec(f.title)![1]]),
      [
        ['fail', 'there is no file at this path'],
        ['fail', 'the file is not executable'],
      ],
    );
    for (const f of bad) assert.ok(!f.fix!.commands.some((c) => c.startsWith('aws login')));
    assert.ok(!findingsOf(r).some((f) => f.code === 'refresh-test-cache-restored'), 'the guard never opened');
    assert.deepEqual(await readdir(w.h.cacheDir), [w.h.cachePath.split('/').pop()]);
    assert.equal(w.fake.requests.length, 0);
  });
});
