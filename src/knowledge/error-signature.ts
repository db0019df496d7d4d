import type { FindingCode } from '../engine/finding-codes.js';

/**
 * The shape of one known error text, apart from the table (error-signatures.ts) so that the modules that contribute
 * entries to the table can type them without importing the table itself.
 */

/** The last seven are the consumers of error-signatures-other-sdks.ts. */
export type SignatureConsumer = 'botocore' | 'cli-v2' | 'js' | 'sts' | 'any' | 'go' | 'java' | 'dotnet' | 'rust' | 'php' | 'jetbrains' | 'cdk';

/** How the refresh test (`login-doctor refresh-test`) classifies each consumer's refresh. */
export const REFRESH_CODES = [
  'refresh-ok',
  'refresh-awscrt-missing',
  'refresh-awscrt-no-padded-signature',
  'refresh-no-region',
  'refresh-session-expired',
  'refresh-password-changed',
  'refresh-permission-denied',
  'refresh-invalid-grant',
  'refresh-network',
  'refresh-clock-skew',
  'refresh-unknown',
] as const;

export type RefreshCode = (typeof REFRESH_CODES)[number];

export interface ErrorSignature {
  /** Stable id of this wording (kebab-case, unique). */
  id: string;
  /** A RegExp, or an exact substring (matched case-sensitively). */
  match: RegExp | string;
  /** Whose wording this is. */
  consumer: SignatureConsumer;
  /** The finding code that explains it (docs/findings.md has a section for each). */
  code: FindingCode;
  refreshCode?: RefreshCode;
  cause: string;
  fix: { text: string; commands: string[] };
  /** Check id whose findings confirm the cause, or `refresh-test` for the forced refresh test. */
  check: string;
  source: string;
}
