import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import { posix, win32 } from 'node:path';
import { LOGIN_CLIENT_IDS, LOGIN_REQUIRED_ACCESS_TOKEN_FIELDS, LOGIN_REQUIRED_TOP_FIELDS } from '../knowledge/token-caches.js';
import { parseJsonText, type JsonSyntaxError } from './json-text.js';
import { parseAwsTimestamp } from './timestamp.js';

export { parseAwsTimestamp, type TimestampParse } from './timestamp.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The cache file exactly as `aws login`, botocore and the JS SDK write it (aws/aws-cli awscli/customizations/login/utils.py, boto/botocore credentials.py LoginCredentialFetcher). */
export interface LoginCacheFile {
  accessToken: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
    accountId: string;
    /** ISO-8601: `...Z` from the CLI/botocore, `...000Z` from the JS SDK. */
    expiresAt: string;
  };
  tokenType?: string;
  clientId: string;
  refreshToken: string;
  /** JWT from the authorization-code exchange; kept unchanged by refreshes. */
  idToken?: string;
  /** PEM EC private key (SEC1 `-----BEGIN EC PRIVATE KEY-----` from the CLI). */
  dpopKey: string;
  /** Read by newer JS SDKs only (@aws-sdk/credential-provider-login 3.972.92); which tool writes it is not known. */
  signInRegion?: string;
}

/** The login cache folder each consumer reads, and whether they differ. */
export interface LoginCacheDirs {
  /** pip botocore and the AWS CLI: AWS_LOGIN_CACHE_DIRECTORY through expandvars + expanduser. */
  botocore: string;
  /** JS SDK: AWS_LOGIN_CACHE_DIRECTORY verbatim. */
  js: string;
  /** The raw variable, or null when unset (both use <home>/.aws/login/cache). Set but empty: '' (the working directory). */
  fromEnv: string | null;
}

export interface LoginCachePaths extends LoginCacheDirs {
  fileName: string;
  botocoreFile: string;
  jsFile: string;
}

function pathApi(platform: NodeJS.Platform) {
  return platform === 'win32' ? win32 : posix;
}

/** Python's os.path.expandvars then os.path.expanduser, for the forms a user writes ($VAR, ${VAR}, ~, ~/x). */
export function expandLikePython(value: string, env: Env, home: string, platform: NodeJS.Platform): string {
  let out = value.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const key = name.startsWith('{') ? name.slice(1, -1) : name;
    // Unknown variables are left unchanged, as Python does.
    return env[key] ?? whole;
  });
  if (platform === 'win32') out = out.replace(/%([^%]+)%/g, (whole, key: string) => env[key] ?? whole);
  // ~user cannot be resolved without the password database; Python would, we leave it as is.
  if (out === '~' || out.startsWith('~/') || (platform === 'win32' && out.startsWith('~\\'))) out = home + out.slice(1);
  return out;
}

export function loginCacheDirs(env: Env, home: string, platform: NodeJS.Platform): LoginCacheDirs {
  const raw = env.AWS_LOGIN_CACHE_DIRECTORY;
  // Both test only that the variable is set (botocore `in os.environ`, JS `??`): an empty value is the folder '', so
  // the cache file is looked up relative to the working directory.
  if (raw === undefined) {
    const dir = pathApi(platform).join(home, '.aws', 'login', 'cache');
    return { botocore: dir, js: dir, fromEnv: null };
  }
  return { botocore: expandLikePython(raw, env, home, platform), js: raw, fromEnv: raw };
}

/** `<sha256 hex of the exact login_session>.json` (botocore generate_login_cache_key, JS getTokenFilePath). */
export function loginCacheFileName(loginSession: string): string {
  return `${createHash('sha256').update(loginSession, 'utf8').digest('hex')}.json`;
}

/** loginCacheDirs as absolute folders: both consumers resolve a relative folder against the process cwd. */
export function resolvedLoginCacheDirs(env: Env, home: string, platform: NodeJS.Platform, cwd: string): LoginCacheDirs {
  const dirs = loginCacheDirs(env, home, platform);
  const p = pathApi(platform);
  return { botocore: p.resolve(cwd, dirs.botocore), js: p.resolve(cwd, dirs.js), fromEnv: dirs.fromEnv };
}

/** Where each consumer looks for this login session's cache file (absolute paths). */
export function loginCachePaths(loginSession: string, env: Env, home: string, platform: NodeJS.Platform, cwd: string): LoginCachePaths {
  const dirs = resolvedLoginCacheDirs(env, home, platform, cwd);
  const p = pathApi(platform);
  const fileName = loginCacheFileName(loginSession);
  return { ...dirs, fileName, botocoreFile: p.join(dirs.botocore, fileName), jsFile: p.join(dirs.js, fileName) };
}

export interface FieldProblem {
  /** Dotted path, e.g. `accessToken.accountId`. */
  field: string;
  problem: 'missing' | 'empty' | 'not a string' | 'not an object';
}

export type LoginCacheParse =
  | { ok: true; file: LoginCacheFile; expiresAt: Date; secrets: string[] }
  | { ok: false; error: 'json'; syntax: JsonSyntaxError; secrets: string[] }
  | { ok: false; error: 'not-an-object'; found: string; secrets: string[] }
  | { ok: false; error: 'fields'; problems: FieldProblem[]; secrets: string[] }
  | { ok: false; error: 'expires-at'; reason: string; secrets: string[] };

const SECRET_FIELDS = ['refreshToken', 'dpopKey', 'idToken'] as const;
const SECRET_ACCESS_TOKEN_FIELDS = ['secretAccessKey', 'sessionToken'] as const;

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses and validates a login cache file. Every result carries `secrets`: each secret-bearing string found,
 * so the caller can register them (ctx.secrets.add) before printing anything.
 */
export function parseLoginCache(text: string): LoginCacheParse {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, error: 'json', syntax: json.error, secrets: [] };
  const root = json.value;
  if (!isObject(root)) return { ok: false, error: 'not-an-object', found: typeName(root), secrets: [] };
  const secrets: string[] = [];
  for (const key of SECRET_FIELDS) if (typeof root[key] === 'string') secrets.push(root[key]);
  const access = root.accessToken;
  if (isObject(access)) for (const key of SECRET_ACCESS_TOKEN_FIELDS) if (typeof access[key] === 'string') secrets.push(access[key]);

  const problems: FieldProblem[] = [];
  const checkString = (obj: Record<string, unknown>, key: string, path: string) => {
    const v = obj[key];
    if (v === undefined || v === null) problems.push({ field: path, problem: 'missing' });
    else if (typeof v !== 'string') problems.push({ field: path, problem: 'not a string' });
    else if (v === '') problems.push({ field: path, problem: 'empty' });
  };
  for (const key of LOGIN_REQUIRED_TOP_FIELDS) {
    if (key === 'accessToken') {
      if (access === undefined || access === null) problems.push({ field: key, problem: 'missing' });
      else if (!isObject(access)) problems.push({ field: key, problem: 'not an object' });
    } else checkString(root, key, key);
  }
  if (isObject(access)) for (const key of LOGIN_REQUIRED_ACCESS_TOKEN_FIELDS) checkString(access, key, `accessToken.${key}`);
  if (problems.length || !isObject(access)) return { ok: false, error: 'fields', problems, secrets };

  // Built field by field from what was just checked: optional fields of another type are left out, not trusted.
  const field = (obj: Record<string, unknown>, key: string): string => (typeof obj[key] === 'string' ? obj[key] : '');
  const optional = (key: string): string | undefined => (typeof root[key] === 'string' ? root[key] : undefined);
  const file: LoginCacheFile = {
    accessToken: {
      accessKeyId: field(access, 'accessKeyId'),
      secretAccessKey: field(access, 'secretAccessKey'),
      sessionToken: field(access, 'sessionToken'),
      accountId: field(access, 'accountId'),
      expiresAt: field(access, 'expiresAt'),
    },
    clientId: field(root, 'clientId'),
    refreshToken: field(root, 'refreshToken'),
    dpopKey: field(root, 'dpopKey'),
    ...(optional('tokenType') !== undefined && { tokenType: optional('tokenType') }),
    ...(optional('idToken') !== undefined && { idToken: optional('idToken') }),
    ...(optional('signInRegion') !== undefined && { signInRegion: optional('signInRegion') }),
  };
  const expiry = parseAwsTimestamp(file.accessToken.expiresAt);
  if (!expiry.ok) return { ok: false, error: 'expires-at', reason: expiry.reason, secrets };
  return { ok: true, file, expiresAt: expiry.date, secrets };
}

export type LoginClientKind = 'same-device' | 'cross-device' | 'unknown';

export function loginClientKind(clientId: string): LoginClientKind {
  if (clientId === LOGIN_CLIENT_IDS['same-device']) return 'same-device';
  if (clientId === LOGIN_CLIENT_IDS['cross-device']) return 'cross-device';
  return 'unknown';
}

/** The account id in a login_session ARN (`arn:aws:iam::123456789012:user/alice`), or null. */
export function loginSessionAccount(loginSession: string): string | null {
  const parts = loginSession.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return null;
  const account = parts[4]!;
  return /^\d{12}$/.test(account) ? account : null;
}

export interface IdTokenTimes {
  /** `auth_time`: when the user signed in. */
  authTime: Date | null;
  /** `iat`: when the token was issued (at `aws login`; refreshes keep the old idToken). */
  issuedAt: Date | null;
}

/** Reads only the `iat`/`auth_time` claims of the idToken JWT; the token itself is never returned. */
export function idTokenTimes(idToken: unknown): IdTokenTimes | null {
  if (typeof idToken !== 'string') return null;
  const parts = idToken.split('.');
  if (parts.length !== 3) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isObject(payload)) return null;
  const seconds = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? new Date(v * 1000) : null);
  const times = { authTime: seconds(payload.auth_time), issuedAt: seconds(payload.iat) };
  return times.authTime || times.issuedAt ? times : null;
}

export type DpopKeyCheck = { ok: true; format: 'sec1' | 'pkcs8' } | { ok: false; reason: string };

/**
 * The DPoP key must be a PEM EC private key on P-256: botocore and the JS SDK sign ES256 proofs with it
 * (boto/botocore credentials.py _build_dpop_header, @aws-sdk/credential-provider-login). Loaded with node:crypto; its error text is kept generic
 * because it must not echo key material.
 */
export function checkDpopKey(pem: string): DpopKeyCheck {
  const header = /-----BEGIN ([A-Z ]+)-----/.exec(pem)?.[1];
  if (!header) return { ok: false, reason: 'it is not PEM (no "-----BEGIN ...-----" line)' };
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    return { ok: false, reason: `node:crypto cannot load it as a private key (PEM type "${header}")` };
  }
  if (key.asymmetricKeyType !== 'ec') return { ok: false, reason: `it is a ${(key.asymmetricKeyType ?? 'unknown').toUpperCase()} key, not an EC key` };
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve !== 'prime256v1') return { ok: false, reason: `it is an EC key on ${curveName(curve)}, not P-256` };
  return { ok: true, format: header === 'EC PRIVATE KEY' ? 'sec1' : 'pkcs8' };
}

function curveName(curve: string | undefined): string {
  const names: Record<string, string> = { secp384r1: 'P-384', secp521r1: 'P-521', secp256k1: 'secp256k1' };
  return curve ? (names[curve] ?? curve) : 'an unknown curve';
}
