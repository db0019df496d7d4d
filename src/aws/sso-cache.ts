import { createHash } from 'node:crypto';
import { SSO_REFRESH_FIELDS } from '../knowledge/token-caches.js';
import { isObject, parseJsonText, type JsonSyntaxError } from './json-text.js';
import { parseAwsTimestamp } from './timestamp.js';
import { pathApi } from './paths.js';

/** An SSO token file as `aws sso login` and the SDK refreshes write it (boto/botocore tokens.py SSOTokenProvider, @aws-sdk/token-providers writeSSOTokenToFile). */
export interface SsoTokenFile {
  startUrl?: string;
  region?: string;
  accessToken: string;
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

/** What we concluded from a parsed token file. */
export interface SsoToken {
  file: SsoTokenFile;
  expiresAt: Date;
  /** null when absent; an unparsable value is a parse error. */
  registrationExpiresAt: Date | null;
  /** Refresh fields that are absent or empty. */
  missingRefreshFields: string[];
}

export type SsoTokenParse =
  | { ok: true; token: SsoToken; secrets: string[] }
  | { ok: false; error: 'json'; syntax: JsonSyntaxError; secrets: string[] }
  | { ok: false; error: 'not-an-object'; found: string; secrets: string[] }
  | { ok: false; error: 'fields'; missing: string[]; secrets: string[] }
  | { ok: false; error: 'timestamp'; field: 'expiresAt' | 'registrationExpiresAt'; reason: string; secrets: string[] };

/** No env override exists for this folder (botocore _SSO_TOKEN_CACHE_DIR, smithy getSSOTokenFilepath). */
export function ssoCacheDir(home: string, platform: NodeJS.Platform): string {
  return pathApi(platform).join(home, '.aws', 'sso', 'cache');
}

/** `<sha1 hex>.json` of the sso-session name (sso_session profiles) or of sso_start_url (legacy profiles). */
export function ssoCacheFileName(key: string): string {
  return `${createHash('sha1').update(key, 'utf8').digest('hex')}.json`;
}

const SECRET_FIELDS = ['accessToken', 'refreshToken', 'clientSecret'] as const;

/** Parses an SSO token; `accessToken` and `expiresAt` are what every loader requires. `secrets` is for ctx.secrets.add. */
export function parseSsoToken(text: string): SsoTokenParse {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, error: 'json', syntax: json.error, secrets: [] };
  const root = json.value;
  if (!isObject(root)) return { ok: false, error: 'not-an-object', found: root === null ? 'null' : Array.isArray(root) ? 'an array' : typeof root, secrets: [] };
  const secrets = SECRET_FIELDS.map((k) => root[k]).filter((v): v is string => typeof v === 'string');
  const missing = (['accessToken', 'expiresAt'] as const).filter((k) => typeof root[k] !== 'string' || root[k] === '');
  if (missing.length) return { ok: false, error: 'fields', missing, secrets };
  // Built field by field from what was just checked: optional fields of another type are left out, not trusted.
  const field = (key: string): string => (typeof root[key] === 'string' ? root[key] : '');
  const file: SsoTokenFile = { accessToken: field('accessToken'), expiresAt: field('expiresAt') };
  for (const key of ['startUrl', 'region', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken'] as const) {
    const value = root[key];
    if (typeof value === 'string') file[key] = value;
  }
  const expiry = parseAwsTimestamp(file.expiresAt);
  if (!expiry.ok) return { ok: false, error: 'timestamp', field: 'expiresAt', reason: expiry.reason, secrets };
  let registrationExpiresAt: Date | null = null;
  if (root.registrationExpiresAt !== undefined && root.registrationExpiresAt !== null) {
    const reg = parseAwsTimestamp(root.registrationExpiresAt);
    if (!reg.ok) return { ok: false, error: 'timestamp', field: 'registrationExpiresAt', reason: reg.reason, secrets };
    registrationExpiresAt = reg.date;
  }
  const missingRefreshFields = SSO_REFRESH_FIELDS.filter((k) => typeof root[k] !== 'string' || root[k] === '');
  return { ok: true, token: { file, expiresAt: expiry.date, registrationExpiresAt, missingRefreshFields }, secrets };
}
