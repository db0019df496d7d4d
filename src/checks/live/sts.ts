import type { FindingCode } from '../../engine/finding-codes.js';
import { anonymizeAccount, anonymizeArn, anonymizeText } from '../../aws/arn.js';
import { getSetting, profileKind, type ProfileKind } from '../../aws/config.js';
import type { Check } from '../../engine/check.js';
import type { Context } from '../../engine/context.js';
import type { Fix, FindingInput } from '../../engine/finding.js';
import { maskKeyId } from '../../engine/secrets.js';
import { awsLogin, shellQuote, unsetEnv, shellOf } from '../../knowledge/shell.js';
import { CLOCK_SKEW, clockFix, jsCredentialSourceLabel, STS_FAILURE_TITLES, stsSignature } from '../../knowledge/sts.js';
import { probeSts, type CallOutcome, type CredentialsOutcome } from '../../probes/sts.js';
import { selectedProfile, type ProfileChoice } from '../../aws/profile-selection.js';
import { loadConfig } from '../aws-config.js';
import { targetProfiles } from '../target-profiles.js';

const ENV_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

function reauthenticate(ctx: Context, kind: ProfileKind, profile: string, what: string): Fix {
  if (kind === 'login') return { text: `Sign in again to get a new session ${what}.`, commands: [awsLogin(shellOf(ctx), profile)] };
  if (kind === 'sso' || kind === 'sso-legacy') {
    const flag = profile === 'default' ? '' : ` --profile ${shellQuote(shellOf(ctx), profile)}`;
    return { text: `Sign in to IAM Identity Center again ${what}.`, commands: [`aws sso login${flag}`] };
  }
  if (ctx.env.AWS_ACCESS_KEY_ID) {
    return { text: `The keys come from environment variables; remove them (or replace them with current ones) ${what}.`, commands: [unsetEnv(shellOf(ctx), ENV_KEYS)] };
  }
  if (kind === 'static') return { text: `Replace the keys this profile uses with current ones ${what}.`, commands: [] };
  if (kind === 'none') {
    return { text: `The profile has no credential settings the SDK can use: sign in with aws login ${what}.`, commands: [awsLogin(shellOf(ctx), profile)] };
  }
  return { text: `Fix the profile's ${kind} settings; the SDK's message above says which part failed.`, commands: [] };
}

function describeSource(outcome: CredentialsOutcome): string {
  if (!outcome.ok) return `fails: ${outcome.message}`;
  return jsCredentialSourceLabel(outcome.features) ?? 'a source that sets no feature id (container or instance metadata)';
}

function clockFinding(ctx: Context, serverDate: string | undefined): FindingInput | null {
  const server = serverDate ? Date.parse(serverDate) : NaN;
  if (Number.isNaN(server)) return null;
  const skewMs = server - ctx.now().getTime();
  const abs = Math.abs(skewMs);
  if (abs <= CLOCK_SKEW.warnMs) return null;
  const minutes = Math.round(abs / 6_000) / 10;
  const direction = skewMs > 0 ? 'behind' : 'ahead of';
  return {
    code: 'clock-skew',
    status: abs > CLOCK_SKEW.failMs ? 'fail' : 'warn',
    title: `This computer's clock is ${minutes} min ${direction} AWS`,
    detail:
      `STS answered with Date: ${serverDate}; this computer said ${ctx.now().toUTCString()}. AWS rejects signatures more than ` +
      `5 minutes off ("Signature expired"), and login refreshes carry a timestamp too, so a drifting clock breaks credentials that are otherwise fine.`,
    fix: clockFix(ctx.platform, ctx.env),
    evidence: { serverDate: serverDate!, skewSeconds: Math.round(skewMs / 1000) },
  };
}

function callFailure(ctx: Context, call: Exclude<CallOutcome, { ok: true }>, kind: ProfileKind, profile: string, region: string): FindingInput {
  if (call.kind === 'network') {
    return {
      code: 'network-unreachable',
      status: 'skip',
      title: `STS could not be reached (${call.errorCode}): the credentials were not judged`,
      detail: `The call to STS in ${region} failed before AWS answered: ${call.message}\nA proxy, firewall, VPN or offline machine stops the request; the doctor cannot tell whether the credentials work.`,
      fix: {
        text: 'Check the network path to AWS (proxy variables HTTPS_PROXY / NO_PROXY, VPN), then run the doctor again; --offline skips the live checks.',
        commands: [],
      },
      evidence: { profile, region, error: call.errorCode },
    };
  }
  const signature = stsSignature(call.errorCode, call.message);
  const answer = `AWS answered HTTP ${call.httpStatus} ${call.errorCode}: ${call.message}`;
  const evidence = { profile, region, errorCode: call.errorCode, httpStatus: call.httpStatus };
  if (!signature) {
    return {
      code: 'sts-call-failed',
      status: 'fail',
      title: `STS GetCallerIdentity failed for "${profile}": ${call.errorCode}`,
      detail: answer,
      fix: { text: 'The message from AWS says what it objected to; if it is a server error (5xx), try again in a few minutes.', commands: [] },
      evidence,
    };
  }
  if (signature.code === 'clock-skew') {
    return {
      code: 'clock-skew',
      status: 'fail',
      title: 'STS rejected the request as signed at the wrong time: the clock is off',
      detail: `${signature.cause}\n${answer}`,
      fix: clockFix(ctx.platform, ctx.env),
      evidence,
    };
  }
  const fix =
    signature.code === 'sts-expired-token'
      ? reauthenticate(ctx, kind, profile, 'and fresh credentials')
      : signature.code === 'sts-invalid-token'
        ? reauthenticate(ctx, kind, profile, 'so the keys match an existing session')
        : signature.code === 'sts-signature-mismatch'
          ? reauthenticate(ctx, kind, profile, 'so the secret key matches the access key id')
          : signature.fix;
  return {
    code: signature.code,
    status: 'fail',
    title: `${STS_FAILURE_TITLES[signature.code] ?? `STS answered ${call.errorCode}`} (profile "${profile}")`,
    detail: `${signature.cause}\n${answer}`,
    fix,
    evidence,
  };
}

export const stsCheck: Check = {
  id: 'live.sts',
  title: 'STS GetCallerIdentity through the JS SDK',
  category: 'live',
  touches: ['network'],
  timeoutMs: 30_000,
  async run(ctx) {
    if (ctx.options.offline) {
      return [{ code: 'live-offline', status: 'skip', title: 'Live checks skipped (--offline): no call to AWS was made', fix: null }];
    }
    // --all-profiles: one live call per diagnosed profile, not only the selected one.
    const choices = ctx.options.allProfiles ? (await targetProfiles(ctx)).map((t) => t.choice) : [selectedProfile(ctx.env, ctx.options.profile)];
    return (await Promise.all(choices.map((choice) => liveProfile(ctx, choice)))).flat();
  },
};

/** Offline findings that already explain why the SDK gets no credentials for the profile. */
const CREDENTIAL_CAUSES: readonly FindingCode[] = [
  'profile-not-found',
  'sso-token-expired',
  'sso-registration-expired',
  'sso-cache-missing',
  'sso-cache-corrupt',
  'sso-cache-unreadable',
  'sso-profile-incomplete',
  'login-cache-missing',
  'login-cache-corrupt',
  'login-cache-fields-missing',
  'login-cache-unreadable',
  'login-dpop-key-invalid',
];

async function liveProfile(ctx: Context, choice: ProfileChoice): Promise<FindingInput[]> {
  const data = (await loadConfig(ctx)).config.profiles.get(choice.name);
  const kind = data ? profileKind(data) : 'none';
  const region =
    (data && getSetting(data, 'region')?.value.trim()) || ctx.env.AWS_REGION || ctx.env.AWS_DEFAULT_REGION || 'us-east-1';
  const result = await probeSts(
    { profile: choice.name, provider: kind === 'login' ? 'login' : kind === 'none' ? 'chain' : 'profile', explicitProfile: choice.from === '--profile', region, requestTimeoutMs: ctx.limits.stsRequestMs },
    ctx.secrets,
  );
  const findings: FindingInput[] = [];
  const anonymize = ctx.options.anonymize;
  if (anonymize) {
    // AWS and SDK messages quote ARNs and account ids (e.g. "User: arn:aws:iam::123456789012:user/alice is not authorized").
    if (!result.credentials.ok) result.credentials.message = anonymizeText(result.credentials.message);
    if (!result.chain.ok) result.chain.message = anonymizeText(result.chain.message);
    if (result.call && !result.call.ok) result.call.message = anonymizeText(result.call.message);
    result.warnings = result.warnings.map(anonymizeText);
  }

  if (!result.credentials.ok) {
    findings.push({
      code: 'sts-credentials-failed',
      // The implicit default profile may be absent on purpose (config.profile warns, offline too): the same
      // cause keeps the same severity online, and points at that warning.
      status: !data && choice.from === 'default' ? 'warn' : 'fail',
      title: `The JS SDK could not get credentials for "${choice.name}"`,
      detail:
        `${kind === 'login' ? 'fromLoginCredentials' : kind === 'none' ? 'The default credential chain' : 'fromIni'} said: ${result.credentials.message}` +
        (kind === 'none'
          ? ''
          : '\nThe profile\'s provider was called directly; through the default chain most failures only show as "Could not load credentials from any providers".'),
      fix: reauthenticate(ctx, kind, choice.name, 'and let the SDK load credentials again'),
      evidence: { profile: choice.name, profileKind: kind, error: result.credentials.name },
      // The same broken profile or cache the offline checks already reported: they name the cause, this is its echo.
      consequenceOf: { codes: CREDENTIAL_CAUSES, where: { profile: choice.name } },
    });
  }

  // The direct call and the chain may both try the refresh and log the same warning.
  const refreshWarnings = [...new Set(result.warnings.filter((w) => /Failed to refresh token/.test(w)))];
  if (refreshWarnings.length > 0) {
    findings.push({
      code: 'sts-refresh-warning',
      status: 'warn',
      title: `The login refresh for "${choice.name}" failed; the SDK kept the old keys until they expire`,
      detail: `The JS SDK logged: ${refreshWarnings.join('\n')}\nThe call below still works, but fails once the current keys expire (at most 15 minutes).`,
      fix: reauthenticate(ctx, kind, choice.name, 'before the current keys run out'),
      evidence: { profile: choice.name },
    });
  }

  const call = result.call;
  if (call?.ok) {
    const account = anonymize ? anonymizeAccount(call.account) : call.account;
    const arn = anonymize ? anonymizeArn(call.arn) : call.arn;
    const used = describeSource(result.credentials);
    const chain = describeSource(result.chain);
    findings.push({
      code: 'sts-identity',
      status: 'pass',
      title: `Profile "${choice.name}" works: ${arn}`,
      detail:
        `Account ${account}, ARN ${arn}. Credentials: ${used}` +
        `${result.credentials.ok ? ` (key ${maskKeyId(result.credentials.accessKeyId)})` : ''}.\n` +
        `The default credential chain${choice.from === '--profile' ? ` with profile "${choice.name}"` : ''} picks: ${chain}.`,
      evidence: {
        profile: choice.name,
        account,
        arn,
        credentialSource: used,
        chainSource: chain,
        chainFeatures: result.chain.ok ? Object.keys(result.chain.features) : [],
      },
    });
  } else if (call) {
    findings.push(callFailure(ctx, call, kind, choice.name, region));
  }

  // A "Signature expired" answer already became the clock-skew finding; the Date header only adds to it.
  const clock = clockFinding(ctx, result.serverDates.at(-1));
  if (clock && !findings.some((f) => f.code === 'clock-skew')) findings.push(clock);
  return findings;
}
