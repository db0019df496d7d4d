/**
 * The shape of one known error text, apart from the table (error-signatures.ts) so that the modules that contribute
 * entries to the table can type them without importing the table itself.
 */
import type { FindingCode } from '../engine/finding-codes.js';

/** Whose wording an entry of the error tables is (the last seven: error-signatures-other-sdks.ts). */
export type SignatureConsumer = 'botocore' | 'cli-v2' | 'js' | 'sts' | 'any' | 'go' | 'java' | 'dotnet' | 'rust' | 'php' | 'jetbrains' | 'cdk';

/** How the refresh test (`login-doctor refresh-test`) judges one consumer's refresh. */
export type RefreshCode =
  | 'refresh-ok'
  | 'refresh-not-attempted'
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

export interface ErrorSignature {
  /** Stable id of this wording (kebab-case, unique). */
  id: string;
  /** A RegExp, or an exact substring (matched case-sensitively). */
  match: RegExp | string;
  /** Whose wording this is. */
  consumer: SignatureConsumer;
  /** The finding code that explains it (docs/findings.md has a section for each). */
  code: FindingCode;
  /** What the refresh test reports when a consumer prints this text. */
  refreshCode?: Exclude<RefreshCode, 'refresh-ok' | 'refresh-not-attempted'>;
  cause: string;
  fix: { text: string; commands: string[] };
  /** Check id whose findings confirm the cause, or `refresh-test` for the forced refresh test. */
  check: string;
  source: string;
}
