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

/** The parts of a login token file the refresh test compares (never printed: see secrets()). */
export interface LoginTokenState {
  accessKeyId: string;
  refreshToken: string;
  expiresAt: Date;
  expiresAtText: string;
}

/** `secrets`: every secret value found in the file, to register with ctx.secrets before anything else. */
export type LoginTokenRead = { ok: true; token: LoginTokenState; secrets: string[] } | { ok: false; problems: string[]; secrets: string[] };

const TOP_FIELDS = ['accessToken', 'refreshToken', 'dpopKey', 'clientId'] as const;
const ACCESS_FIELDS = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'accountId', 'expiresAt'] as const;

/** The fields botocore and the JS SDK both require (botocore-login.md §1.5, js-sdk-login.md §1.5). */
export function readLoginToken(text: string): LoginTokenRead {
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
    token: {
      accessKeyId: access.accessKeyId as string,
      refreshToken: top.refreshToken as string,
      expiresAt,
      expiresAtText: access.expiresAt as string,
    },
    secrets,
  };
}
