/**
 * Builds a throwaway HOME with an sso-session profile and its token cache as `aws sso login` writes it
 * (~/.aws/sso/cache/<sha1(session name)>.json, botocore-login.md §4), seeded into a FakeAws when given.
 *
 * API
 *   const h = await makeSsoHome({ fake?, profile?, session?, expiresInS?, registrationExpiresInS? })
 *   h.home, h.profile, h.session, h.cachePath, h.token, h.env ({ HOME }), h.readCache(), h.cleanup()
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeAws, Identity } from './fake-aws.js';
import { isoSeconds, pythonJsonDumps } from './token-fixtures.js';

export interface SsoCacheToken {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId: string;
  clientSecret: string;
  registrationExpiresAt: string;
  refreshToken: string;
}

export interface SsoHome {
  home: string;
  profile: string;
  session: string;
  accountId: string;
  roleName: string;
  cachePath: string;
  token: SsoCacheToken;
  env: Record<string, string>;
  readCache(): Promise<SsoCacheToken>;
  cleanup(): Promise<void>;
}

export async function makeSsoHome(
  o: { fake?: FakeAws; profile?: string; session?: string; expiresInS?: number; registrationExpiresInS?: number; identity?: Identity } = {},
): Promise<SsoHome> {
  const home = await mkdtemp(join(tmpdir(), 'ld-sso-home-'));
  const profile = o.profile ?? 'sso-dev';
  const session = o.session ?? 'my-sso';
  const accountId = '111122223333';
  const roleName = 'Developer';
  const identity = o.identity ?? { account: accountId, arn: `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_0123/alice`, userId: 'AROAFAKEROLEID0000001:alice' };
  await mkdir(join(home, '.aws', 'sso', 'cache'), { recursive: true, mode: 0o700 });
  await writeFile(
    join(home, '.aws', 'config'),
    `[profile ${profile}]\nsso_session = ${session}\nsso_account_id = ${accountId}\nsso_role_name = ${roleName}\nregion = us-east-1\n\n` +
      `[sso-session ${session}]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
  );
  const now = Math.floor(Date.now() / 1000) * 1000;
  const token: SsoCacheToken = {
    startUrl: 'https://example.awsapps.com/start',
    region: 'us-east-1',
    accessToken: `SSOACCESS-${randomBytes(16).toString('hex')}`,
    expiresAt: isoSeconds(new Date(now + (o.expiresInS ?? 60) * 1000)),
    clientId: `SSOCLIENT-${randomBytes(8).toString('hex')}`,
    clientSecret: `SSOCLIENTSECRET-${randomBytes(16).toString('hex')}`,
    registrationExpiresAt: isoSeconds(new Date(now + (o.registrationExpiresInS ?? 30 * 86400) * 1000)),
    refreshToken: `SSOREFRESH-${randomBytes(16).toString('hex')}`,
  };
  const cachePath = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(session).digest('hex')}.json`);
  await writeFile(cachePath, pythonJsonDumps(token), { mode: 0o600 });
  o.fake?.seedSsoSession({
    clientId: token.clientId,
    clientSecret: token.clientSecret,
    refreshToken: token.refreshToken,
    accessToken: token.accessToken,
    registrationExpiresAt: new Date(token.registrationExpiresAt),
    roles: { [`${accountId}/${roleName}`]: identity },
  });
  return {
    home,
    profile,
    session,
    accountId,
    roleName,
    cachePath,
    token,
    env: { HOME: home },
    readCache: async () => JSON.parse(await readFile(cachePath, 'utf8')) as SsoCacheToken,
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}
