import { getSetting, type AwsConfig, type ProfileData } from '../../aws/config.js';
import { parseSsoToken, ssoCacheDir, ssoCacheFileName, type SsoToken } from '../../aws/sso-cache.js';
import type { Check } from '../../engine/check.js';
import type { Context } from '../../engine/context.js';
import type { FindingInput } from '../../engine/finding.js';
import { shellQuote, shellOf } from '../../knowledge/shell.js';
import { SSO_ERRORS, TOKEN_FILE_MAX_BYTES } from '../../knowledge/token-caches.js';
import { loadConfig } from '../aws-config.js';
import { targetProfiles } from '../target-profiles.js';
import { moveAsideCommand } from './file-safety.js';
import { durationText, localTimeText, relativeText } from './time-text.js';
import { pathApi } from '../../aws/paths.js';

const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name'] as const;

/** How a profile reaches its SSO token, resolved from the profile and its [sso-session] section. */
interface SsoSetup {
  profile: string;
  /** The sso-session name, or null for a legacy profile (sso_start_url in the profile). */
  session: string | null;
  startUrl: string | null;
  region: string | null;
  missing: string[];
}

function ssoSetup(config: AwsConfig, data: ProfileData): SsoSetup {
  const value = (key: string) => getSetting(data, key)?.value ?? null;
  const session = value('sso_session');
  const missing: string[] = [];
  for (const key of ['sso_account_id', 'sso_role_name']) if (!value(key)) missing.push(key);
  if (session) {
    const section = config.ssoSessions.get(session);
    if (!section) return { profile: data.name, session, startUrl: null, region: null, missing: [`the [sso-session ${session}] section`, ...missing] };
    const startUrl = section.values.get('sso_start_url')?.value ?? null;
    const region = section.values.get('sso_region')?.value ?? null;
    if (!startUrl) missing.push(`sso_start_url in [sso-session ${session}]`);
    if (!region) missing.push(`sso_region in [sso-session ${session}]`);
    return { profile: data.name, session, startUrl, region, missing };
  }
  const startUrl = value('sso_start_url');
  const region = value('sso_region');
  if (!startUrl) missing.push('sso_start_url');
  if (!region) missing.push('sso_region');
  return { profile: data.name, session: null, startUrl, region, missing };
}

function ssoLogin(ctx: Context, profile: string): string {
  return profile === 'default' ? 'aws sso login' : `aws sso login --profile ${shellQuote(shellOf(ctx), profile)}`;
}

export const ssoCacheCheck: Check = {
  id: 'caches.sso',
  title: 'SSO token cache (aws sso login)',
  category: 'caches',
  touches: ['files'],
  async run(ctx) {
    const { config } = await loadConfig(ctx);
    const findings: FindingInput[] = [];
    const targets = (await targetProfiles(ctx)).filter((t) => t.data && SSO_KEYS.some((k) => getSetting(t.data!, k)));
    if (!targets.length) {
      return [
        {
          code: 'sso-cache-not-applicable',
          status: 'skip',
          title: ctx.options.allProfiles ? 'No profile uses IAM Identity Center (sso_*)' : 'The selected profile does not use IAM Identity Center (no sso_* settings)',
          evidence: {},
        },
      ];
    }
    for (const target of targets) findings.push(...(await judgeProfile(ctx, ssoSetup(config, target.data!))));
    return findings;
  },
};

async function judgeProfile(ctx: Context, setup: SsoSetup): Promise<FindingInput[]> {
  const findings: FindingInput[] = [];
  const login = ssoLogin(ctx, setup.profile);
  const who = `profile "${setup.profile}"`;
  if (setup.missing.length) {
    findings.push({
      code: 'sso-profile-incomplete',
      status: 'fail',
      title: `SSO ${who} is missing ${setup.missing.join(', ')}`,
      detail:
        (setup.session
          ? `A profile with sso_session needs sso_account_id and sso_role_name; the [sso-session ${setup.session}] section needs sso_start_url and sso_region.`
          : 'A legacy SSO profile needs sso_start_url, sso_region, sso_account_id and sso_role_name.') +
        ' Without them the SDKs fail before using any token (JS: "Profile is configured with invalid SSO credentials").',
      fix: { text: 'Add the missing settings, or let the CLI write them.', commands: [`aws configure sso --profile ${shellQuote(shellOf(ctx), setup.profile)}`] },
      evidence: { profile: setup.profile, session: setup.session, missing: setup.missing },
    });
  }
  if (!setup.session && setup.startUrl) findings.push(legacyFinding(ctx, setup));
  const cacheKey = setup.session ?? setup.startUrl;
  if (!cacheKey) return findings;
  const p = pathApi(ctx.platform);
  const dir = ssoCacheDir(ctx.home, ctx.platform);
  const path = p.join(dir, ssoCacheFileName(cacheKey));
  const base = { profile: setup.profile, path, session: setup.session, startUrl: setup.startUrl };
  const keyText = setup.session ? `the sso-session name "${setup.session}"` : `the start URL ${setup.startUrl}`;
  const read = await ctx.fs.readText(path, TOKEN_FILE_MAX_BYTES);
  if (!read.ok && read.reason === 'missing') {
    const urlPath = setup.session && setup.startUrl ? p.join(dir, ssoCacheFileName(setup.startUrl)) : null;
    if (urlPath && (await ctx.fs.stat(urlPath))) {
      findings.push({
        code: 'sso-cache-key-mismatch',
        status: 'fail',
        title: `SSO token for ${who} is stored under its start URL, but the profile uses sso_session "${setup.session}"`,
        detail:
          `The SDKs look for ${path} (SHA-1 of ${keyText}); only ${urlPath} (SHA-1 of the start URL) exists. ` +
          'It was written by a legacy-style login (a profile with sso_start_url, or an old CLI), so this profile finds no token.',
        fix: { text: 'Sign in through this profile so the token is stored under the session name.', commands: [login] },
        evidence: { ...base, startUrlKeyedFile: urlPath },
      });
      return findings;
    }
    findings.push({
      code: 'sso-cache-missing',
      status: 'fail',
      title: `No SSO token cached for ${who}`,
      detail: `The SDKs look for ${path} (SHA-1 of ${keyText}). Nobody has run aws sso login for it here, or the token was removed (aws sso logout).`,
      fix: { text: 'Sign in.', commands: [login] },
      evidence: base,
    });
    return findings;
  }
  if (!read.ok) {
    findings.push({
      code: 'sso-cache-unreadable',
      status: 'fail',
      title: `SSO token file for ${who} cannot be read (${read.reason})`,
      detail: `${path}: ${read.message}. The SDKs treat it as no token at all.`,
      fix: { text: 'Move it aside (kept as *.broken) and sign in again.', commands: [moveAsideCommand(ctx, path), login] },
      evidence: { ...base, reason: read.reason },
    });
    return findings;
  }
  const parsed = parseSsoToken(read.text);
  for (const secret of parsed.secrets) ctx.secrets.add(secret);
  if (!parsed.ok) {
    const why =
      parsed.error === 'json'
        ? `it is not valid JSON: parsing stopped at line ${parsed.syntax.line}, column ${parsed.syntax.column}: ${parsed.syntax.message}`
        : parsed.error === 'not-an-object'
          ? `it holds ${parsed.found}, not a JSON object`
          : parsed.error === 'fields'
            ? `it lacks ${parsed.missing.join(' and ')}, which every SDK requires`
            : `${parsed.field}: ${parsed.reason}`;
    findings.push({
      code: 'sso-cache-corrupt',
      status: 'fail',
      title: `SSO token file for ${who} is unusable: ${parsed.error === 'json' ? `invalid JSON at line ${parsed.syntax.line}, column ${parsed.syntax.column}` : parsed.error === 'fields' ? `missing ${parsed.missing.join(', ')}` : parsed.error === 'timestamp' ? `bad ${parsed.field}` : 'not an object'}`,
      detail: `${path}: ${why}.`,
      fix: { text: 'Move it aside (kept as *.broken) and sign in again.', commands: [moveAsideCommand(ctx, path), login] },
      evidence: { ...base, error: parsed.error },
    });
    return findings;
  }
  findings.push(...tokenFindings(ctx, setup, parsed.token, base, login));
  return findings;
}

type Base = { profile: string; path: string; session: string | null; startUrl: string | null };

function tokenFindings(ctx: Context, setup: SsoSetup, token: SsoToken, base: Base, login: string): FindingInput[] {
  const findings: FindingInput[] = [];
  const who = `profile "${setup.profile}"`;
  const now = ctx.now();
  const { file } = token;
  if (setup.startUrl && file.startUrl !== undefined && file.startUrl !== setup.startUrl) {
    findings.push({
      code: 'sso-cache-key-mismatch',
      status: 'fail',
      // Quoted with JSON escapes so an invisible difference (a control character, a trailing space) shows.
      title: `SSO token for ${who} belongs to ${JSON.stringify(file.startUrl)}, but the config says ${JSON.stringify(setup.startUrl)}`,
      detail: `${base.path} was written for another IAM Identity Center start URL; its token is rejected by this profile's portal.`,
      fix: { text: 'Sign in again through this profile.', commands: [login] },
      evidence: { ...base, tokenStartUrl: file.startUrl },
    });
  }
  if (setup.region && file.region !== undefined && file.region !== setup.region) {
    findings.push({
      code: 'sso-cache-key-mismatch',
      status: 'warn',
      title: `SSO token for ${who} was issued in ${JSON.stringify(file.region)}, but sso_region is ${JSON.stringify(setup.region)}`,
      detail: `${base.path} records region ${file.region}; the SDKs call the SSO and SSO-OIDC endpoints in ${setup.region}, where this token and its client registration are unknown.`,
      fix: { text: 'Sign in again through this profile.', commands: [login] },
      evidence: { ...base, tokenRegion: file.region, configRegion: setup.region },
    });
  }
  const expired = token.expiresAt.getTime() <= now.getTime();
  const registrationExpired = token.registrationExpiresAt !== null && token.registrationExpiresAt.getTime() <= now.getTime();
  const missingForRefresh = [...token.missingRefreshFields, ...(token.registrationExpiresAt === null ? ['registrationExpiresAt'] : [])];
  const refreshable = setup.session !== null && missingForRefresh.length === 0 && !registrationExpired;
  if (setup.session && missingForRefresh.length) {
    findings.push({
      code: 'sso-no-refresh',
      status: 'warn',
      title: `SSO token for ${who} cannot be refreshed: it has no ${missingForRefresh.join(', ')}`,
      detail: `The SDKs refresh an sso-session token with refreshToken, clientId and clientSecret (botocore also needs registrationExpiresAt). Without them you must run aws sso login every time the token expires (${localTimeText(token.expiresAt)}).`,
      fix: { text: 'Sign in again with a current AWS CLI v2, which stores a refreshable token.', commands: [login] },
      evidence: { ...base, missing: missingForRefresh },
      consequenceOf: { codes: ['sso-token-expired'], where: { path: base.path } },
    });
  }
  if (registrationExpired) {
    findings.push({
      code: 'sso-registration-expired',
      status: expired ? 'fail' : 'warn',
      title: `The SSO client registration for ${who} expired ${relativeText(token.registrationExpiresAt!, now)}: the token cannot be refreshed`,
      detail: `registrationExpiresAt in ${base.path} is ${localTimeText(token.registrationExpiresAt!)}. ${expired ? 'The token has expired too.' : `The token still works until ${localTimeText(token.expiresAt)}.`}`,
      fix: { text: 'Sign in again; it registers a new client.', commands: [login] },
      evidence: { ...base, registrationExpiresAt: token.registrationExpiresAt!.toISOString() },
      // Once the token has expired too, the expired session is the one failure; this says why it cannot refresh.
      ...(expired ? { consequenceOf: { codes: ['sso-token-expired'], where: { path: base.path } } } : {}),
    });
  }
  const facts = { ...base, expiresAt: token.expiresAt.toISOString(), secondsLeft: Math.round((token.expiresAt.getTime() - now.getTime()) / 1000), refreshable };
  if (expired) {
    findings.push({
      code: 'sso-token-expired',
      status: refreshable ? 'warn' : 'fail',
      title: `SSO token for ${who} expired ${durationText(token.expiresAt.getTime() - now.getTime())} ago (${localTimeText(token.expiresAt)})${refreshable ? ': the next call should refresh it' : ''}`,
      detail: refreshable
        ? 'The token carries a refresh token and an unexpired client registration, so the SDKs refresh it on next use; if that fails they report: ' + SSO_ERRORS.botocoreRefreshFailed
        : `It cannot be refreshed, so every call fails; botocore says: ${setup.session ? SSO_ERRORS.botocoreRefreshFailed : SSO_ERRORS.botocoreExpired}`,
      fix: { text: refreshable ? 'If the next call fails, sign in again.' : 'Sign in again.', commands: [login] },
      evidence: facts,
    });
  } else if (!findings.some((f) => f.status === 'fail')) {
    findings.push({
      code: 'sso-cache-ok',
      status: 'pass',
      title: `SSO token for ${who}: expires ${relativeText(token.expiresAt, now)} (${localTimeText(token.expiresAt)}), ${refreshable ? 'refreshable' : 'not refreshable'}`,
      detail: `${base.path}, start URL ${file.startUrl ?? setup.startUrl}, region ${file.region ?? setup.region}.`,
      evidence: facts,
    });
  }
  return findings;
}

/** A legacy profile never refreshes its token; the fix is the exact [sso-session] config to write. */
function legacyFinding(ctx: Context, setup: SsoSetup): FindingInput {
  const name = suggestedSessionName(setup.startUrl!);
  const section = setup.profile === 'default' ? '[default]' : `[profile ${setup.profile}]`;
  const text = [
    `[sso-session ${name}]`,
    `sso_start_url = ${setup.startUrl}`,
    `sso_region = ${setup.region ?? '<region>'}`,
    'sso_registration_scopes = sso:account:access',
    '',
    section,
    `sso_session = ${name}`,
    '(keep sso_account_id, sso_role_name and the other settings; remove sso_start_url and sso_region from the profile)',
  ].join('\n');
  return {
    code: 'sso-no-refresh',
    status: 'warn',
    title: `SSO profile "${setup.profile}" is legacy-style (sso_start_url in the profile): its token never refreshes`,
    detail: 'Legacy SSO profiles cannot refresh their token, so you must run aws sso login again every time it expires. Profiles that use an [sso-session] section get a refresh token.',
    fix: { text: `Write this to your config file, then sign in once more:\n${text}`, commands: [ssoLogin(ctx, setup.profile)] },
    evidence: { profile: setup.profile, startUrl: setup.startUrl, suggestedSession: name },
  };
}

/** "my-sso" for https://my-sso.awsapps.com/start; a generic name when the URL has no usable host. */
function suggestedSessionName(startUrl: string): string {
  try {
    const label = new URL(startUrl).hostname.split('.')[0] ?? '';
    if (/^[A-Za-z0-9_-]+$/.test(label)) return label;
  } catch {
    // not a URL: fall through to the generic name
  }
  return 'my-sso';
}
