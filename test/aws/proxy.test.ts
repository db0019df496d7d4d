// proxyFor against botocore itself (get_environ_proxies + ProxyConfiguration.proxy_url_for, as its endpoint does),
// asked in a child process of the pyenv python3 with the real botocore.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { proxyFor } from '../../src/aws/proxy.js';
import { peerMissing } from '../support/python-envs.js';

const ORACLE = `
import json, os, sys
from botocore.httpsession import ProxyConfiguration
from botocore.utils import get_environ_proxies
out = []
for case in json.load(sys.stdin):
    # urllib reads os.environ: give it exactly the case's proxy variables.
    for k in [k for k in os.environ if k.lower().endswith('_proxy') or k == 'REQUEST_METHOD']:
        del os.environ[k]
    os.environ.update(case['env'])
    out.append(ProxyConfiguration(proxies=get_environ_proxies(case['url'])).proxy_url_for(case['url']))
print(json.dumps(out))
`;

const CASES: { url: string; env: Record<string, string> }[] = [
  { url: 'https://oidc.us-east-1.amazonaws.com', env: {} },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTPS_PROXY: 'http://proxy.corp:3128' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTP_PROXY: 'http://only-http:3128' } },
  { url: 'http://127.0.0.1:4566', env: { HTTP_PROXY: 'http://p:3128' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'amazonaws.com' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTPS_PROXY: 'http://p:3128', NO_PROXY: '.amazonaws.com' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTPS_PROXY: 'http://p:3128', no_proxy: 'example.com, *' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'other.com,east-1.amazonaws.com' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'oidc.us-east-1.amazonaws.com:443' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'azonaws.com' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'OIDC.US-EAST-1.AMAZONAWS.COM' } },
  { url: 'https://oidc.us-east-1.amazonaws.com:443', env: { HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'oidc.us-east-1.amazonaws.com:443' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTPS_PROXY: 'http://upper:1', https_proxy: '' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTPS_PROXY: 'proxy.corp:3128' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTPS_PROXY: '//proxy.corp:3128' } },
  { url: 'http://127.0.0.1:4566', env: { HTTP_PROXY: 'http://p:3128', REQUEST_METHOD: 'GET' } },
  { url: 'http://127.0.0.1:4566', env: { http_proxy: 'http://p:3128', REQUEST_METHOD: 'GET' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTPS_PROXY: 'http://p:3128', NO_PROXY: '*' } },
  { url: 'https://oidc.us-east-1.amazonaws.com', env: { HTTPS_PROXY: 'http://p:3128', NO_PROXY: '..amazonaws.com' } },
];

describe('proxyFor', () => {
  it('agrees with the real botocore on every case', (t) => {
    const r = spawnSync('python3', ['-c', ORACLE], { input: JSON.stringify(CASES), encoding: 'utf8' });
    if (r.error || r.status !== 0) return peerMissing(t, `no python3 with botocore here: ${r.error?.message ?? r.stderr}`);
    const expected = JSON.parse(r.stdout) as (string | null)[];
    assert.deepEqual(CASES.map((c) => proxyFor(c.url, c.env)), expected);
  });

  it('adds the scheme to a bare host:port, as the consumer would read it', () => {
    assert.equal(proxyFor('https://oidc.us-east-1.amazonaws.com', { HTTPS_PROXY: 'proxy.corp:3128' }), 'http://proxy.corp:3128');
    assert.equal(proxyFor('not a url', { HTTPS_PROXY: 'p:1' }), null);
  });
});
