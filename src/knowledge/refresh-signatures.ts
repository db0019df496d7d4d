/**
 * How each consumer words a failed login refresh, mapped to one refresh-test code. Order matters: the first
 * matching signature wins, so the specific ones come before the generic ones.
 */
export type RefreshFailureCode =
  | 'refresh-awscrt-missing'
  | 'refresh-awscrt-no-padded-signature'
  | 'refresh-no-region'
  | 'refresh-session-expired'
  | 'refresh-password-changed'
  | 'refresh-permission-denied'
  | 'refresh-invalid-grant'
  | 'refresh-network'
  | 'refresh-clock-skew'
  | 'refresh-unknown';

export interface RefreshSignature {
  code: Exclude<RefreshFailureCode, 'refresh-unknown'>;
  patterns: readonly RegExp[];
  source: string;
}

export const REFRESH_SIGNATURES: readonly RefreshSignature[] = [
  {
    code: 'refresh-awscrt-no-padded-signature',
    patterns: [/has no attribute 'decode_der_signature_to_padded_pair'/],
    source: 'botocore-login.md §1.7 (AttributeError with botocore >= 1.41.6 and awscrt < 0.29.1)',
  },
  {
    code: 'refresh-awscrt-missing',
    patterns: [/Missing Dependency: .*botocore\[crt\]/, /No module named '?awscrt/],
    source: 'botocore-login.md §1.2 (MissingDependencyException)',
  },
  {
    code: 'refresh-no-region',
    patterns: [/You must specify a region/, /Region is missing/, /Missing Region/i],
    source: 'botocore-login.md §1.6 (NoRegionError); js-sdk-login.md §1.6 ("Region is missing")',
  },
  {
    code: 'refresh-password-changed',
    patterns: [/USER_CREDENTIALS_CHANGED/, /because of a change in your password/],
    source: 'botocore-login.md §3.4 (LoginRefreshPasswordChanged); js-sdk-login.md §1.8',
  },
  {
    code: 'refresh-session-expired',
    // pip botocore words TOKEN_EXPIRED and USER_CREDENTIALS_CHANGED the same; both need `aws login`.
    patterns: [/TOKEN_EXPIRED/, /Your session has expired/, /refresh token has expired/i],
    source: 'botocore-login.md §1.7 (LoginRefreshRequired), §3.4; js-sdk-login.md §1.8',
  },
  {
    code: 'refresh-permission-denied',
    patterns: [/INSUFFICIENT_PERMISSIONS/, /due to insufficient permissions/, /CreateOAuth2Token' action/],
    source: 'botocore-login.md §1.7 (LoginInsufficientPermissions); js-sdk-login.md §1.8',
  },
  {
    code: 'refresh-invalid-grant',
    patterns: [/INVALID_REQUEST/, /ValidationException/, /authorization grant is invalid/i],
    source: 'botocore-login.md §1.7 (ValidationException INVALID_REQUEST); js-sdk-login.md §1.8',
  },
  {
    code: 'refresh-clock-skew',
    patterns: [/RequestTimeTooSkewed/, /clock skew/i, /Signature expired/i, /\biat\b.*(?:future|past|skew|window)/i],
    source: 'SigV4 and RFC 9449 time checks (iat); exact Sign-In wording UNVERIFIED',
  },
  {
    code: 'refresh-network',
    patterns: [
      /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH/,
      /Could not connect to the endpoint URL/,
      /Connect timeout on endpoint URL|Read timeout on endpoint URL/,
      /socket hang up|TimeoutError|timed out after \d+ ms/,
    ],
    source: 'botocore EndpointConnectionError / ConnectTimeoutError texts; Node errno codes',
  },
];

/** The one place refresh-test turns a consumer's error text into a code. */
export function classifyRefreshFailure(text: string): RefreshFailureCode {
  for (const s of REFRESH_SIGNATURES) if (s.patterns.some((p) => p.test(text))) return s.code;
  return 'refresh-unknown';
}
