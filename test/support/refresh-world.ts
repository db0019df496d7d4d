import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { FakeAws, type SigninFailure } from './fake-aws.js';
import { makeLoginHome, type LoginHome, type LoginHomeOptions } from './login-home.js';
import { makeSsoHome, type SsoHome } from './sso-home.js';

/** A local fake AWS and a HOME seeded into it, for the refresh tests. */
interface World<H> {
  fake: FakeAws;
  h: H;
  /** HOME (and for login, the cache folder) plus every endpoint variable pointed at the fake. */
  env: Record<string, string>;
  /** The cache file's bytes before the test. */
  original: string;
}

export type RefreshWorld = World<LoginHome>;
export type SsoRefreshWorld = World<SsoHome>;

const worlds: World<LoginHome | SsoHome>[] = [];

async function startFake(signin?: SigninFailure): Promise<FakeAws> {
  const fake = new FakeAws();
  await fake.start();
  if (signin) fake.switches.signin = signin;
  return fake;
}

async function track<H extends LoginHome | SsoHome>(fake: FakeAws, h: H): Promise<World<H>> {
  const w = { fake, h, env: { ...h.env, ...fake.env() }, original: await readFile(h.cachePath, 'utf8') };
  worlds.push(w);
  return w;
}

export async function refreshWorld(o: Omit<LoginHomeOptions, 'fake'> & { signin?: SigninFailure } = {}): Promise<RefreshWorld> {
  const { signin, ...home } = o;
  const fake = await startFake(signin);
  // 10 minutes left: outside every refresh window, so only the test's shortening makes consumers refresh.
  return track(fake, await makeLoginHome({ fake, expiresInS: 600, ...home }));
}

/** An sso-session profile whose token has an hour left, seeded into its own fake AWS. */
export async function ssoRefreshWorld(o: { registrationExpiresInS?: number } = {}): Promise<SsoRefreshWorld> {
  const fake = await startFake();
  return track(fake, await makeSsoHome({ fake, expiresInS: 3600, ...o }));
}

/** For afterEach: removes every world's HOME, stops its fake AWS, and fails if a request came from beyond loopback. */
export async function endRefreshWorlds(): Promise<void> {
  for (const w of worlds.splice(0)) {
    await w.h.cleanup();
    await w.fake.stop();
    for (const r of w.fake.requests) assert.equal(r.remoteAddress, '127.0.0.1');
  }
}
