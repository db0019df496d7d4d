/**
 * Consumers of `login_session` beyond botocore and the JS SDK: the first version of each that reads it, the
 * companion package it needs, and the texts it fails with. Each entry names its public source.
 * Versions are as each ecosystem writes them (Go with a leading v, NuGet with four parts).
 */
import { credentialProcessArg, shellOf, shellQuote, type ShellWhere } from './shell.js';
import { FLOORS } from './floors.js';
import { LOGIN_PROCESS_BRIDGE } from './role-chaining.js';

export interface SdkFloor {
  version: string;
  why: string;
  source: string;
  /** No primary source confirms this floor: findings say "probably". */
  unconfirmed?: boolean;
}

export const GO_CONFIG_MODULE = 'github.com/aws/aws-sdk-go-v2/config';
export const GO_CREDENTIALS_MODULE = 'github.com/aws/aws-sdk-go-v2/credentials';
export const JAVA_GROUP = 'software.amazon.awssdk';
export const JAVA_SIGNIN_ARTIFACT = 'signin';
export const DOTNET_CORE_PACKAGE = 'AWSSDK.Core';
export const DOTNET_SIGNIN_PACKAGE = 'AWSSDK.Signin';
export const RUST_CONFIG_CRATE = 'aws-config';
export const RUST_LOGIN_FEATURE = 'credentials-login';
export const RUST_SIGNIN_CRATE = 'aws-sdk-signin';
export const TERRAFORM_AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';
export const CDK_CLI_PACKAGE = 'aws-cdk';
export const PHP_SDK_PACKAGE = 'aws/aws-sdk-php';

export const OTHER_SDK_FLOORS = {
  goConfig: {
    version: 'v1.32.0',
    why: 'github.com/aws/aws-sdk-go-v2/config v1.32.0 (2025-11-19) is the first that resolves login_session profiles; older versions fall through to instance metadata ("No valid credential sources found")',
    source: 'aws/aws-sdk-go-v2 config/CHANGELOG.md (v1.32.0)',
  },
  goCredentials: {
    version: 'v1.19.0',
    why: 'github.com/aws/aws-sdk-go-v2/credentials v1.19.0 (2025-11-19) added the login credential provider that config v1.32.0 calls',
    source: 'aws/aws-sdk-go-v2 credentials/CHANGELOG.md (v1.19.0)',
  },
  java: {
    version: '2.39.1',
    why: 'AWS SDK for Java 2.39.1 (2025-11-20) is the first that reads login_session',
    source: 'aws/aws-sdk-java-v2 changelogs/2.39.x-CHANGELOG.md',
  },
  javaSigninRegion: {
    version: '2.51.1',
    why: 'before AWS SDK for Java 2.51.1 the Sign-In client takes its region from the [default] profile, not from the profile being used',
    source: 'aws/aws-sdk-java-v2#7196, fixed by PR #7217 in 2.51.1',
  },
  dotnetCore: {
    version: '4.0.3.2',
    why: 'AWSSDK.Core 4.0.3.2 (AWS SDK for .NET 4.0.137.0, 2025-11-19) is the first that reads login_session; AWS SDK for .NET v3 probably never will',
    source: 'aws/aws-sdk-net SDK.CHANGELOG.2025.md',
  },
  rustConfig: {
    version: '1.8.11',
    why: 'aws-config 1.8.11 (smithy-rs release 2025-11-20) is the first with the login credential provider',
    source: 'smithy-lang/smithy-rs aws/rust-runtime/aws-config/Cargo.toml (release 2025-11-20)',
  },
  terraform: {
    version: '1.15.0',
    why: 'Terraform 1.15.0 (2026-04-29) is the first whose S3 backend reads login_session',
    source: 'hashicorp/terraform CHANGELOG.md (v1.15.0), hashicorp/terraform#37976',
  },
  terraformProvider: {
    version: '6.23.0',
    why: 'the hashicorp/aws provider resolves credentials through aws-sdk-go-base and the Go SDK v2; login support probably arrived in 6.23.0',
    source: 'hashicorp/terraform-provider-aws#45316, hashicorp/aws-sdk-go-base',
    unconfirmed: true,
  },
  cdk: {
    version: '2.1034.0',
    why: 'the AWS CDK CLI bundles its own JS SDK; aws-cdk 2.1034.0 (2025-12-11) is the first whose bundled SDK reads login_session',
    source: 'aws/aws-cdk-cli#972, aws/aws-cdk#36271',
  },
  cdkFreshCache: {
    version: '2.1136.0',
    why: 'before aws-cdk 2.1136.0 (2026-08-12) the bundled login provider re-sends an already used refresh token on its second refresh in one process, which long runs such as `cdk watch` hit',
    source: `aws/aws-cdk-cli yarn.lock per tag (@aws-sdk/credential-provider-login ${FLOORS.jsLoginFreshCache.version}, aws/aws-sdk-js-v3 PR #8216)`,
  },
  sam: {
    version: '1.148.0',
    why: `AWS SAM CLI 1.148.0 is the first whose bundled botocore (${FLOORS.botocoreLogin.version}) and awscrt (${FLOORS.awscrtGate.version}) read login_session`,
    source: 'aws/aws-sam-cli requirements/reproducible-linux.txt at v1.148.0, PR #8456',
  },
  samPadded: {
    version: '1.149.0',
    why: `AWS SAM CLI 1.148.x bundles botocore ${FLOORS.botocoreLogin.version} with awscrt ${FLOORS.awscrtGate.version}, which build unpadded DPoP signatures; 1.149.0 bundles botocore ${FLOORS.botocorePaddedDpop.version} with awscrt ${FLOORS.awscrtPaddedDpop.version}`,
    source: 'aws/aws-sam-cli requirements/reproducible-linux.txt at v1.148.0 and v1.149.0',
  },
} as const satisfies Record<string, SdkFloor>;

/** The exact texts these consumers print, for findings and `explain`. */
export const OTHER_SDK_ERRORS = {
  javaNoSignin: {
    text: "To use login_session property in the '<profile>' profile, the 'signin' service module must be on the class path.",
    source: 'aws/aws-sdk-java-v2#6748 (ProfileCredentialsUtils.java)',
  },
  dotnetNoSignin: {
    text: 'Assembly AWSSDK.Signin could not be found or loaded. This assembly must be available at runtime to use Amazon.Runtime.Internal.SigninServiceClientHelpers, AWSSDK.Core, Version=4.0.0.0',
    source: 'aws/aws-dotnet-deploy#1010',
  },
  rustNoFeature: {
    text: 'This behavior requires following cargo feature(s) enabled: credentials-login. In order to use an active login session, the `credentials-login` feature must be enabled.',
    source: 'awslabs/iam-policy-autopilot#276; aws-config 1.8.11-1.8.12 named the feature `login` (smithy-lang/smithy-rs#4493)',
  },
  goTooOld: {
    text: 'No valid credential sources found',
    source: 'hashicorp/aws-sdk-go-base#1433, hashicorp/terraform-provider-aws#45316',
  },
  javaRegion: {
    text: 'Unable to load region from any of the providers in the chain',
    source: 'aws/aws-sdk-java-v2#7196',
  },
} as const;

/** The name used for the bridge profile of a login profile. */
export function bridgeProfileName(loginProfile: string): string {
  return `${loginProfile}-process`;
}

/**
 * The fix for a consumer that cannot read login_session (or cannot chain a role onto it): a profile whose
 * credential_process asks the AWS CLI v2 for the login profile's current credentials.
 */
export function loginBridge(where: ShellWhere, loginProfile: string): { text: string; command: string; profile: string } {
  const bridge = bridgeProfileName(loginProfile);
  const q = (s: string) => shellQuote(shellOf(where), s);
  // The value is split by the SDK that runs it, so its quoting follows the platform, not the user's shell.
  const process = LOGIN_PROCESS_BRIDGE.command(credentialProcessArg(where.platform, loginProfile));
  return {
    text:
      `Where no upgrade is possible, bridge with the AWS CLI v2: the command below adds a profile "${bridge}" with ` +
      `credential_process = ${process}; point the tool at it (AWS_PROFILE=${bridge}, or source_profile = ${bridge} under a role profile).`,
    command: `aws configure set credential_process ${q(process)} --profile ${q(bridge)}`,
    profile: bridge,
  };
}
