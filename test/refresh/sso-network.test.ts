// In-process: the SSO reachability check that keeps a network failure from being reported as an expired session.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tcpReachable } from '../../src/probes/reachability.js';
import { confirmSsoSessionOver, ssoOidcEndpoint, type Judgement } from '../../src/refresh/judge.js';
import { FakeAws } from '../support/fake-aws.js';

const expired: Judgement = { code: 'refresh-session-expired', refreshedOnDisk: false, diskNote: 'the cache on disk is unchanged' };

describe('SSO refresh: reachability before blaming the session', () => {
  it('the endpoint: AWS_ENDPOINT_URL_SSO_OIDC, then AWS_ENDPOINT_URL, then the regional host', () => {
    assert.equal(ssoOidcEndpoint({}, 'eu-west-1'), 'https://oidc.eu-west-1.amazonaws.com');
    assert.equal(ssoOidcEndpoint({ AWS_ENDPOINT_URL: 'http://a' }, 'eu-west-1'), 'http://a');
    assert.equal(ssoOidcEndpoint({ AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_SSO_OIDC: 'http://b' }, 'eu-west-1'), 'http://b');
  });

  it('an unreachable endpoint turns an "expired" SSO judgement into refresh-network; a reachable one keeps it', async () => {
    const asked: string[] = [];
    const down = { env: {}, reach: async (url: string) => (asked.push(url), 'ECONNREFUSED') };
    const up = { env: {}, reach: async () => null };
    const judged = await confirmSsoSessionOver(down, 'sso', expired, 'https://oidc.us-east-1.amazonaws.com');
    assert.deepEqual([judged.code, judged.unreachable], ['refresh-network', { endpoint: 'https://oidc.us-east-1.amazonaws.com', why: 'ECONNREFUSED' }]);
    assert.equal((await confirmSsoSessionOver(up, 'sso', expired, 'x')).code, 'refresh-session-expired');
    // Login refreshes classify transport failures from their own text; a refresh that worked is not re-checked.
    assert.equal((await confirmSsoSessionOver(down, 'login', expired, 'x')).code, 'refresh-session-expired');
    assert.equal((await confirmSsoSessionOver(down, 'sso', { ...expired, code: 'refresh-ok' }, 'x')).code, 'refresh-ok');
    assert.deepEqual(asked, ['https://oidc.us-east-1.amazonaws.com']);
  });

  it('with a proxy set, the session is only cleared of blame when the proxy does not answer either', async () => {
    const env = { HTTPS_PROXY: 'proxy.corp:3128' };
    const asked: string[] = [];
    const directClosed = (proxyAnswers: boolean) => ({
      env,
      reach: async (url: string) => (asked.push(url), url.includes('proxy.corp') && proxyAnswers ? null : 'ETIMEDOUT'),
    });
    assert.equal((await confirmSsoSessionOver(directClosed(true), 'sso', expired, 'https://oidc.us-east-1.amazonaws.com')).code, 'refresh-session-expired');
    const judged = await confirmSsoSessionOver(directClosed(false), 'sso', expired, 'https://oidc.us-east-1.amazonaws.com');
    assert.deepEqual([judged.code, judged.unreachable?.endpoint], ['refresh-network', 'https://oidc.us-east-1.amazonaws.com (nor the proxy http://proxy.corp:3128)']);
    assert.deepEqual(asked, ['https://oidc.us-east-1.amazonaws.com', 'http://proxy.corp:3128', 'https://oidc.us-east-1.amazonaws.com', 'http://proxy.corp:3128']);
  });

  it('tcpReachable: null for a listening fake AWS, the errno for a stopped one, without sending a request', async () => {
    const fake = new FakeAws();
    await fake.start();
    try {
      assert.equal(await tcpReachable(fake.url, 2000), null);
      assert.equal(fake.requests.length, 0);
    } finally {
      await fake.stop();
    }
    assert.equal(await tcpReachable(fake.url, 2000), 'ECONNREFUSED');
    assert.equal(await tcpReachable('not a url', 2000), 'bad URL');
  });
});
