import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { FakeAws, type SigninFailure } from './fake-aws.js';
import { makeLoginHome, type LoginHome, type LoginHomeOptions } from './login-home.js';

/** A local fake AWS and a login HOME seeded into it, for the refresh tests. */
export interface RefreshWorld {
  fake: FakeAws;
  h: LoginHome;
  /** HOME, the cache folder and every endpoint variable pointed at the fake. */
  env: Record<string, string>;
  /** The cache file's bytes before the test. */
  original: string;
}

const worlds: RefreshWorld[] = [];

export async function refreshWorld(o: Omit<LoginHomeOptions, 'fake'> & { signin?: SigninFailure } = {}): Promise<RefreshWorld> {
  const { signin, ...home } = o;
  const fake = new FakeAws();
  await fake.start();
  // 10 minutes left: outside every refresh window, so only the test's shortening makes consumers refresh.
  const h = await makeLoginHome({ fake, expiresInS: 600, ...home });
  if (signin) fake.switches.signin = signin;
  const w = { fake, h, env: { ...h.env, ...fake.env() }, original: await readFile(h.cachePath, 'utf8') };
  worlds.push(w);
  return w;
}

/** For afterEach: removes every world's HOME, stops its fake AWS, and fails if a request came from beyond loopback. */
export async function endRefreshWorlds(): Promise<void> {
  for (const w of worlds.splice(0)) {
    await w.h.cleanup();
    await w.fake.stop();
    for (const r of w.fake.requests) assert.equal(r.remoteAddress, '127.0.0.1');
  }
}
