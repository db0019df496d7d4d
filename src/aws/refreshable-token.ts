import { createHash } from 'node:crypto';
import { loginCachePaths, parseLoginCache, type LoginCacheParse } from './login-cache.js';
import { parseSsoToken, ssoCacheDir, ssoCacheFileName, type SsoTokenParse } from './sso-cache.js';
import { joinPath } from './paths.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The login cache file the refresh test drives: botocore's reading of AWS_LOGIN_CACHE_DIRECTORY (the caches
 * check reports login-cache-dir-unexpanded when the JS SDK would read another folder).
 */
export function loginTokenPath(env: Env, home: string, platform: NodeJS.Platform, cwd: string, loginSession: string): string {
  return loginCachePaths(loginSession, env, home, platform, cwd).botocoreFile;
}

/** `~/.aws/sso/cache/<sha1(sso-session name)>.json`; no environment override (boto/botocore tokens.py _SSO_TOKEN_CACHE_DIR). */
export function ssoTokenPath(home: string, platform: NodeJS.Platform, sessionName: string): string {
  return joinPath(platform, ssoCacheDir(home, platform), ssoCacheFileName(sessionName));
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

type ParseFailure = Extract<LoginCacheParse | SsoTokenParse, { ok: false }>;

/** One line per problem, for a refresh-test finding (the caches checks give the full diagnosis). */
function problemsOf(failure: ParseFailure): string[] {
  switch (failure.error) {
    case 'json':
      return [`not valid JSON (line ${failure.syntax.line}, column ${failure.syntax.column}: ${failure.syntax.message})`];
    case 'not-an-object':
      return [`not a JSON object (found ${failure.found})`];
    case 'fields':
      return 'problems' in failure ? failure.problems.map((p) => `${p.field} is ${p.problem}`) : failure.missing.map((f) => `missing ${f}`);
    case 'expires-at':
      return [`accessToken.expiresAt: ${failure.reason}`];
    case 'timestamp':
      return [`${failure.field}: ${failure.reason}`];
  }
}

/** The fields botocore and the JS SDK both require, as the caches check parses them. */
export function readLoginToken(text: string): TokenRead {
  const parsed = parseLoginCache(text);
  if (!parsed.ok) return { ok: false, problems: problemsOf(parsed), secrets: parsed.secrets };
  const { file } = parsed;
  return { ok: true, token: { credentialId: file.accessToken.accessKeyId, refreshToken: file.refreshToken, expiresAt: parsed.expiresAt }, secrets: parsed.secrets };
}

/** An SSO token that a consumer can refresh (boto/botocore tokens.py SSOTokenProvider: refreshToken, clientId, clientSecret). */
export function readSsoToken(text: string): TokenRead {
  const parsed = parseSsoToken(text);
  if (!parsed.ok) return { ok: false, problems: problemsOf(parsed), secrets: parsed.secrets };
  const { token } = parsed;
  if (token.missingRefreshFields.length > 0) {
    return { ok: false, problems: token.missingRefreshFields.map((f) => `missing ${f}, so it cannot be refreshed`), secrets: parsed.secrets };
  }
  const credentialId = `sha256:${createHash('sha256').update(token.file.accessToken).digest('hex').slice(0, 16)}`;
  return { ok: true, token: { credentialId, refreshToken: token.file.refreshToken!, expiresAt: token.expiresAt }, secrets: parsed.secrets };
}

export const LOGIN_FORMAT: TokenFormat = { kind: 'login', expiryPath: ['accessToken', 'expiresAt'], read: readLoginToken };
export const SSO_FORMAT: TokenFormat = { kind: 'sso', expiryPath: ['expiresAt'], read: readSsoToken };
