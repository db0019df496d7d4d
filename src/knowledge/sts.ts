import type { ErrorSignature } from './error-signature.js';
import { ERROR_SIGNATURES } from './error-signatures.js';
import { detectShell, keepWindowsSwitches } from './shell.js';

/**
 * What the live STS check knows: how STS error codes map to findings, the clock-skew limits and the fixes per OS,
 * and the JS SDK's credential feature ids (`credentials.$source`).
 */

/**
 * STS error codes (the structured `Code` of the query-protocol answer) -> the ERROR_SIGNATURES entry that explains
 * them; the cause text lives there, once. `Signature expired` answers are the clock's.
 */
const STS_ERROR_SIGNATURE_IDS: Readonly<Record<string, string>> = {
  ExpiredToken: 'sts-expired-token',
  ExpiredTokenException: 'sts-expired-token',
  InvalidClientTokenId: 'sts-invalid-client-token-id',
  SignatureDoesNotMatch: 'sts-signature-does-not-match',
  AccessDenied: 'sts-access-denied',
  AccessDeniedException: 'sts-access-denied',
};

export function stsSignature(errorCode: string, message: string): ErrorSignature | undefined {
  const id = /Signature expired/i.test(message) ? 'sts-signature-expired' : STS_ERROR_SIGNATURE_IDS[errorCode];
  return ERROR_SIGNATURES.find((s) => s.id === id);
}

/** One-line titles of the live check's STS failure findings. */
export const STS_FAILURE_TITLES: Readonly<Record<string, string>> = {
  'sts-expired-token': 'STS says the credentials have expired',
  'sts-invalid-token': 'STS does not recognise the access key or session token',
  'sts-access-denied': 'STS refused GetCallerIdentity',
  'sts-signature-mismatch': 'STS rejected the request signature',
};

/** Node network error codes that mean "could not reach the endpoint" rather than "AWS said no". */
export const NETWORK_ERROR_CODES: readonly string[] = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
];

/**
 * Clock skew limits. SigV4 requests are rejected when the signing time is more than 5 minutes off (STS answers
 * SignatureDoesNotMatch "Signature expired"); DPoP proofs carry `iat` too, and a skewed clock was the fix reported
 * for TOKEN_EXPIRED right after login (aws/aws-cli#10330). One minute is an early warning.
 */
export const CLOCK_SKEW = {
  failMs: 5 * 60_000,
  warnMs: 60_000,
  source: 'SigV4 5-minute signing window (STS "Signature expired" answers, aws/aws-cli#6676); aws/aws-cli#10330',
} as const;

export interface ClockFix {
  text: string;
  commands: string[];
}

/** How to resync the clock, per OS (WSL2 guests drift after the host sleeps; hwclock -s reloads the host time). */
export function clockFix(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): ClockFix {
  if (platform === 'win32') {
    const shell = detectShell(platform, env);
    return { text: `Resynchronise Windows time (in ${shell === 'posix' ? 'a terminal' : shell === 'cmd' ? 'a Command Prompt' : 'a PowerShell'} run as administrator).`, commands: [`${keepWindowsSwitches(shell)}w32tm /resync`] };
  }
  if (platform === 'darwin') return { text: 'Resynchronise the clock with Apple\'s time server.', commands: ['sudo sntp -sS time.apple.com'] };
  if (platform === 'linux' && env.WSL_DISTRO_NAME) {
    return { text: 'WSL2 clocks drift after the Windows host sleeps: reload the time from the host.', commands: ['sudo hwclock -s'] };
  }
  return { text: 'Turn on network time synchronisation.', commands: ['sudo timedatectl set-ntp true'] };
}

/**
 * The JS SDK marks resolved credentials with feature ids in `credentials.$source`
 * (npm @aws-sdk/types feature-ids.d.ts, set by @aws-sdk/core setCredentialFeature in each provider).
 * Roles first, so a role over a login source profile is named as the role; the first present key names the source.
 */
export const JS_CREDENTIAL_FEATURES: readonly { key: string; label: string }[] = [
  { key: 'CREDENTIALS_PROFILE_SOURCE_PROFILE', label: 'assume role (source_profile)' },
  { key: 'CREDENTIALS_PROFILE_NAMED_PROVIDER', label: 'assume role (credential_source)' },
  { key: 'CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN', label: 'web identity (profile)' },
  { key: 'CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN', label: 'web identity (environment variables)' },
  { key: 'CREDENTIALS_STS_ASSUME_ROLE_WEB_ID', label: 'web identity' },
  { key: 'CREDENTIALS_STS_ASSUME_ROLE', label: 'assume role' },
  { key: 'CREDENTIALS_LOGIN', label: 'aws login (login_session)' },
  { key: 'CREDENTIALS_PROFILE_LOGIN', label: 'aws login (login_session)' },
  { key: 'CREDENTIALS_SSO', label: 'IAM Identity Center (sso_session)' },
  { key: 'CREDENTIALS_PROFILE_SSO', label: 'IAM Identity Center (sso_session)' },
  { key: 'CREDENTIALS_SSO_LEGACY', label: 'IAM Identity Center (legacy sso_start_url)' },
  { key: 'CREDENTIALS_PROFILE_SSO_LEGACY', label: 'IAM Identity Center (legacy sso_start_url)' },
  { key: 'CREDENTIALS_PROFILE_PROCESS', label: 'credential_process' },
  { key: 'CREDENTIALS_PROCESS', label: 'credential_process' },
  { key: 'CREDENTIALS_ENV_VARS', label: 'environment variables (AWS_ACCESS_KEY_ID)' },
  { key: 'CREDENTIALS_PROFILE', label: 'static keys in the profile' },
  { key: 'CREDENTIALS_HTTP', label: 'container / HTTP credentials endpoint' },
  { key: 'CREDENTIALS_IMDS', label: 'EC2 instance metadata' },
  { key: 'CREDENTIALS_CODE', label: 'credentials passed in code' },
];

/** A readable name for a `$source` map; null when the SDK set none (e.g. the chain's IMDS/ECS path). */
export function jsCredentialSourceLabel(features: Readonly<Record<string, string>>): string | null {
  return JS_CREDENTIAL_FEATURES.find((f) => f.key in features)?.label ?? null;
}
