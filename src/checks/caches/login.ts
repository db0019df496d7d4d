import { getSetting } from '../../aws/config.js';
import { loginCommandFor } from '../../aws/cli-windows.js';
import {
  checkDpopKey,
  idTokenTimes,
  loginCacheFileName,
  loginClientKind,
  loginSessionAccount,
  resolvedLoginCacheDirs,
  type LoginCacheParse,
} from '../../aws/login-cache.js';
import type { Check } from '../../engine/check.js';
import type { Context, FileStat } from '../../engine/context.js';
import type { FindingInput } from '../../engine/finding.js';
import { maskKeyId } from '../../engine/secrets.js';
import { awsLogin, removeFiles, setEnv, shellQuote, shellOf } from '../../knowledge/shell.js';
import { LOGIN_CACHE_ERRORS, LOGIN_REFRESH_THRESHOLD_MS, LOGIN_SESSION_MAX_MS, TOKEN_FILE_MAX_BYTES } from '../../knowledge/token-caches.js';
import { loadConfig } from '../aws-config.js';
import { targetProfiles } from '../target-profiles.js';
import { moveAsideCommand, ownershipReport, windowsAclReport } from './file-safety.js';
import { readLoginCacheFile } from './login-read.js';
import { durationText, localTimeText, relativeText } from './time-text.js';
import { pathApi } from '../../aws/paths.js';

/** One folder the consumers read, with who reads it. */
interface CacheLocation {
  dir: string;
  readers: string;
}

const ALL_READERS = 'botocore, the AWS CLI and the JS SDK';

function locations(ctx: Context): { list: CacheLocation[]; unexpanded: FindingInput | null } {
  const dirs = resolvedLoginCacheDirs(ctx.env, ctx.home, ctx.platform, ctx.cwd);
  const { botocore, js } = dirs;
  if (botocore === js) return { list: [{ dir: botocore, readers: ALL_READERS }], unexpanded: null };
  return {
    list: [
      { dir: botocore, readers: 'botocore and the AWS CLI' },
      { dir: js, readers: 'the JS SDK' },
    ],
    unexpanded: {
      code: 'login-cache-dir-unexpanded',
      status: 'warn',
      title: `AWS_LOGIN_CACHE_DIRECTORY="${dirs.fromEnv}" points Python and JavaScript at different folders`,
      detail:
        `botocore and the AWS CLI expand ~ and $VAR in AWS_LOGIN_CACHE_DIRECTORY and read ${botocore}; ` +
        `the JS SDK uses the value verbatim and reads ${js}. A login made with one is invisible to the other. Both folders are checked below.`,
      fix: { text: 'Set the variable to an absolute path without ~ or $.', commands: [setEnv(shellOf(ctx), 'AWS_LOGIN_CACHE_DIRECTORY', botocore)] },
      evidence: { value: dirs.fromEnv ?? '', botocore, js },
    },
  };
}

export const loginCacheCheck: Check = {
  id: 'caches.login',
  title: 'Login token cache (aws login)',
  category: 'caches',
  touches: ['files'],
  async run(ctx) {
    const findings: FindingInput[] = [];
    const { list, unexpanded } = locations(ctx);
    if (unexpanded) findings.push(unexpanded);
    const targets = (await targetProfiles(ctx)).flatMap((t) => {
      const session = t.data ? getSetting(t.data, 'login_session') : undefined;
      return session ? [{ name: t.name, session: session.value, login: loginCommandFor(shellOf(ctx), t.name, t.data) }] : [];
    });
    if (!targets.length) {
      findings.push({
        code: 'login-cache-not-applicable',
        status: 'skip',
        title: ctx.options.allProfiles ? 'No profile uses aws login (login_session)' : 'The selected profile does not use aws login (no login_session)',
        evidence: {},
      });
    }
    for (const target of targets) {
      for (const location of list) findings.push(...(await judgeCache(ctx, target.name, target.session, target.login, location, list.length > 1)));
    }
    for (const location of list) {
      const leftovers = await tmpLeftovers(ctx, location);
      if (leftovers) findings.push(leftovers);
      if (ctx.options.allProfiles) {
        const orphans = await orphanFiles(ctx, location);
        if (orphans) findings.push(orphans);
      }
    }
    return findings;
  },
};

async function judgeCache(ctx: Context, profile: string, session: string, login: string, location: CacheLocation, split: boolean): Promise<FindingInput[]> {
  const p = pathApi(ctx.platform);
  const path = p.join(location.dir, loginCacheFileName(session));
  const who = `profile "${profile}"${split ? ` (folder read by ${location.readers})` : ''}`;
  const base = { profile, path, loginSession: session };
  const cache = await readLoginCacheFile(ctx, path, TOKEN_FILE_MAX_BYTES);
  if (!cache.ok && cache.read.reason === 'missing') {
    const dirStat = await ctx.fs.stat(location.dir);
    const dirExists = dirStat !== null;
    const dirNote = !dirStat ? `; the folder ${location.dir} does not exist either` : dirStat.kind !== 'directory' ? `; ${location.dir} is a ${dirStat.kind}, not a folder` : '';
    return [
      {
        code: 'login-cache-missing',
        status: 'fail',
        title: `No login cache file for ${who}`,
        detail:
          `${location.readers} look for ${path} (SHA-256 of login_session "${session}")` +
          `${dirNote}. ` +
          `Nobody has signed in with this session here, or the file was removed (aws logout). botocore reports: ${LOGIN_CACHE_ERRORS.botocoreNoSession.replace('<login_session>', session)}`,
        fix: { text: 'Sign in again to create it.', commands: [login] },
        evidence: { ...base, folderExists: dirExists },
      },
    ];
  }
  const findings: FindingInput[] = [];
  const [fileStat, dirStat] = await Promise.all([ctx.fs.stat(path), ctx.fs.stat(location.dir)]);
  const ownership = fileStat?.kind === 'file' ? (ownershipReport(ctx, { path, stat: fileStat }, { path: location.dir, stat: dirStat }) ?? (await windowsAclReport(ctx, path))) : null;
  if (!cache.ok) {
    const { read } = cache;
    const why: Record<typeof read.reason, string> = {
      missing: '',
      denied: 'permission denied',
      'not-a-file': `it is a ${fileStat?.kind ?? read.stat?.kind ?? 'non-regular file'}, not a regular file`,
      'too-large': `it is ${read.stat?.size ?? fileStat?.size ?? '?'} bytes, far more than a token (limit ${TOKEN_FILE_MAX_BYTES} bytes)`,
      error: 'the read failed',
    };
    const posixDenied = read.reason === 'denied' && ctx.platform !== 'win32';
    const chmodChown = posixDenied ? deniedFix(ctx, path, location.dir, fileStat, ownership?.commands ?? []) : [];
    const commands = chmodChown.length ? chmodChown : [moveAsideCommand(ctx, path), login];
    findings.push({
      code: 'login-cache-unreadable',
      status: 'fail',
      title: `Login cache file for ${who} cannot be read: ${why[read.reason]}`,
      detail:
        `${path}: ${read.message}. botocore turns this into "Unable to load a existing login session" (or ${LOGIN_CACHE_ERRORS.botocoreCorrupt}), ` +
        'which hides the real cause.' +
        (ownership ? ` Also: ${ownership.problems.join('; ')}.` : ''),
      fix: {
        text: chmodChown.length ? 'Make the file yours again and private.' : 'Move it aside (it is kept as *.broken) and sign in again.',
        commands,
      },
      evidence: { ...base, reason: read.reason, kind: fileStat?.kind ?? read.stat?.kind ?? null },
    });
    return findings;
  }
  const { parsed } = cache;
  if (!parsed.ok) findings.push(invalidFinding(ctx, parsed, who, path, base, login));
  else findings.push(...validFindings(ctx, parsed, who, session, base, login, fileStat));
  if (ownership) {
    findings.push({
      code: 'login-cache-permissions',
      status: 'warn',
      title: `Login cache file for ${who} has unsafe permissions or owner`,
      detail: `${path}: ${ownership.problems.join('; ')}.`,
      fix: { text: 'Run these commands (sudo only where another user owns the file).', commands: ownership.commands },
      evidence: { ...base, ...ownership.evidence },
      fixable: ownership.actions,
    });
  }
  return findings;
}

/** chown when someone else owns the file (or it cannot even be stat'ed), chmod when its owner cannot read it. */
function deniedFix(ctx: Context, path: string, dir: string, stat: FileStat | null, ownershipCommands: string[]): string[] {
  const q = (p: string) => shellQuote(shellOf(ctx), p);
  if (!stat) return [`sudo chown "$(id -u):$(id -g)" ${q(dir)} ${q(path)}`, `chmod 700 ${q(dir)}`, `chmod 600 ${q(path)}`];
  const commands = [...ownershipCommands];
  if (!(stat.mode & 0o400) && !commands.includes(`chmod 600 ${q(path)}`)) commands.push(`chmod 600 ${q(path)}`);
  return commands;
}

type Base = { profile: string; path: string; loginSession: string };

function invalidFinding(ctx: Context, parsed: Exclude<LoginCacheParse, { ok: true }>, who: string, path: string, base: Base, login: string): FindingInput {
  const fix = { text: 'Move the broken file aside (kept as *.broken) and sign in again.', commands: [moveAsideCommand(ctx, path), login] };
  switch (parsed.error) {
    case 'json':
      return {
        code: 'login-cache-corrupt',
        status: 'fail',
        title: `Login cache file for ${who} is not valid JSON (line ${parsed.syntax.line}, column ${parsed.syntax.column})`,
        detail:
          `${path}: parsing stopped at line ${parsed.syntax.line}, column ${parsed.syntax.column}: ${parsed.syntax.message}. ` +
          `Usually a write was interrupted. botocore reports only ${LOGIN_CACHE_ERRORS.botocoreCorrupt} or "Unable to load a existing login session".`,
        fix,
        evidence: { ...base, line: parsed.syntax.line, column: parsed.syntax.column },
      };
    case 'not-an-object':
      return {
        code: 'login-cache-corrupt',
        status: 'fail',
        title: `Login cache file for ${who} is JSON but not an object`,
        detail: `${path} holds ${parsed.found}; a login token is a JSON object with accessToken, clientId, refreshToken and dpopKey.`,
        fix,
        evidence: { ...base, found: parsed.found },
      };
    case 'expires-at':
      return {
        code: 'login-cache-corrupt',
        status: 'fail',
        title: `Login cache file for ${who} has an unreadable accessToken.expiresAt`,
        detail: `${path}: ${parsed.reason}. botocore and the JS SDK cannot tell when these credentials expire.`,
        fix,
        evidence: { ...base, reason: parsed.reason },
      };
    case 'fields': {
      const names = parsed.problems.map((f) => (f.problem === 'missing' ? f.field : `${f.field} (${f.problem})`));
      // botocore names missing top-level fields; a missing accessToken member is an unguarded dict lookup.
      const topLevel = parsed.problems.filter((f) => !f.field.includes('.') && f.problem === 'missing').map((f) => f.field);
      const nested = parsed.problems.filter((f) => f.field.includes('.')).map((f) => f.field.split('.')[1]!);
      return {
        code: 'login-cache-fields-missing',
        status: 'fail',
        title: `Login cache file for ${who} lacks required fields: ${names.join(', ')}`,
        detail:
          `${path} is valid JSON but botocore and the JS SDK need accessToken{accessKeyId, secretAccessKey, sessionToken, expiresAt, accountId}, ` +
          'clientId, refreshToken and dpopKey. ' +
          (topLevel.length
            ? `botocore says: ${LOGIN_CACHE_ERRORS.botocoreMissingFields.replace('<fields>', topLevel.join(', '))}`
            : `botocore fails with a bare ${LOGIN_CACHE_ERRORS.botocoreMissingMember.replace('<field>', nested[0] ?? '')}.`),
        fix: { text: 'Sign in again; it rewrites the whole file.', commands: [login] },
        evidence: { ...base, fields: parsed.problems.map((f) => ({ field: f.field, problem: f.problem })) },
      };
    }
  }
}

function validFindings(
  ctx: Context,
  parsed: Extract<LoginCacheParse, { ok: true }>,
  who: string,
  session: string,
  base: Base,
  login: string,
  fileStat: FileStat | null,
): FindingInput[] {
  const findings: FindingInput[] = [];
  const { file, expiresAt } = parsed;
  const now = ctx.now();
  const key = checkDpopKey(file.dpopKey);
  if (!key.ok) {
    findings.push({
      code: 'login-dpop-key-invalid',
      status: 'fail',
      title: `Login cache for ${who} has an unusable DPoP key`,
      detail:
        `dpopKey in ${base.path} must be a PEM EC private key on P-256, but ${key.reason}. Every refresh signs an ES256 (P-256) DPoP proof with it, so none can succeed. ` +
        `When awscrt cannot decode the key, botocore says: ${LOGIN_CACHE_ERRORS.botocoreBadKey}`,
      fix: { text: 'Sign in again; it generates a new key.', commands: [login] },
      evidence: { ...base, reason: key.reason },
    });
  }
  const sessionAccount = loginSessionAccount(session);
  const account = file.accessToken.accountId;
  if (sessionAccount && sessionAccount !== account) {
    findings.push({
      code: 'login-cache-account-mismatch',
      status: 'warn',
      title: `Login cache for ${who} holds account ${account}, but login_session names account ${sessionAccount}`,
      detail: `${base.path} was written for another sign-in than the ARN in login_session ("${session}"), or was edited. The credentials belong to account ${account}.`,
      fix: { text: 'Sign in again so the cache matches the profile.', commands: [login] },
      evidence: { ...base, accountId: account, sessionAccount },
    });
  }
  const started = sessionStart(file.idToken, fileStat);
  if (started && now.getTime() - started.at.getTime() > LOGIN_SESSION_MAX_MS) {
    findings.push({
      code: 'login-session-old',
      status: 'warn',
      title: `The aws login session of ${who} began ${durationText(now.getTime() - started.at.getTime())} ago: its refresh token has probably expired`,
      detail:
        `Sign-in sessions can be refreshed for up to ${LOGIN_SESSION_MAX_MS / 3_600_000} hours. Start time from ${started.source}: ${localTimeText(started.at)}` +
        (started.source.startsWith('the idToken') ? '.' : ' (a best estimate: refreshes rewrite the file, so the session may be older).'),
      fix: { text: 'Sign in again before the next refresh fails.', commands: [login] },
      evidence: { ...base, sessionStart: started.at.toISOString(), source: started.source },
    });
  }
  const left = expiresAt.getTime() - now.getTime();
  const facts = {
    ...base,
    accessKeyId: maskKeyId(file.accessToken.accessKeyId),
    accountId: account,
    expiresAt: expiresAt.toISOString(),
    secondsLeft: Math.round(left / 1000),
    clientKind: loginClientKind(file.clientId),
  };
  const when = `${relativeText(expiresAt, now)} (${localTimeText(expiresAt)})`;
  const summary = `${facts.accessKeyId}, account ${account}, ${facts.clientKind} sign-in`;
  const refreshFix = {
    text: 'Nothing to do if the refresh works; to prove it now, run the forced refresh test.',
    commands: [`login-doctor refresh-test --profile ${shellQuote(shellOf(ctx), base.profile)}`],
  };
  if (left <= 0) {
    findings.push({
      code: 'login-token-expired',
      status: 'info',
      title: `Login access token for ${who} expired ${durationText(left)} ago (${localTimeText(expiresAt)})`,
      detail: key.ok
        ? `${summary}. The next SDK or CLI call refreshes it with the refresh token and DPoP key, if the refresh chain works (region, awscrt, refresh token still valid).`
        : `${summary}. The next SDK or CLI call tries to refresh it, which cannot work with this DPoP key (see above).`,
      fix: refreshFix,
      evidence: facts,
    });
  } else if (left <= LOGIN_REFRESH_THRESHOLD_MS) {
    findings.push({
      code: 'login-refresh-due',
      status: 'info',
      title: `Login access token for ${who} expires ${when}: the next call refreshes it`,
      detail: `${summary}. botocore and the JS SDK refresh when ${LOGIN_REFRESH_THRESHOLD_MS / 60_000} minutes or less remain${key.ok ? '' : ', which cannot work with this DPoP key (see above)'}.`,
      fix: refreshFix,
      evidence: facts,
    });
  } else if (key.ok) {
    findings.push({
      code: 'login-cache-ok',
      status: 'pass',
      title: `Login cache for ${who}: ${summary}, expires ${when}`,
      detail: `${base.path} is complete, its DPoP key is a P-256 key (${key.format.toUpperCase()}), and the access token is valid for ${durationText(left)}.`,
      evidence: facts,
    });
  }
  return findings;
}

function sessionStart(idToken: unknown, stat: FileStat | null): { at: Date; source: string } | null {
  const times = idTokenTimes(idToken);
  if (times?.authTime) return { at: times.authTime, source: 'the idToken auth_time claim' };
  if (times?.issuedAt) return { at: times.issuedAt, source: 'the idToken iat claim' };
  if (!stat) return null;
  if (stat.birthtimeMs > 0) return { at: new Date(stat.birthtimeMs), source: "the cache file's creation time" };
  return { at: new Date(stat.mtimeMs), source: "the cache file's modification time" };
}

async function tmpLeftovers(ctx: Context, location: CacheLocation): Promise<FindingInput | null> {
  const names = ((await ctx.fs.readdir(location.dir)) ?? []).filter((n) => /^tmp.*\.tmp$/.test(n)).sort();
  if (!names.length) return null;
  const p = pathApi(ctx.platform);
  const paths = names.map((n) => p.join(location.dir, n));
  return {
    code: 'login-cache-tmp-leftovers',
    status: 'info',
    title: `${names.length} temporary file${names.length === 1 ? '' : 's'} left in the login cache folder`,
    detail: `${location.dir} holds ${names.join(', ')}: botocore writes the cache to tmp*.tmp and renames it, so these are left by interrupted writes. They may contain credentials.`,
    fix: { text: 'Delete them (no running refresh needs them once it has finished).', commands: [removeFiles(shellOf(ctx), paths)] },
    evidence: { folder: location.dir, files: names },
    fixable: paths.map((path) => ({ kind: 'remove', path })),
  };
}

async function orphanFiles(ctx: Context, location: CacheLocation): Promise<FindingInput | null> {
  const { config } = await loadConfig(ctx);
  const known = new Set<string>();
  for (const profile of config.profiles.values()) {
    const session = getSetting(profile, 'login_session');
    if (session) known.add(loginCacheFileName(session.value));
  }
  const names = ((await ctx.fs.readdir(location.dir)) ?? []).filter((n) => /^[0-9a-f]{64}\.json$/.test(n) && !known.has(n)).sort();
  if (!names.length) return null;
  const p = pathApi(ctx.platform);
  return {
    code: 'login-cache-orphan',
    status: 'info',
    title: `${names.length} login cache file${names.length === 1 ? '' : 's'} no profile refers to`,
    detail:
      `${location.dir} holds ${names.join(', ')}, whose names match no login_session in ${config.configPath} or ${config.credentialsPath}. ` +
      'They are left from removed profiles or changed sessions (or belong to another config file) and still hold refreshable credentials.',
    fix: { text: 'If no other config file uses them, delete them.', commands: [removeFiles(shellOf(ctx), names.map((n) => p.join(location.dir, n)))] },
    evidence: { folder: location.dir, files: names },
  };
}
