import { getSetting, where, type ProfileData } from './config.js';
import { envKeys } from './consumer-model.js';
import type { Consumer } from './profile-selection.js';

type Env = Readonly<Record<string, string | undefined>>;

export type SourceName =
  | 'env'
  | 'assume-role'
  | 'web-identity'
  | 'sso'
  | 'shared-credentials-file'
  | 'login'
  | 'process'
  | 'config-file'
  | 'static'
  | 'container'
  | 'imds'
  | 'none';

export interface SourceCandidate {
  source: SourceName;
  /** Where it was configured: file:line or the env var names. */
  origin: string;
}

export interface EffectiveSource {
  consumer: Consumer;
  /** The source the consumer will use, or `none`. */
  winner: SourceCandidate;
  /** Sources also configured for this profile that the winner hides, in precedence order. */
  shadowed: SourceCandidate[];
}

export interface SourceInput {
  env: Env;
  profile: ProfileData | undefined;
  /** True when the application passes the profile explicitly (boto3.Session(profile_name=...), --profile, fromIni({profile})). */
  explicitProfile: boolean;
}

const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name'];

function envWebIdentity(env: Env): boolean {
  return Boolean(env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN);
}

function originOf(profile: ProfileData | undefined, key: string, values?: 'config' | 'credentials'): string {
  if (!profile) return '';
  const s =
    values === 'config' ? profile.configValues.get(key) : values === 'credentials' ? profile.credentialsValues.get(key) : getSetting(profile, key);
  return s ? where(s) : '';
}

function remote(env: Env): SourceCandidate {
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    return { source: 'container', origin: 'AWS_CONTAINER_CREDENTIALS_*' };
  }
  if ((env.AWS_EC2_METADATA_DISABLED ?? '').toLowerCase() === 'true') return { source: 'none', origin: '' };
  return { source: 'imds', origin: 'EC2 instance metadata (only on EC2)' };
}

/** Candidates in botocore's default chain order (credentials.py create_credential_resolver). */
function botocoreCandidates({ env, profile, explicitProfile }: SourceInput): SourceCandidate[] {
  const out: SourceCandidate[] = [];
  const has = (key: string) => (profile ? getSetting(profile, key) !== undefined : false);
  if (envKeys(env) && !explicitProfile) out.push({ source: 'env', origin: 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY' });
  if (has('role_arn') && !has('web_identity_token_file') && (has('source_profile') || has('credential_source'))) {
    out.push({ source: 'assume-role', origin: originOf(profile, 'role_arn') });
  }
  if (has('role_arn') && has('web_identity_token_file')) out.push({ source: 'web-identity', origin: originOf(profile, 'web_identity_token_file') });
  else if (envWebIdentity(env)) out.push({ source: 'web-identity', origin: 'AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE' });
  const sso = SSO_KEYS.find(has);
  if (sso) out.push({ source: 'sso', origin: originOf(profile, sso) });
  if (profile?.credentialsValues.has('aws_access_key_id')) {
    out.push({ source: 'shared-credentials-file', origin: originOf(profile, 'aws_access_key_id', 'credentials') });
  }
  if (has('login_session')) out.push({ source: 'login', origin: originOf(profile, 'login_session') });
  if (has('credential_process')) out.push({ source: 'process', origin: originOf(profile, 'credential_process') });
  if (profile?.configValues.has('aws_access_key_id')) {
    out.push({ source: 'config-file', origin: originOf(profile, 'aws_access_key_id', 'config') });
  }
  out.push(remote(env));
  return out;
}

/** Candidates in the JS SDK's default chain order (credential-provider-node, then ini's resolveProfileData). */
function jsCandidates({ env, profile, explicitProfile }: SourceInput): SourceCandidate[] {
  const out: SourceCandidate[] = [];
  const has = (key: string) => (profile ? getSetting(profile, key) !== undefined : false);
  // fromEnv is skipped when a profile is given in code or through AWS_PROFILE.
  if (envKeys(env) && !explicitProfile && !env.AWS_PROFILE) out.push({ source: 'env', origin: 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY' });
  if (has('role_arn') && (has('source_profile') || has('credential_source'))) out.push({ source: 'assume-role', origin: originOf(profile, 'role_arn') });
  if (has('aws_access_key_id') && has('aws_secret_access_key')) out.push({ source: 'static', origin: originOf(profile, 'aws_access_key_id') });
  if (has('web_identity_token_file') && has('role_arn')) out.push({ source: 'web-identity', origin: originOf(profile, 'web_identity_token_file') });
  if (has('credential_process')) out.push({ source: 'process', origin: originOf(profile, 'credential_process') });
  const sso = [...SSO_KEYS, 'sso_region'].find(has);
  if (sso) out.push({ source: 'sso', origin: originOf(profile, sso) });
  if (has('login_session')) out.push({ source: 'login', origin: originOf(profile, 'login_session') });
  if (envWebIdentity(env)) out.push({ source: 'web-identity', origin: 'AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE' });
  out.push(remote(env));
  return out;
}

export function effectiveSource(consumer: Consumer, input: SourceInput): EffectiveSource {
  const candidates = consumer === 'js' ? jsCandidates(input) : botocoreCandidates(input);
  const [winner, ...rest] = candidates;
  return {
    consumer,
    winner: winner ?? { source: 'none', origin: '' },
    shadowed: rest.filter((c) => c.source !== 'none' && c.source !== 'imds' && c.source !== 'container'),
  };
}

export const SOURCE_LABELS: Record<SourceName, string> = {
  env: 'environment variables',
  'assume-role': 'assume role (role_arn)',
  'web-identity': 'web identity',
  sso: 'IAM Identity Center (SSO)',
  'shared-credentials-file': 'static keys in the credentials file',
  login: 'aws login (login_session)',
  process: 'credential_process',
  'config-file': 'static keys in the config file',
  static: 'static keys in the profile',
  container: 'container credentials',
  imds: 'EC2 instance metadata',
  none: 'nothing',
};
