import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loginCacheFileName } from '../../src/aws/login-cache.js';
import { ssoCacheFileName } from '../../src/aws/sso-cache.js';
import { tempHome } from './temp-home.js';

/** Distinctive fake secrets: any of them in any output is a leak. */
export const SECRETS = {
  accessKeyId: 'ASIAXYZSECRETKEY7890',
  secretAccessKey: 'SECRET-xyz-secretAccessKey-7f3a91',
  sessionToken: 'SECRET-xyz-sessionToken-c0ffee42',
  refreshToken: 'SECRET-xyz-refreshToken-5150ab',
  idTokenSignature: 'SECRET-xyz-idTokenSignature-99',
  ssoAccessToken: 'SECRET-xyz-ssoAccessToken-d00d',
  ssoRefreshToken: 'SECRET-xyz-ssoRefreshToken-beef',
  ssoClientSecret: 'SECRET-xyz-ssoClientSecret-f00d',
  cliSecretAccessKey: 'SECRET-xyz-cliSecretAccessKey-1234',
  cliSessionToken: 'SECRET-xyz-cliSessionToken-5678',
} as const;

export const ACCOUNT = '123456789012';
export const SESSION_ARN = `arn:aws:iam::${ACCOUNT}:user/alice`;

/** A temp HOME with an empty ~/.aws folder (removed at exit). */
export function awsHome(prefix = 'ld-caches-'): string {
  const { home } = tempHome({}, prefix);
  mkdirSync(join(home, '.aws'));
  return home;
}

export function writeConfig(home: string, text: string): void {
  writeFileSync(join(home, '.aws', 'config'), text);
}

/** SEC1 PEM, as `aws login` writes it. */
export function p256Sec1Pem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'sec1' }).toString();
}

export function p384Sec1Pem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ format: 'pem', type: 'sec1' }).toString();
}

export function rsaPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** A JWT whose payload carries the given claims; the signature is a distinctive fake secret. */
export function fakeIdToken(claims: Record<string, unknown>): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b64({ alg: 'ES384', typ: 'JWT' })}.${b64(claims)}.${SECRETS.idTokenSignature}`;
}

/** `2026-01-05T07:12:30Z` (AWS CLI, botocore). */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface LoginTokenOptions {
  expiresAt: string;
  dpopKey: string;
  clientId?: string;
  accountId?: string;
  idToken?: string;
}

export function loginToken(o: LoginTokenOptions): Record<string, unknown> {
  return {
    accessToken: {
      accessKeyId: SECRETS.accessKeyId,
      secretAccessKey: SECRETS.secretAccessKey,
      sessionToken: SECRETS.sessionToken,
      accountId: o.accountId ?? ACCOUNT,
      expiresAt: o.expiresAt,
    },
    tokenType: 'aws_sigv4',
    clientId: o.clientId ?? 'arn:aws:signin:::devtools/same-device',
    refreshToken: SECRETS.refreshToken,
    idToken: o.idToken ?? fakeIdToken({ sub: SESSION_ARN }),
    dpopKey: o.dpopKey,
  };
}

/** Python's json.dumps with default separators (one line, ", " and ": ") and ensure_ascii, as botocore and the AWS CLI write caches. */
export function pythonJsonDumps(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${pyString(k)}: ${pythonJsonDumps(v)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') return pyString(value);
  return JSON.stringify(value);
}

function pyString(s: string): string {
  // ensure_ascii=True: everything outside ASCII becomes \uXXXX, as Python writes it.
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function loginCacheDir(home: string): string {
  return join(home, '.aws', 'login', 'cache');
}

/** Writes the cache file for a login session (mode 0600 like botocore) and returns its path. */
export function writeLoginCache(home: string, session: string, text: string, dir = loginCacheDir(home)): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, loginCacheFileName(session));
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

export function ssoCacheDirOf(home: string): string {
  return join(home, '.aws', 'sso', 'cache');
}

export function ssoToken(o: { startUrl: string; region: string; expiresAt: string; refreshable?: boolean; registrationExpiresAt?: string }): Record<string, unknown> {
  const token: Record<string, unknown> = { startUrl: o.startUrl, region: o.region, accessToken: SECRETS.ssoAccessToken, expiresAt: o.expiresAt };
  if (o.refreshable ?? true) {
    token.clientId = 'fake-client-id';
    token.clientSecret = SECRETS.ssoClientSecret;
    token.registrationExpiresAt = o.registrationExpiresAt ?? isoSeconds(new Date(Date.now() + 60 * 86_400_000));
    token.refreshToken = SECRETS.ssoRefreshToken;
  }
  return token;
}

export function writeSsoCache(home: string, key: string, text: string): string {
  mkdirSync(ssoCacheDirOf(home), { recursive: true });
  const path = join(ssoCacheDirOf(home), ssoCacheFileName(key));
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

export const ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** Everything the given texts contain that is a fake secret (full access key ids included). */
export function leakedSecrets(...texts: string[]): string[] {
  const all = texts.join('\n');
  return Object.values(SECRETS).filter((s) => all.includes(s));
}

/** A healthy cache in the AWS CLI's form (14 minutes left), for tests about other checks that need a clean login profile. */
export function writeHealthyLoginCache(home: string, session: string): string {
  return writeLoginCache(home, session, pythonJsonDumps(loginToken({ expiresAt: isoSeconds(new Date(Date.now() + 14 * 60_000)), dpopKey: p256Sec1Pem() })));
}
