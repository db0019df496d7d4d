import type { Status } from './status.js';

/**
 * Every finding code login-doctor can report, declared once: the check that emits it, the statuses it can have and
 * the consumers it affects. `FindingInput.code` is typed from this table, the runner refuses a code a check did not
 * declare, `list-checks --json` lists each check's codes and the docs tests read it.
 *
 * Adding a code is one line here (beside its check's other codes) plus its section in docs/findings.md.
 */

/** The programs a finding is about; none means the finding is about login-doctor itself. */
export type Consumer =
  | 'botocore' | 'boto3' | 'awscrt' | 'AWS CLI' | 'AWS CLI v2' | 'JS SDK'
  | 'Go SDK v2' | 'Java SDK' | '.NET SDK' | 'Rust SDK' | 'PHP SDK' | 'Terraform' | 'OpenTofu' | 'AWS CDK CLI' | 'AWS SAM CLI'
  | 'Python tools' | 'JetBrains Toolkit';

export interface CodeEntry {
  /** The check id that emits the code; `any` for the runner's own codes, `refresh-test` for that command. */
  check: string;
  statuses: readonly Status[];
  affects: readonly Consumer[];
}

const ALL = ['botocore', 'AWS CLI v2', 'JS SDK'] as const;
const NONE = [] as const;

export const FINDING_CODES = {
  // environment.home
  'home-dir-split': { check: 'environment.home', statuses: ['warn'], affects: ALL },
  'home-not-usable': { check: 'environment.home', statuses: ['warn'], affects: ALL },
  'home-ok': { check: 'environment.home', statuses: ['pass'], affects: ALL },
  // environment.node
  'node-end-of-life': { check: 'environment.node', statuses: ['info'], affects: ['JS SDK'] },
  'node-ok': { check: 'environment.node', statuses: ['pass'], affects: ['JS SDK'] },
  // config.files
  'config-bare-section': { check: 'config.files', statuses: ['warn'], affects: ALL },
  'config-file-unreadable': { check: 'config.files', statuses: ['fail'], affects: ALL },
  'config-file-too-large': { check: 'config.files', statuses: ['warn'], affects: ALL },
  'config-files-missing': { check: 'config.files', statuses: ['warn', 'fail'], affects: ALL },
  'config-files-ok': { check: 'config.files', statuses: ['pass'], affects: ALL },
  'config-parse-error': { check: 'config.files', statuses: ['warn', 'fail'], affects: ALL },
  // config.consumers
  'config-consumers-disagree': { check: 'config.consumers', statuses: ['warn'], affects: ALL },
  'config-path-env': { check: 'config.consumers', statuses: ['warn'], affects: ALL },
  'credential-chain': { check: 'config.consumers', statuses: ['pass'], affects: ALL },
  'credential-chain-broken': { check: 'config.consumers', statuses: ['fail'], affects: ALL },
  'role-on-login-unsupported': { check: 'config.consumers', statuses: ['info'], affects: ALL },
  'profile-name-unusual': { check: 'config.consumers', statuses: ['warn'], affects: ALL },
  // config.profile
  'profile-env-conflict': { check: 'config.profile', statuses: ['warn'], affects: ALL },
  'profile-not-found': { check: 'config.profile', statuses: ['warn', 'fail'], affects: ALL },
  'profile-selected': { check: 'config.profile', statuses: ['pass', 'info'], affects: ALL },
  // config.sources
  'credential-sources': { check: 'config.sources', statuses: ['pass', 'info', 'warn', 'fail'], affects: ALL },
  'env-keys-shadow-profile': { check: 'config.sources', statuses: ['info', 'warn'], affects: ALL },
  'mixed-credential-sources': { check: 'config.sources', statuses: ['warn'], affects: ALL },
  'sso-session-missing': { check: 'config.sources', statuses: ['fail'], affects: ALL },
  'static-keys-shadow-login': { check: 'config.sources', statuses: ['warn', 'fail'], affects: ALL },
  'web-identity-env-set': { check: 'config.sources', statuses: ['warn'], affects: ALL },
  // config.region
  'region-env-python': { check: 'config.region', statuses: ['warn'], affects: ['botocore'] },
  'region-missing': { check: 'config.region', statuses: ['fail'], affects: ALL },
  'region-ok': { check: 'config.region', statuses: ['pass'], affects: ALL },
  // caches.login-writable
  'login-cache-not-writable': { check: 'caches.login-writable', statuses: ['warn', 'fail'], affects: ALL },
  // caches.login
  'login-cache-corrupt': { check: 'caches.login', statuses: ['fail'], affects: ALL },
  'login-cache-fields-missing': { check: 'caches.login', statuses: ['fail'], affects: ALL },
  'login-cache-missing': { check: 'caches.login', statuses: ['fail'], affects: ALL },
  'login-dpop-key-invalid': { check: 'caches.login', statuses: ['fail'], affects: ALL },
  'login-session-old': { check: 'caches.login', statuses: ['warn'], affects: ALL },
  'login-cache-dir-unexpanded': { check: 'caches.login', statuses: ['warn'], affects: ALL },
  'login-cache-unreadable': { check: 'caches.login', statuses: ['fail'], affects: ALL },
  'login-cache-account-mismatch': { check: 'caches.login', statuses: ['warn'], affects: ALL },
  'login-token-expired': { check: 'caches.login', statuses: ['info'], affects: ALL },
  'login-refresh-due': { check: 'caches.login', statuses: ['info'], affects: ALL },
  'login-cache-permissions': { check: 'caches.login', statuses: ['warn'], affects: ALL },
  'login-cache-tmp-leftovers': { check: 'caches.login', statuses: ['info'], affects: ['botocore'] },
  'login-cache-orphan': { check: 'caches.login', statuses: ['info'], affects: ALL },
  'login-cache-ok': { check: 'caches.login', statuses: ['pass'], affects: ALL },
  'login-cache-not-applicable': { check: 'caches.login', statuses: ['skip'], affects: ALL },
  // caches.sso
  'sso-cache-corrupt': { check: 'caches.sso', statuses: ['fail'], affects: ALL },
  'sso-cache-missing': { check: 'caches.sso', statuses: ['fail'], affects: ALL },
  'sso-no-refresh': { check: 'caches.sso', statuses: ['warn'], affects: ALL },
  'sso-profile-incomplete': { check: 'caches.sso', statuses: ['fail'], affects: ALL },
  'sso-token-expired': { check: 'caches.sso', statuses: ['warn', 'fail'], affects: ALL },
  'sso-cache-unreadable': { check: 'caches.sso', statuses: ['fail'], affects: ALL },
  'sso-registration-expired': { check: 'caches.sso', statuses: ['warn', 'fail'], affects: ALL },
  'sso-cache-key-mismatch': { check: 'caches.sso', statuses: ['warn', 'fail'], affects: ALL },
  'sso-cache-ok': { check: 'caches.sso', statuses: ['pass'], affects: ALL },
  'sso-cache-not-applicable': { check: 'caches.sso', statuses: ['skip'], affects: ALL },
  // caches.cli
  'cli-cache-ok': { check: 'caches.cli', statuses: ['pass'], affects: ['AWS CLI v2'] },
  'cli-cache-expired': { check: 'caches.cli', statuses: ['info'], affects: ['AWS CLI v2'] },
  // tools.aws-cli
  'cli-missing': { check: 'tools.aws-cli', statuses: ['info', 'warn'], affects: ['AWS CLI'] },
  'cli-ok': { check: 'tools.aws-cli', statuses: ['pass'], affects: ['AWS CLI'] },
  'cli-shadowed': { check: 'tools.aws-cli', statuses: ['info', 'warn', 'fail'], affects: ['AWS CLI'] },
  'cli-too-old': { check: 'tools.aws-cli', statuses: ['info', 'warn', 'fail'], affects: ['AWS CLI'] },
  'cli-unpadded-dpop': { check: 'tools.aws-cli', statuses: ['info', 'warn'], affects: ['AWS CLI'] },
  'cli-v1': { check: 'tools.aws-cli', statuses: ['info', 'warn', 'fail'], affects: ['AWS CLI'] },
  'cli-version-unknown': { check: 'tools.aws-cli', statuses: ['info', 'warn', 'fail'], affects: ['AWS CLI'] },
  'cli-awscrt-no-padded-signature': { check: 'tools.aws-cli', statuses: ['info', 'warn', 'fail'], affects: ['AWS CLI v2'] },
  'cli-login-refuses-profile': { check: 'tools.aws-cli', statuses: ['info', 'warn'], affects: ['AWS CLI v2'] },
  'cli-sso-start-url-broken': { check: 'tools.aws-cli', statuses: ['fail'], affects: ['AWS CLI v2'] },
  // reported by `explain` only (aws login under WSL)
  'wsl-no-browser': { check: 'tools.aws-cli', statuses: ['fail'], affects: ['AWS CLI v2'] },
  // tools.python
  'python-awscrt-missing': { check: 'tools.python', statuses: ['warn', 'fail'], affects: ['botocore', 'awscrt'] },
  'python-awscrt-no-padded-signature': { check: 'tools.python', statuses: ['warn', 'fail'], affects: ['botocore', 'awscrt'] },
  'python-awscrt-too-old': { check: 'tools.python', statuses: ['info', 'warn', 'fail'], affects: ['botocore', 'awscrt'] },
  'python-botocore-broken': { check: 'tools.python', statuses: ['warn', 'fail'], affects: ['botocore'] },
  'python-botocore-too-old': { check: 'tools.python', statuses: ['warn', 'fail'], affects: ['botocore'] },
  'python-botocore-unpadded-dpop': { check: 'tools.python', statuses: ['warn'], affects: ['botocore'] },
  'python-cache-write-not-atomic': { check: 'tools.python', statuses: ['info'], affects: ['botocore'] },
  'python-crt-disabled': { check: 'tools.python', statuses: ['warn', 'fail'], affects: ['botocore'] },
  'python-interpreters': { check: 'tools.python', statuses: ['pass', 'info'], affects: ['botocore'] },
  'python-ok': { check: 'tools.python', statuses: ['pass'], affects: ['botocore'] },
  'python-probe-failed': { check: 'tools.python', statuses: ['warn'], affects: ['botocore'] },
  // tools.tool-envs
  'tool-env-botocore-too-old': { check: 'tools.tool-envs', statuses: ['warn', 'fail'], affects: ['Python tools'] },
  'tool-env-awscrt-missing': { check: 'tools.tool-envs', statuses: ['warn', 'fail'], affects: ['Python tools'] },
  'tool-env-awscrt-no-padded-signature': { check: 'tools.tool-envs', statuses: ['warn', 'fail'], affects: ['Python tools'] },
  'tool-env-probe-failed': { check: 'tools.tool-envs', statuses: ['warn'], affects: ['Python tools'] },
  'tool-envs-ok': { check: 'tools.tool-envs', statuses: ['pass'], affects: ['Python tools'] },
  'sam-too-old': { check: 'tools.tool-envs', statuses: ['warn', 'fail'], affects: ['AWS SAM CLI'] },
  'sam-unpadded-dpop': { check: 'tools.tool-envs', statuses: ['warn'], affects: ['AWS SAM CLI'] },
  // project.js-sdk
  'js-ini-no-caller-config': { check: 'project.js-sdk', statuses: ['info'], affects: ['JS SDK'] },
  'js-login-stale-cache': { check: 'project.js-sdk', statuses: ['warn'], affects: ['JS SDK'] },
  'js-sdk-found': { check: 'project.js-sdk', statuses: ['pass', 'info'], affects: ['JS SDK'] },
  'js-sdk-no-login': { check: 'project.js-sdk', statuses: ['warn', 'fail'], affects: ['JS SDK'] },
  'js-sdk-none': { check: 'project.js-sdk', statuses: ['info'], affects: ['JS SDK'] },
  // project.pins
  'pins-js-too-old': { check: 'project.pins', statuses: ['warn', 'fail'], affects: ['JS SDK'] },
  'pins-none': { check: 'project.pins', statuses: ['info'], affects: ['botocore', 'boto3', 'JS SDK'] },
  'pins-ok': { check: 'project.pins', statuses: ['pass'], affects: ['botocore', 'boto3', 'JS SDK'] },
  'pins-python-too-old': { check: 'project.pins', statuses: ['warn', 'fail'], affects: ['botocore', 'boto3'] },
  'project-file-unreadable': { check: 'project.pins', statuses: ['info'], affects: ['botocore', 'boto3', 'JS SDK'] },
  // project.other-sdks
  'pins-go-too-old': { check: 'project.other-sdks', statuses: ['warn', 'fail'], affects: ['Go SDK v2'] },
  'pins-java-too-old': { check: 'project.other-sdks', statuses: ['warn', 'fail'], affects: ['Java SDK'] },
  'pins-java-no-signin': { check: 'project.other-sdks', statuses: ['fail'], affects: ['Java SDK'] },
  'pins-java-signin-region': { check: 'project.other-sdks', statuses: ['warn'], affects: ['Java SDK'] },
  'pins-dotnet-too-old': { check: 'project.other-sdks', statuses: ['warn', 'fail'], affects: ['.NET SDK'] },
  'pins-dotnet-no-signin': { check: 'project.other-sdks', statuses: ['fail'], affects: ['.NET SDK'] },
  'pins-rust-too-old': { check: 'project.other-sdks', statuses: ['warn', 'fail'], affects: ['Rust SDK'] },
  'pins-rust-no-login-feature': { check: 'project.other-sdks', statuses: ['fail'], affects: ['Rust SDK'] },
  'terraform-too-old': { check: 'project.other-sdks', statuses: ['warn', 'fail'], affects: ['Terraform'] },
  'terraform-provider-too-old': { check: 'project.other-sdks', statuses: ['warn'], affects: ['Terraform'] },
  'opentofu-no-login': { check: 'project.other-sdks', statuses: ['warn'], affects: ['OpenTofu'] },
  'pins-cdk-too-old': { check: 'project.other-sdks', statuses: ['fail'], affects: ['AWS CDK CLI'] },
  'pins-cdk-stale-cache': { check: 'project.other-sdks', statuses: ['info'], affects: ['AWS CDK CLI'] },
  'role-chain-unsupported': { check: 'project.other-sdks', statuses: ['fail'], affects: ['Go SDK v2', 'Terraform', 'PHP SDK'] },
  'sdk-pins-ok': { check: 'project.other-sdks', statuses: ['pass'], affects: ['Go SDK v2', 'Java SDK', '.NET SDK', 'Rust SDK', 'Terraform', 'AWS CDK CLI'] },
  'sdk-file-unreadable': { check: 'project.other-sdks', statuses: ['info'], affects: ['Go SDK v2', 'Java SDK', '.NET SDK', 'Rust SDK', 'Terraform', 'AWS CDK CLI'] },
  // reported by `explain` only: the program that prints these texts is not inspected
  'jetbrains-toolkit-no-login': { check: 'config.profile', statuses: ['fail'], affects: ['JetBrains Toolkit'] },
  // live.sts
  'clock-skew': { check: 'live.sts', statuses: ['warn', 'fail'], affects: ALL },
  'live-offline': { check: 'live.sts', statuses: ['skip'], affects: ['JS SDK'] },
  'network-unreachable': { check: 'live.sts', statuses: ['skip'], affects: ALL },
  'sts-access-denied': { check: 'live.sts', statuses: ['fail'], affects: ['JS SDK'] },
  'sts-call-failed': { check: 'live.sts', statuses: ['fail'], affects: ['JS SDK'] },
  'sts-credentials-failed': { check: 'live.sts', statuses: ['warn', 'fail'], affects: ['JS SDK'] },
  'sts-expired-token': { check: 'live.sts', statuses: ['fail'], affects: ALL },
  'sts-identity': { check: 'live.sts', statuses: ['pass'], affects: ['JS SDK'] },
  'sts-invalid-token': { check: 'live.sts', statuses: ['fail'], affects: ALL },
  'sts-refresh-warning': { check: 'live.sts', statuses: ['warn'], affects: ['JS SDK'] },
  'sts-signature-mismatch': { check: 'live.sts', statuses: ['fail'], affects: ALL },
  // login-doctor refresh-test
  'refresh-test-source-profile': { check: 'refresh-test', statuses: ['info'], affects: ALL },
  'refresh-awscrt-missing': { check: 'refresh-test', statuses: ['fail'], affects: ['botocore'] },
  'refresh-awscrt-no-padded-signature': { check: 'refresh-test', statuses: ['fail'], affects: ['botocore', 'AWS CLI v2'] },
  'refresh-clock-skew': { check: 'refresh-test', statuses: ['fail'], affects: ALL },
  'refresh-invalid-grant': { check: 'refresh-test', statuses: ['fail'], affects: ALL },
  'refresh-network': { check: 'refresh-test', statuses: ['skip'], affects: ALL },
  'refresh-no-region': { check: 'refresh-test', statuses: ['fail'], affects: ALL },
  'refresh-ok': { check: 'refresh-test', statuses: ['pass', 'warn'], affects: ALL },
  'refresh-password-changed': { check: 'refresh-test', statuses: ['fail'], affects: ALL },
  'refresh-permission-denied': { check: 'refresh-test', statuses: ['fail'], affects: ALL },
  'refresh-session-expired': { check: 'refresh-test', statuses: ['fail'], affects: ALL },
  'refresh-unknown': { check: 'refresh-test', statuses: ['fail'], affects: ALL },
  'refresh-not-attempted': { check: 'refresh-test', statuses: ['fail'], affects: ALL },
  'refresh-test-not-login-profile': { check: 'refresh-test', statuses: ['fail'], affects: ALL },
  'refresh-test-cache-unhealthy': { check: 'refresh-test', statuses: ['fail'], affects: ALL },
  'refresh-test-needs-confirmation': { check: 'refresh-test', statuses: ['fail'], affects: NONE },
  'refresh-test-unsafe-path': { check: 'refresh-test', statuses: ['fail'], affects: ALL },
  'refresh-test-locked': { check: 'refresh-test', statuses: ['fail'], affects: NONE },
  'refresh-test-cache-unwritable': { check: 'refresh-test', statuses: ['fail'], affects: ALL },
  'refresh-test-cache-changed': { check: 'refresh-test', statuses: ['fail'], affects: ALL },
  'refresh-test-consumer-unavailable': { check: 'refresh-test', statuses: ['info', 'fail'], affects: ALL },
  'refresh-test-cache-restored': { check: 'refresh-test', statuses: ['pass', 'warn'], affects: ALL },
  'refresh-test-recovered': { check: 'refresh-test', statuses: ['info'], affects: NONE },
  'refresh-test-interrupted': { check: 'refresh-test', statuses: ['fail'], affects: NONE },
  // the runner, for any check
  'check-crashed': { check: 'any', statuses: ['fail'], affects: NONE },
  'check-timeout': { check: 'any', statuses: ['fail'], affects: NONE },
} as const satisfies Record<string, CodeEntry>;

export type FindingCode = keyof typeof FINDING_CODES;

/** The check id that owns codes reported by the runner itself (crash, timeout). */
export const ANY_CHECK = 'any';

export function isFindingCode(code: string): code is FindingCode {
  return Object.hasOwn(FINDING_CODES, code);
}

export function codeEntry(code: FindingCode): CodeEntry {
  return FINDING_CODES[code];
}

/** The codes a check declares, in catalog order. */
export function codesOfCheck(checkId: string): FindingCode[] {
  return (Object.keys(FINDING_CODES) as FindingCode[]).filter((code) => FINDING_CODES[code].check === checkId);
}

/** Whether `checkId` may report `code` with `status`: the runner's guard against undeclared codes. */
export function isDeclared(checkId: string, code: string, status: Status): boolean {
  if (!isFindingCode(code)) return false;
  const entry: CodeEntry = FINDING_CODES[code];
  return (entry.check === checkId || entry.check === ANY_CHECK) && entry.statuses.includes(status);
}
