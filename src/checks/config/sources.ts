import { getSetting, where, type ProfileData } from '../../aws/config.js';
import { BOTOCORE_ERRORS } from '../../knowledge/botocore-errors.js';
import { FLOORS } from '../../knowledge/floors.js';
import { JS_SDK_ERRORS } from '../../knowledge/js-sdk-errors.js';
import { effectiveSource, SOURCE_LABELS, type EffectiveSource, type SourceCandidate } from '../../aws/credential-source.js';
import { CONSUMER_LABELS, type Consumer } from '../../aws/profile-selection.js';
import type { Check } from '../../engine/check.js';
import type { FindingInput } from '../../engine/finding.js';
import { awsLogin, unsetEnv, shellOf, type ShellTarget } from '../../knowledge/shell.js';
import { loadConfig } from '../aws-config.js';
import { targetProfiles } from '../target-profiles.js';

const CONSUMERS: Consumer[] = ['botocore', 'cli-v2', 'js'];
const OTHER_SOURCE_KEYS = ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name', 'role_arn', 'credential_process', 'web_identity_token_file'];

function describe(s: EffectiveSource): string {
  const w = s.winner;
  return `${CONSUMER_LABELS[s.consumer]}: ${SOURCE_LABELS[w.source]}${w.origin ? ` (${w.origin})` : ''}`;
}

function profileFindings(name: string, data: ProfileData, explicit: boolean, env: Readonly<Record<string, string | undefined>>, platform: ShellTarget, ssoSessions: Set<string>): FindingInput[] {
  const findings: FindingInput[] = [];
  const sources = CONSUMERS.map((c) => effectiveSource(c, { env, profile: data, explicitProfile: explicit }));
  const login = getSetting(data, 'login_session');

  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    const who = sources.map((s) => `${CONSUMER_LABELS[s.consumer]} uses ${s.winner.source === 'env' ? 'the environment keys' : `the profile (${SOURCE_LABELS[s.winner.source]})`}`);
    const anyEnv = sources.some((s) => s.winner.source === 'env');
    findings.push({
      code: 'env-keys-shadow-profile',
      status: anyEnv ? 'warn' : 'info',
      title: anyEnv ? `AWS_ACCESS_KEY_ID in the environment hides profile "${name}"` : `AWS_ACCESS_KEY_ID is set but profile "${name}" is passed explicitly`,
      detail:
        `Environment keys are set. botocore/boto3 and the AWS CLI use them unless the profile is passed explicitly (boto3.Session(profile_name=...), --profile); ` +
        `the JS SDK's default chain skips them when AWS_PROFILE is set. Here: ${who.join('; ')}.`,
      fix: { text: 'Unset the environment keys so every tool uses the profile.', commands: [unsetEnv(platform, ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])] },
      evidence: { profile: name, consumers: Object.fromEntries(sources.map((s) => [s.consumer, s.winner.source])) },
    });
  }

  if (login) {
    const inCredentials = data.credentialsValues.get('aws_access_key_id');
    const inConfig = data.configValues.get('aws_access_key_id');
    if (inCredentials || inConfig) {
      const at = (inCredentials ?? inConfig)!;
      findings.push({
        code: 'static-keys-shadow-login',
        status: inCredentials ? 'fail' : 'warn',
        title: `Static keys in profile "${name}" silently win over aws login`,
        detail: inCredentials
          ? `${where(at)} sets aws_access_key_id for "${name}". botocore, the AWS CLI and the JS SDK all use those keys before login_session (${where(login)}), so aws login has no effect for this profile.`
          : `${where(at)} sets aws_access_key_id in the config file. The JS SDK uses those keys before login_session (${where(login)}); botocore and the AWS CLI use the login session. Tools disagree on the identity.`,
        fix: {
          text: `Delete aws_access_key_id, aws_secret_access_key and aws_session_token from the [${inCredentials ? name : `profile ${name}`}] section of ${at.file}, or sign in to a new profile name.`,
          commands: [awsLogin(platform, `${name}-login`)],
        },
        evidence: { profile: name, keysAt: where(at), loginSessionAt: where(login) },
      });
    }
    const others = OTHER_SOURCE_KEYS.filter((k) => getSetting(data, k) !== undefined);
    if (others.length) {
      findings.push({
        code: 'mixed-credential-sources',
        status: 'warn',
        title: `Profile "${name}" mixes login_session with ${others.join(', ')}`,
        detail: `Each SDK picks a different winner from a profile with several credential sources: ${sources.map(describe).join('; ')}. aws login (${FLOORS.cliRefusesMixedProfile.version}+) refuses to update such a profile.`,
        fix: { text: `Keep login_session alone in [profile ${name}]; move ${others.join(', ')} to another profile.`, commands: [] },
        evidence: { profile: name, keys: others, at: others.map((k) => where(getSetting(data, k)!)) },
      });
    }
  }

  const ssoSession = getSetting(data, 'sso_session');
  if (ssoSession && !ssoSessions.has(ssoSession.value.trim())) {
    findings.push({
      code: 'sso-session-missing',
      status: 'fail',
      title: `Profile "${name}" names sso_session "${ssoSession.value}" but there is no [sso-session ${ssoSession.value}] section`,
      detail: `${where(ssoSession)}. botocore fails to load the profile; the JS SDK crashes with "TypeError: Cannot read properties of undefined (reading 'sso_region')".`,
      fix: { text: `Add an [sso-session ${ssoSession.value}] section with sso_start_url and sso_region, or run aws configure sso.`, commands: ['aws configure sso'] },
      evidence: { profile: name, ssoSession: ssoSession.value, at: where(ssoSession) },
    });
  }

  // The same keys reached under different internal names (the credentials file for botocore, "the profile" for JS) are one source.
  const sameKeys = (c: SourceCandidate) => (c.source === 'shared-credentials-file' || c.source === 'config-file' || c.source === 'static' ? `static keys at ${c.origin}` : c.source);
  const differ = new Set(sources.map((s) => sameKeys(s.winner))).size > 1;
  const each = sources
    .map((s) => `${describe(s)}${s.shadowed.length ? `; also configured but hidden: ${s.shadowed.map((h) => SOURCE_LABELS[h.source]).join(', ')}` : ''}`)
    .join('\n');
  const evidence = Object.fromEntries(sources.map((s) => [s.consumer, { source: s.winner.source, origin: s.winner.origin, shadowed: s.shadowed.map((h) => h.source) }]));
  const only = differ ? null : sources[0]!.winner.source;
  if (only === 'none' || only === 'imds') {
    // Nothing in the files or the environment: the chains end at instance metadata, or (metadata disabled) empty.
    findings.push({
      code: 'credential-sources',
      status: only === 'imds' ? 'info' : explicit ? 'fail' : 'warn',
      title: only === 'imds' ? `Every consumer falls back to EC2 instance metadata for "${name}"` : `No consumer finds credentials for "${name}"`,
      detail:
        `${each}\n` +
        (only === 'imds'
          ? 'The profile holds no credential settings, so the chains end at the instance metadata service, which answers only on AWS compute with an instance role; elsewhere every call fails with botocore\'s "' +
            `${BOTOCORE_ERRORS.noCredentials.text}" or the JS SDK's "${JS_SDK_ERRORS.noProviders.text}".`
          : `The profile holds no credential settings and AWS_EC2_METADATA_DISABLED turns off the last link, so botocore raises "${BOTOCORE_ERRORS.noCredentials.text}" and the JS SDK "${JS_SDK_ERRORS.noProviders.text}".`),
      fix: {
        text: only === 'imds' ? 'Off AWS compute: sign in to give the profile credentials, or select the profile that holds them.' : 'Sign in to give the profile credentials, or select the profile that holds them.',
        commands: [awsLogin(platform, name)],
      },
      evidence,
    });
    return findings;
  }
  findings.push({
    code: 'credential-sources',
    status: differ ? 'info' : 'pass',
    title: differ ? `Consumers take different credential sources for "${name}"` : `Every consumer uses ${SOURCE_LABELS[only!]} for "${name}"`,
    detail: each,
    evidence,
  });
  return findings;
}

export const sourcesCheck: Check = {
  id: 'config.sources',
  title: 'Credential source per consumer',
  category: 'config',
  touches: ['files'],
  async run(ctx) {
    const { config } = await loadConfig(ctx);
    const findings: FindingInput[] = [];
    if (ctx.env.AWS_ROLE_ARN && ctx.env.AWS_WEB_IDENTITY_TOKEN_FILE) {
      findings.push({
        code: 'web-identity-env-set',
        status: 'warn',
        title: 'AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE are set',
        detail:
          'botocore/boto3 and the AWS CLI assume that role with web identity before they look at sso or login_session settings of the profile; the JS SDK uses it only when the profile yields nothing. Outside a CI runner or Kubernetes pod this is usually left over.',
        fix: { text: 'Unset them unless this really is a web-identity workload.', commands: [unsetEnv(shellOf(ctx), ['AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_SESSION_NAME'])] },
        evidence: { AWS_ROLE_ARN: ctx.env.AWS_ROLE_ARN },
      });
    }
    const sessions = new Set(config.ssoSessions.keys());
    for (const target of await targetProfiles(ctx)) {
      if (!target.data) continue;
      findings.push(...profileFindings(target.name, target.data, target.choice.from === '--profile', ctx.env, shellOf(ctx), sessions));
    }
    return findings;
  },
};
