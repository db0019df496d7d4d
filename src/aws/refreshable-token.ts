import { createHash } from 'node:crypto';
import { joinPath } from './paths.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * `$AWS_LOGIN_CACHE_DIRECTORY` or `~/.aws/login/cache`, then sha256(login_session) + `.json`
 * (botocore-login.md §1.4; js-sdk-login.md §1.4 — the JS SDK does not expand `~`, botocore does).
 */
export function loginTokenPath(env: Env, home: string, platform: NodeJS.Platform, loginSession: string): string {
  const configured = env.AWS_LOGIN_CACHE_DIRECTORY;
  const dir = configured
    ? configured === '~' || configured.startsWith('~/')
      ? home + configured.slice(1)
      : configured
    : joinPath(platform, home, '.aws', 'login', 'cache');
  return joinPath(platform, dir, createHash('sha256').update(loginSession, 'utf8').digest('hex') + '.json');
}

/** `~/.aws/sso/cache/<sha1(sso-session name)>.json`; no environment override (botocore-login.md §4). */
export function ssoTokenPath(home: string, platform: NodeJS.Platform, sessionName: string): string {
  return joinPath(platform, home, '.aws', 'sso', 'cache', createHash('sha1').update(sessionName, 'utf8').digest('hex') + '.json');
}

/** The parts of a token cache file the refresh test compares. */
export interface TokenState {
  /** Login: the access key id. SSO: a digest of the access token, never the token itself. */
  credentialId: string;
  refreshToken: string;
  expiresAt: Date;
}

/** `secrets`: every secret value found in the file, to register with ctx.secrets before anything else. */
export type TokenRead = { ok: true; token: TokenState; secrets: string[] } | { ok: false; problems: string[]; secrets: string[] };

/** What differs between the two token caches a refresh test can drive. */
export interface TokenFormat {
  kind: 'login' | 'sso';
  /** Where the expiry the consumers read sits in the JSON. */
  expiryPath: readonly string[];
  read(text: string): TokenRead;
}

const TOP_FIELDS = ['accessToken', 'refreshToken', 'dpopKey', 'clientId'] as const;
const ACCESS_FIELDS = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'accountId', 'expiresAt'] as const;

/** The fields botocore and the JS SDK both require (botocore-login.md §1.5, js-sdk-login.md §1.5). */
export function readLoginToken(text: string): TokenRead {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON (${(error as Error).message})`], secrets: [] };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, problems: ['not a JSON object'], secrets: [] };
  const top = doc as Record<string, unknown>;
  const access = (top.accessToken && typeof top.accessToken === 'object' ? top.accessToken : {}) as Record<string, unknown>;
  const secrets = [top.refreshToken, top.dpopKey, top.idToken, access.secretAccessKey, access.sessionToken].filter(
    (v): v is string => typeof v === 'string',
  );
  const problems: string[] = [];
  for (const f of TOP_FIELDS) if (!top[f]) problems.push(`missing ${f}`);
  if (typeof top.refreshToken !== 'string' && top.refreshToken) problems.push('refreshToken is not a string');
  for (const f of ACCESS_FIELDS) if (top.accessToken && typeof access[f] !== 'string') problems.push(`missing accessToken.${f}`);
  const expiresAt = typeof access.expiresAt === 'string' ? new Date(access.expiresAt) : null;
  if (expiresAt && Number.isNaN(expiresAt.getTime())) problems.push(`accessToken.expiresAt "${String(access.expiresAt)}" is not a date`);
  if (problems.length > 0 || !expiresAt) return { ok: false, problems, secrets };
  return {
    ok: true,
    token: { credentialId: access.accessKeyId as string, refreshToken: top.refreshToken as string, expiresAt },
    secrets,
  };
}

const SSO_REFRESH_FIELDS = ['refreshToken', 'clientId', 'clientSecret'] as const;

/** An SSO token that a consumer can refresh (botocore-login.md §4: refreshToken, clientId, clientSecret). */
export function readSsoToken(text: string): TokenRead {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON (${(error as Error).message})`], secrets: [] };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, problems: ['not a JSON object'], secrets: [] };
  const top = doc as Record<string, unknown>;
  const secrets = [top.accessToken, top.refreshToken, top.clientSecret].filter((v): v is string => typeof v === 'string');
  const problems: string[] = [];
  if (typeof top.accessToken !== 'string' || !top.accessToken) problems.push('missing accessToken');
  for (const f of SSO_REFRESH_FIELDS) if (typeof top[f] !== 'string' || !top[f]) problems.push(`missing ${f}, so it cannot be refreshed`);
  const expiresAt = typeof top.expiresAt === 'string' ? new Date(top.expiresAt) : null;
  if (!expiresAt) problems.push('missing expiresAt');
  else if (Number.isNaN(expiresAt.getTime())) problems.push(`expiresAt "${String(top.expiresAt)}" is not a date`);
  if (problems.length > 0 || !expiresAt) return { ok: false, problems, secrets };
  const credentialId = `sha256:${createHash('sha256').update(top.accessToken as string).digest('hex').slice(0, 16)}`;
  return { ok: true, token: { credentialId, refreshToken: top.refreshToken as string, expiresAt }, secrets };
}

export const LOGIN_FORMAT: TokenFormat = { kind: 'login', expiryPath: ['accessToken', 'expiresAt'], read: readLoginToken };
export const SSO_FORMAT: TokenFormat = { kind: 'sso', expiryPath: ['expiresAt'], read: readSsoToken };
