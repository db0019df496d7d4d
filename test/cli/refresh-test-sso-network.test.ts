// refresh-test on an sso-session profile while SSO-OIDC cannot be reached: a network failure, not an expired session.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import { runCli } from '../support/cli.js';
import type { Finding } from '../../src/engine/finding.js';
import { FakeAws } from '../support/fake-aws.js';
import { peersRequired, pythonAvailable, pythonEnv } from '../support/python-envs.js';
import { makeSsoHome } from '../support/sso-home.js';

describe('refresh-test: SSO-OIDC unreachable during the refresh', () => {
  let python: string | null = null;
  before(async () => {
    const missing = await pythonAvailable();
    // Without Python only the JS SDK is a consumer; Linux CI must have both.
    if (!missing) python = (await pythonEnv('complete')).python;
    else if (peersRequired()) throw new Error(`real peer missing in CI: ${missing}`);
  });

  it('the JS SDK says "Token is expired" and botocore fails too, but the session is not blamed: refresh-network, no aws sso login', async () => {
    const fake = new FakeAws();
    await fake.start();
    // A second fake, stopped: its port refuses connections, standing in for an SSO-OIDC outage.
    const down = new FakeAws();
    await down.start();
    await down.stop();
    const s = await makeSsoHome({ fake, expiresInS: 3600 });
    try {
      const original = await readFile(s.cachePath, 'utf8');
      const via = python ? 'js,python' : 'js';
      const args = ['refresh-test', '--json', '--yes', '--profile', s.profile, '--via', via, ...(python ? ['--python', python] : [])];
      const r = await runCli(args, { home: s.home, env: { ...s.env, ...fake.env(), AWS_ENDPOINT_URL_SSO_OIDC: down.url } });
      const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
      const consumers = findings.filter((f) => typeof f.evidence.kind === 'string' && f.code.startsWith('refresh-') && !f.code.startsWith('refresh-test-'));
      assert.deepEqual(consumers.map((f) => f.evidence.kind), python ? ['js', 'python'] : ['js']);
      for (const f of consumers) {
        assert.equal(f.code, 'refresh-network', JSON.stringify(f));
        assert.equal(f.status, 'skip');
        assert.match(f.title, /could not reach SSO-OIDC/);
        assert.deepEqual(f.fix!.commands, []);
        assert.match(f.fix!.text, /SSO-OIDC endpoint could not be reached/);
        assert.doesNotMatch(JSON.stringify(f.fix), /sso login/);
      }
      // The JS SDK's own text still blames the session; the finding quotes it and says why it is not believed.
      const js = consumers.find((f) => f.evidence.kind === 'js')!;
      assert.match(js.detail, /Token is expired/);
      assert.match(js.detail, new RegExp(`No connection to ${down.url.replace(/\./g, '\\.')} \\(ECONNREFUSED\\)`));
      assert.equal(js.evidence.unreachableEndpoint, down.url);
      assert.equal(fake.requests.filter((q) => q.service === 'sso-oidc').length, 0, 'no refresh reached the working fake');
      assert.equal(await readFile(s.cachePath, 'utf8'), original, 'the cache is put back');
    } finally {
      await s.cleanup();
      await fake.stop();
    }
  });

  it('with SSO-OIDC reachable, a refused refresh is still an expired session (the reachability check does not hide it)', async () => {
    const fake = new FakeAws();
    await fake.start();
    const s = await makeSsoHome({ fake, expiresInS: 3600, registrationExpiresInS: -60 });
    try {
      const r = await runCli(['refresh-test', '--json', '--yes', '--profile', s.profile, '--via', 'js'], { home: s.home, env: { ...s.env, ...fake.env() } });
      const f = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.find((x) => x.evidence.kind === 'js')!;
      assert.equal(f.code, 'refresh-session-expired');
      assert.deepEqual(f.fix!.commands, ['aws sso login --profile sso-dev']);
    } finally {
      await s.cleanup();
      await fake.stop();
    }
  });
});
