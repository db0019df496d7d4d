import type { RefreshCode } from './error-signature.js';
import { matchErrorText } from './error-signatures.js';

export type RefreshFailureCode = Exclude<RefreshCode, 'refresh-ok' | 'refresh-not-attempted'>;

/**
 * Transport failures: no AWS wording, only the client's own connection and timeout signals. AWS error texts
 * live in error-signatures.ts; these are the fallback when none of them names a cause.
 */
export const TRANSPORT_FAILURES: readonly { pattern: RegExp; source: string }[] = [
  { pattern: /\b(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/, source: 'Node.js errno codes (JS SDK)' },
  { pattern: /\bTimeoutError\b|socket hang up/, source: '@smithy/node-http-handler request/connection timeouts (JS SDK)' },
  { pattern: /Could not connect to the endpoint URL|Connect timeout on endpoint URL|Read timeout on endpoint URL/, source: 'botocore EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError' },
  { pattern: /^timed out after \d+ ms$/, source: "login-doctor's own per-consumer time limit (refresh-consumers.ts)" },
];

/**
 * SSO wordings in the signature table that mean the SSO session (or its client registration) is over; the
 * table gives them SSO finding codes, the refresh test reports them as refresh-session-expired.
 */
const SSO_SESSION_OVER = new Set(['botocore-sso-refresh-failed', 'botocore-sso-unauthorized', 'js-sso-token-expired', 'js-sso-legacy-expired']);

/**
 * The one place refresh-test turns a consumer's error text into a code: the first specific cause in the error
 * signature table, else a transport failure, else refresh-unknown (the text is quoted to the user either way).
 */
export function classifyRefreshFailure(text: string): RefreshFailureCode {
  const matches = matchErrorText(text);
  const specific = matches
    .map((m) => m.signature.refreshCode)
    .find((c): c is RefreshFailureCode => c !== undefined && c !== 'refresh-unknown');
  if (specific) return specific;
  if (matches.some((m) => SSO_SESSION_OVER.has(m.signature.id))) return 'refresh-session-expired';
  if (TRANSPORT_FAILURES.some((t) => t.pattern.test(text))) return 'refresh-network';
  return 'refresh-unknown';
}
