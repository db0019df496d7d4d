/**
 * Builds a throwaway HOME with a login profile and its cache file exactly as `aws login` (AWS CLI v2) writes it:
 * single-line Python `json.dumps` text (", " and ": " separators), key order of the CLI, `expiresAt` as
 * `YYYY-MM-DDTHH:MM:SSZ`, dpopKey a SEC1 PEM P-256 key (botocore-login.md §1.5), file mode 0600.
 *
 * API
 *   const h = await makeLoginHome({ fake?, profile?, loginSession?, region?, expiresInS?, accountId?, config? })
 *   h.home, h.profile, h.cacheDir, h.cachePath, h.dpopKeyPem, h.token (the object written)
 *   h.env          // HOME + AWS_LOGIN_CACHE_DIRECTORY (add fake.env() yourself)
 *   h.readCache()  // the cache file parsed again (throws if it is not JSON)
 *   h.cleanup()
 * With `fake`, the session (clientId, refresh token, DPoP key) and the cached access key are seeded into it.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeAws, Identity } from './fake-aws.js';
import { isoSeconds, pythonJsonDumps } from './token-fixtures.js';

export interface LoginCacheToken {
  accessToken: { accessKeyId: string; secretAccessKey: string; sessionToken: string; accountId: string; expiresAt: string };
  tokenType: string;
  clientId: string;
  refreshToken: string;
  idToken: string;
  dpopKey: string;
}

export interface LoginHome {
  home: string;
  profile: string;
  loginSession: string;
  cacheDir: string;
  cachePath: string;
  dpopKeyPem: string;
  token: LoginCacheToken;
  env: Record<string, string>;
  readCache(): Promise<LoginCacheToken>;
  cleanup(): Promise<void>;
}

export interface LoginHomeOptions {
  fake?: FakeAws;
  profile?: string;
  loginSession?: string;
  /** Profile `region`; null writes none. */
  region?: string | null;
  /** Seconds until accessToken.expiresAt; <= 300 makes every consumer refresh on first use. */
  expiresInS?: number;
  /** Extra lines appended to ~/.aws/config. */
  extraConfig?: string;
  identity?: Identity;
  clientId?: string;
}

export function loginCacheFileName(loginSession: string): string {
  return `${createHash('sha256').update(loginSession, 'utf8').digest('hex')}.json`;
}

export async function makeLoginHome(o: LoginHomeOptions = {}): Promise<LoginHome> {
  const home = await mkdtemp(join(tmpdir(), 'ld-login-home-'));
  const profile = o.profile ?? 'dev';
  const identity = o.identity ?? { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', userId: 'AIDAFAKEUSERID000001' };
  const loginSession = o.loginSession ?? identity.arn;
  const region = o.region === undefined ? 'us-east-1' : o.region;
  const awsDir = join(home, '.aws');
  const cacheDir = join(awsDir, 'login', 'cache');
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  const section = profile === 'default' ? '[default]' : `[profile ${profile}]`;
  await writeFile(
    join(awsDir, 'config'),
    `${section}\nlogin_session = ${loginSession}\n${region ? `region = ${region}\n` : ''}${o.extraConfig ?? ''}`,
  );

  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const dpopKeyPem = privateKey.export({ format: 'pem', type: 'sec1' }).toString();
  const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + (o.expiresInS ?? 60) * 1000);
  const token: LoginCacheToken = {
    accessToken: {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: `SECRET-login-${randomBytes(12).toString('hex')}`,
      sessionToken: `SESSION-login-${randomBytes(24).toString('hex')}`,
      accountId: identity.account,
      expiresAt: isoSeconds(expiresAt),
    },
    tokenType: 'aws_sigv4',
    clientId: o.clientId ?? 'arn:aws:signin:::devtools/same-device',
    refreshToken: `REFRESH-login-${randomBytes(16).toString('hex')}`,
    idToken: `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ sub: loginSession })).toString('base64url')}.`,
    dpopKey: dpopKeyPem,
  };
  const cachePath = join(cacheDir, loginCacheFileName(loginSession));
  await writeFile(cachePath, pythonJsonDumps(token), { mode: 0o600 });
  await chmod(cachePath, 0o600);

  if (o.fake) {
    o.fake.seedLoginSession({ clientId: token.clientId, refreshToken: token.refreshToken, dpopKeyPem, identity });
    o.fake.seedCredentials({ ...token.accessToken, expiresAt, identity });
  }

  return {
    home,
    profile,
    loginSession,
    cacheDir,
    cachePath,
    dpopKeyPem,
    token,
    env: { HOME: home, AWS_LOGIN_CACHE_DIRECTORY: cacheDir },
    readCache: async () => JSON.parse(await readFile(cachePath, 'utf8')) as LoginCacheToken,
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}
