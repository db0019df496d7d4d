/**
 * Error texts of the consumers beyond botocore and the JS SDK (Go, Java, .NET, Rust, PHP, the JetBrains
 * toolkit, the CDK CLI) and of `aws login` under WSL, for `login-doctor explain`. error-signatures.ts
 * appends this table to its own, so the same matcher and ordering rules apply.
 */
import type { ErrorSignature, SignatureConsumer } from './error-signature.js';
import { loginBridge, OTHER_SDK_ERRORS, OTHER_SDK_FLOORS } from './other-sdks.js';

export type OtherSdkConsumer = Exclude<SignatureConsumer, 'botocore' | 'cli-v2' | 'js' | 'sts' | 'any'>;


export const OTHER_SDK_CONSUMER_WORDING: Record<OtherSdkConsumer, string> = {
  go: 'Go SDK v2 / Terraform',
  java: 'AWS SDK for Java 2.x',
  dotnet: 'AWS SDK for .NET',
  rust: 'AWS SDK for Rust',
  php: 'AWS SDK for PHP',
  jetbrains: 'JetBrains AWS Toolkit',
  cdk: 'AWS CDK CLI',
};

const BRIDGE = loginBridge({ platform: 'linux', env: {} }, 'LOGIN_PROFILE');
const { goConfig, goCredentials, java, javaSigninRegion, dotnetCore, rustConfig, cdk, terraform } = OTHER_SDK_FLOORS;

export const OTHER_SDK_SIGNATURES: readonly ErrorSignature[] = [
  {
    id: 'go-no-valid-credential-sources',
    match: /No valid credential sources found|failed to refresh cached credentials, no EC2 IMDS role found/,
    consumer: 'go',
    code: 'pins-go-too-old',
    cause: `A Go program (Terraform, its AWS provider, OpenTofu or your own) built with the Go SDK v2 before config ${goConfig.version} / credentials ${goCredentials.version} ignores login_session, falls through to EC2 instance metadata and times out there. Terraform's S3 backend reads login_session from ${terraform.version}.`,
    fix: { text: `Rebuild with the newer modules (or upgrade Terraform to ${terraform.version}); until then use a credential_process bridge profile.`, commands: [`go get github.com/aws/aws-sdk-go-v2/config@${goConfig.version} github.com/aws/aws-sdk-go-v2/credentials@${goCredentials.version}`, BRIDGE.command] },
    check: 'project.other-sdks',
    source: OTHER_SDK_ERRORS.goTooOld.source,
  },
  {
    id: 'go-assume-role-login-source',
    match: /failed to load assume role .{0,300}?, of profile .{0,200}?, <nil>/,
    consumer: 'go',
    code: 'role-chain-unsupported',
    cause: 'The Go SDK v2 cannot use a login profile as the source_profile of a role profile: it finds no credentials in the source and reports <nil>. The fix in the SDK is not released.',
    fix: { text: 'Point the role\'s source_profile at a credential_process bridge profile for the login profile.', commands: [BRIDGE.command, 'aws configure set source_profile LOGIN_PROFILE-process --profile ROLE_PROFILE'] },
    check: 'project.other-sdks',
    source: 'aws/aws-sdk-go-v2#3446 (fix PR #3447 open)',
  },
  {
    id: 'php-no-credentials-in-ini-profile',
    match: 'No credentials present in INI profile',
    consumer: 'php',
    code: 'role-chain-unsupported',
    cause: 'The AWS SDK for PHP reads login_session directly, but not as the source_profile of a role profile (by design), and reports no credentials in that profile.',
    fix: { text: 'Point the role\'s source_profile at a credential_process bridge profile for the login profile.', commands: [BRIDGE.command, 'aws configure set source_profile LOGIN_PROFILE-process --profile ROLE_PROFILE'] },
    check: 'project.other-sdks',
    source: 'aws/aws-sdk-php#3300',
  },
  {
    id: 'java-signin-module-missing',
    match: /To use login_session property in the '.{0,200}?' profile, the 'signin' service module must be on the class path/,
    consumer: 'java',
    code: 'pins-java-no-signin',
    cause: `The AWS SDK for Java (${java.version} or later) reads login_session only through the separate software.amazon.awssdk:signin artifact, which the application does not ship.`,
    fix: { text: 'Add software.amazon.awssdk:signin (version from the SDK bom) to the build.', commands: [] },
    check: 'project.other-sdks',
    source: OTHER_SDK_ERRORS.javaNoSignin.source,
  },
  {
    id: 'java-signin-region',
    match: /Unable to load region from any of the providers in the chain|No region provided in profile: default/,
    consumer: 'java',
    code: 'pins-java-signin-region',
    cause: `The AWS SDK for Java found no region. With a login profile and an SDK before ${javaSigninRegion.version}, the Sign-In client takes its region from the [default] profile (or AWS_REGION), not from the login profile.`,
    fix: { text: `Upgrade the SDK to ${javaSigninRegion.version} or later, or give [default] a region (or set AWS_REGION).`, commands: ['aws configure set region us-east-1 --profile default'] },
    check: 'project.other-sdks',
    source: OTHER_SDK_ERRORS.javaRegion.source,
  },
  {
    id: 'dotnet-signin-assembly-missing',
    match: /Assembly AWSSDK\.Signin could not be found or loaded/,
    consumer: 'dotnet',
    code: 'pins-dotnet-no-signin',
    cause: `AWSSDK.Core (${dotnetCore.version} or later) loads AWSSDK.Signin by reflection for login_session profiles; the application does not reference the package.`,
    fix: { text: 'Reference the AWSSDK.Signin package in the project that runs.', commands: ['dotnet add package AWSSDK.Signin'] },
    check: 'project.other-sdks',
    source: OTHER_SDK_ERRORS.dotnetNoSignin.source,
  },
  {
    id: 'rust-login-feature-missing',
    match: /requires following cargo feature\(s\) enabled: (?:credentials-)?login/,
    consumer: 'rust',
    code: 'pins-rust-no-login-feature',
    cause: `aws-config (${rustConfig.version} or later) reads login_session only with the credentials-login cargo feature, which is not a default feature (1.8.11 and 1.8.12 call it "login" in this message).`,
    fix: { text: 'Turn on the feature in Cargo.toml: aws-config = { version = "1.8.13", features = ["credentials-login"] }.', commands: [] },
    check: 'project.other-sdks',
    source: OTHER_SDK_ERRORS.rustNoFeature.source,
  },
  {
    id: 'jetbrains-profile-not-supported',
    match: /Profile '.{0,200}?' is not using role-based, session-based, process-based, or basic credentials/,
    consumer: 'jetbrains',
    code: 'jetbrains-toolkit-no-login',
    cause: 'The JetBrains AWS Toolkit does not support login_session profiles.',
    fix: { text: 'Select a credential_process bridge profile for the login profile in the toolkit.', commands: [BRIDGE.command] },
    check: 'config.profile',
    source: 'aws/aws-toolkit-jetbrains#6417',
  },
  {
    id: 'cdk-unable-to-resolve-account',
    match: 'Unable to resolve AWS account to use. It must be either configured when you define your CDK Stack, or through the environment',
    consumer: 'cdk',
    code: 'pins-cdk-too-old',
    cause: `The AWS CDK CLI bundles its own JS SDK; before aws-cdk ${cdk.version} that SDK ignores login_session, so cdk finds no credentials (other causes: no credentials at all, or an expired session).`,
    fix: { text: 'Upgrade the CDK CLI (the project\'s aws-cdk devDependency or the global install).', commands: ['npm install --save-dev aws-cdk@latest'] },
    check: 'project.other-sdks',
    source: 'aws/aws-cdk-cli#972',
  },
  {
    id: 'wsl-browser-not-supported',
    match: /gio: https?:\/\/\S{0,400}: Operation not supported/,
    consumer: 'cli-v2',
    code: 'wsl-no-browser',
    cause: 'aws login runs under WSL (or another system without a browser handler) and cannot open the sign-in page.',
    fix: { text: 'Sign in with the remote flow and open the printed URL in a browser; for IAM Identity Center use the device code flow.', commands: ['aws login --remote', 'aws sso login --use-device-code'] },
    check: 'tools.aws-cli',
    source: 'aws/aws-cli#10242',
  },
];
