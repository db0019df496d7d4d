/**
 * What the live STS check knows: how STS error codes map to findings, the clock-skew limits and the fixes per OS,
 * and the JS SDK's credential feature ids (`credentials.$source`).
 */

export type StsFailureCode = 'sts-expired-token' | 'sts-invalid-token' | 'sts-access-denied' | 'sts-signature-mismatch';

export interface StsErrorRule {
  code: StsFailureCode;
  /** Error codes as STS (query protocol) and the shared AWS error vocabulary name them. */
  errorCodes: readonly string[];
  title: string;
  meaning: string;
  source: string;
}

const COMMON_ERRORS = 'AWS API "Common Errors" reference (e.g. docs.aws.amazon.com/emr/latest/APIReference/CommonErrors.html)';

export const STS_ERROR_RULES: readonly StsErrorRule[] = [
  {
    code: 'sts-expired-token',
    errorCodes: ['ExpiredToken', 'ExpiredTokenException', 'RequestExpired'],
    title: 'STS says the credentials have expired',
    meaning:
      'The session token sent to STS is past its expiry: the consumer used credentials that were not refreshed (for aws login they last 15 minutes).',
    source: `${COMMON_ERRORS}: ExpiredTokenException "The security token included in the request is expired"; STS names it ExpiredToken (UNVERIFIED beyond the SDK error classes)`,
  },
  {
    code: 'sts-invalid-token',
    errorCodes: ['InvalidClientTokenId', 'UnrecognizedClientException', 'MissingAuthenticationToken'],
    title: 'STS does not recognise the access key or session token',
    meaning:
      'The access key id does not exist (deleted, from another partition, or a session token that does not belong to it), so AWS cannot tell who is calling.',
    source: `${COMMON_ERRORS}: InvalidClientTokenId "The X.509 certificate or AWS access key ID provided does not exist in our records." (403)`,
  },
  {
    code: 'sts-access-denied',
    errorCodes: ['AccessDenied', 'AccessDeniedException', 'NotAuthorized'],
    title: 'STS refused GetCallerIdentity',
    meaning:
      'The credentials are valid but the call was denied; the message from AWS names the policy or the reason (an explicit deny, an organization policy, a network path that filters AWS calls).',
    source: `${COMMON_ERRORS}: AccessDeniedException (403)`,
  },
  {
    code: 'sts-signature-mismatch',
    errorCodes: ['SignatureDoesNotMatch', 'IncompleteSignature', 'InvalidSignatureException'],
    title: 'STS rejected the request signature',
    meaning:
      'The secret access key does not belong to the access key id (keys mixed from two sources, e.g. AWS_ACCESS_KEY_ID from one place and AWS_SECRET_ACCESS_KEY from another), or the clock is so far off that the signature counts as expired.',
    source: `${COMMON_ERRORS}: IncompleteSignature / SignatureDoesNotMatch (403)`,
  },
];

export function stsErrorRule(errorCode: string): StsErrorRule | undefined {
  return STS_ERROR_RULES.find((r) => r.errorCodes.includes(errorCode));
}

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
 * for TOKEN_EXPIRED right after login (aws/aws-cli#10330, js-sdk-login.md §5). One minute is an early warning.
 */
export const CLOCK_SKEW = {
  failMs: 5 * 60_000,
  warnMs: 60_000,
  source: 'SigV4 5-minute window (STS "Signature expired" answers); aws/aws-cli#10330 via js-sdk-login.md §5',
} as const;

export interface ClockFix {
  text: string;
  commands: string[];
}

/** How to resync the clock, per OS (WSL2 guests drift after the host sleeps; hwclock -s reloads the host time). */
export function clockFix(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): ClockFix {
  if (platform === 'win32') return { text: 'Resynchronise Windows time (in an administrator PowerShell).', commands: ['w32tm /resync'] };
  if (platform === 'darwin') return { text: 'Resynchronise the clock with Apple\'s time server.', commands: ['sudo sntp -sS time.apple.com'] };
  if (platform === 'linux' && env.WSL_DISTRO_NAME) {
    return { text: 'WSL2 clocks drift after the Windows host sleeps: reload the time from the host.', commands: ['sudo hwclock -s'] };
  }
  return { text: 'Turn on network time synchronisation.', commands: ['sudo timedatectl set-ntp true'] };
}

/**
 * The JS SDK marks resolved credentials with feature ids in `credentials.$source`
 * (js-sdk-login.md §3.2, from @aws-sdk/types feature-ids.d.ts and the setters found there).
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
