import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import { LOGIN_CLIENT_IDS, LOGIN_REQUIRED_ACCESS_TOKEN_FIELDS, LOGIN_REQUIRED_TOP_FIELDS } from '../knowledge/token-caches.js';
import { isObject, parseJsonText, type JsonSyntaxError } from './json-text.js';
import { envValue, pathApi, pythonExpandPath } from './paths.js';
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

export function loginCacheDirs(env: Env, home: string, platform: NodeJS.Platform): LoginCacheDirs {
  // On Windows both Python's os.environ and Node's process.env look names up without regard to case.
  const raw = envValue(env, platform, 'AWS_LOGIN_CACHE_DIRECTORY');
  // Both test only that the variable is set (botocore `in os.environ`, JS `??`): an empty value is the folder '', so
  // the cache file is looked up relative to the working directory.
  if (raw === undefined) {
    const dir = pathApi(platform).join(home, '.aws', 'login', 'cache');
    return { botocore: dir, js: dir, fromEnv: null };
  }
  return { botocore: pythonExpandPath(raw, env, platform, home), js: raw, fromEnv: raw };
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
 * because it must not echo key material. A key in the exact layout `aws login`, botocore and the JS SDK write is
 * recognised without OpenSSL (whose PEM decoding costs about a millisecond per key); anything else takes node:crypto.
 */
export function checkDpopKey(pem: string): DpopKeyCheck {
  const format = canonicalP256Format(pem);
  return format ? { ok: true, format } : checkDpopKeyWithOpenSsl(pem);
}

/** The full check through node:crypto (OpenSSL): the reference the canonical fast path is tested against. */
export function checkDpopKeyWithOpenSsl(pem: string): DpopKeyCheck {
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

// DER of a P-256 key with its public point, byte for byte as OpenSSL (the CLI, botocore's cryptography, Node) writes it:
// SEC1 ECPrivateKey {1, d, [0] prime256v1, [1] 04||x||y}, and PKCS#8 {0, {ecPublicKey, prime256v1}, ECPrivateKey without [0]}.
const SEC1_PREFIX = Buffer.from('30770201010420', 'hex');
const SEC1_MIDDLE = Buffer.from('a00a06082a8648ce3d030107a14403420004', 'hex');
const PKCS8_PREFIX = Buffer.from('308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420', 'hex');
const PKCS8_MIDDLE = Buffer.from('a14403420004', 'hex');
const P256_P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const P256_B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
const PEM_BODY = /^-----BEGIN (EC PRIVATE KEY|PRIVATE KEY)-----\n([A-Za-z0-9+/=\n]+)-----END \1-----\n?$/;

/**
 * 'sec1' or 'pkcs8' when the PEM is exactly that layout (64-column base64, LF) with a public point on P-256,
 * which is all OpenSSL verifies when it loads such a key (it accepts any 32-byte scalar); null for anything
 * else, which then goes through node:crypto.
 */
export function canonicalP256Format(pem: string): 'sec1' | 'pkcs8' | null {
  const m = PEM_BODY.exec(pem);
  if (!m) return null;
  const der = Buffer.from(m[2]!, 'base64');
  // Exactly the text a writer produces from these bytes (64-column lines, canonical padding), nothing OpenSSL might read otherwise.
  const text = `-----BEGIN ${m[1]}-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END ${m[1]}-----\n`;
  if (pem !== text && pem !== text.slice(0, -1)) return null;
  const [prefix, middle, format] = m[1] === 'EC PRIVATE KEY' ? ([SEC1_PREFIX, SEC1_MIDDLE, 'sec1'] as const) : ([PKCS8_PREFIX, PKCS8_MIDDLE, 'pkcs8'] as const);
  const at = prefix.length + 32;
  if (der.length !== at + middle.length + 64 || !der.subarray(0, prefix.length).equals(prefix) || !der.subarray(at, at + middle.length).equals(middle)) return null;
  const x = BigInt(`0x${der.toString('hex', at + middle.length, at + middle.length + 32)}`);
  const y = BigInt(`0x${der.toString('hex', at + middle.length + 32)}`);
  if (x >= P256_P || y >= P256_P) return null;
  // y² = x³ - 3x + b (mod p): the point lies on the curve.
  const rhs = (((((x * x) % P256_P) * x) % P256_P) - 3n * x + P256_B) % P256_P;
  return (y * y - rhs) % P256_P === 0n ? format : null;
}

function curveName(curve: string | undefined): string {
  const names: Record<string, string> = { secp384r1: 'P-384', secp521r1: 'P-521', secp256k1: 'secp256k1' };
  return curve ? (names[curve] ?? curve) : 'an unknown curve';
}
