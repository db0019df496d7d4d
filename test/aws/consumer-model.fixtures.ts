import type { DiffCase } from '../support/oracles/cases.js';

const ALICE = 'arn:aws:iam::123456789012:user/alice';
const SSO = '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n';

/**
 * A config of about `bytes`: `head`, then `profiles` SSO profiles (as tools write them for large organisations), then
 * 64 KiB comment lines up to the size. Size comes mostly from long lines: the real consumers take seconds per
 * megabyte of short lines, which the suite cannot spend on every run.
 */
export function largeConfig(head: string, bytes: number, profiles = 300): string {
  const parts = [head];
  for (let i = 0; i < profiles; i++) parts.push(`[profile acct-${i}]\nsso_session = corp\nsso_account_id = ${100000000000 + i}\nsso_role_name = ReadOnly\nregion = us-east-1\n`);
  parts.push(SSO);
  let size = parts.reduce((n, p) => n + p.length, 0);
  const comment = `# ${'x'.repeat(64 * 1024 - 3)}\n`;
  for (; size < bytes; size += comment.length) parts.push(comment);
  return parts.join('');
}

/**
 * Set-ups on which the differential suite once found the model and a real consumer disagreeing (first block),
 * and one set-up per dialect and environment rule (second block). All of them run against the real consumers.
 */
export const DISAGREEMENTS: DiffCase[] = [
  {
    name: 'js-sso-session-lookup-ignores-tilde-in-AWS_CONFIG_FILE',
    config: `[default]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n${SSO}`,
    credentials: null,
    env: { AWS_CONFIG_FILE: '~/alt/config' },
  },
  {
    name: 'js-credential-source-environment-without-keys-falls-through-to-nothing',
    config: null,
    credentials: '[default]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = Environment\n',
    env: {},
  },
  {
    name: 'glued-comment-is-part-of-the-credential-process-command',
    config: '[default]\ncredential_process = {process}#c\n',
    credentials: null,
    env: {},
  },
  {
    name: 'js-legacy-sso-start-url-keeps-a-glued-comment',
    config: '[profile admin]\nsso_start_url = https://corp.awsapps.com/start#c\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n',
    credentials: null,
    env: { AWS_PROFILE: 'admin' },
  },
  {
    name: 'python-keeps-a-spaced-comment-in-login-session',
    config: `[default]\nlogin_session = ${ALICE} # c\n`,
    credentials: null,
    env: {},
  },
  {
    name: 'python-swallows-an-indented-section-header-into-the-previous-value',
    config: null,
    credentials: `[dev]\nlogin_session = ${ALICE}\n  region = us-east-1\n [admin]\nlogin_session = ${ALICE}\n`,
    env: { AWS_PROFILE: 'dev' },
  },
  // Found by generation: an empty AWS_LOGIN_CACHE_DIRECTORY was modelled as the default folder; both read the working directory.
  { name: 'empty-AWS_LOGIN_CACHE_DIRECTORY-is-the-working-directory', config: `[default]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_LOGIN_CACHE_DIRECTORY: '' } },
  { name: 'parse-error-before-profile-choice', config: '[profile dev]\nnot a setting\n', credentials: null, env: { AWS_PROFILE: 'dev' } },

  // One per rule.
  { name: 'bom-refused-by-python-read-by-js', config: `[default]\nlogin_session = ${ALICE}\nregion = us-east-1\n`, credentials: null, bom: true, env: {} },
  { name: 'non-utf8-refused-by-python', config: `[default]\nlogin_session = ${ALICE}\n`, credentials: null, badBytes: true, env: {} },
  { name: 'crlf', config: `[profile dev]\r\nlogin_session = ${ALICE}\r\nregion = eu-west-1\r\n`, credentials: null, env: { AWS_PROFILE: 'dev' } },
  { name: 'key-before-any-section', config: `region = us-east-1\n[default]\nlogin_session = ${ALICE}\n`, credentials: null, env: {} },
  { name: 'duplicate-section', config: `[profile dev]\nregion = us-east-1\n[profile dev]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_PROFILE: 'dev' } },
  { name: 'duplicate-key', config: `[default]\nregion = us-east-1\nregion = eu-west-1\nlogin_session = ${ALICE}\n`, credentials: null, env: {} },
  { name: 'colon-delimiter-and-upper-case-key', config: `[default]\nRegion: eu-west-1\nlogin_session = ${ALICE}\n`, credentials: null, env: {} },
  { name: 'profile-default-after-default', config: `[default]\nregion = us-east-1\n[profile default]\nregion = eu-west-1\nlogin_session = ${ALICE}\n`, credentials: null, env: {} },
  { name: 'default-after-profile-default', config: `[profile default]\nregion = eu-west-1\nlogin_session = ${ALICE}\n[default]\nregion = us-east-1\n`, credentials: null, env: {} },
  { name: 'profiles-prefix-is-a-profile-for-python', config: `[profiles dev]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_PROFILE: 'dev' } },
  { name: 'quoted-profile-name', config: `[profile "dev"]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_PROFILE: 'dev' } },
  { name: 'two-spaces-in-profile-header', config: `[profile  dev]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_PROFILE: 'dev' } },
  { name: 'bare-section-in-config', config: `[dev]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_PROFILE: 'dev' } },
  { name: 'profile-prefix-in-credentials', config: null, credentials: '[profile dev]\naws_access_key_id = AKIAEXAMPLEKEY00001\naws_secret_access_key = x\n', env: { AWS_PROFILE: 'dev' } },
  { name: 'DEFAULT-section-reaches-every-profile', config: `[DEFAULT]\nregion = ap-south-1\n[profile dev]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_PROFILE: 'dev' } },
  { name: 'tab-indented-key-is-a-continuation', config: `[default]\nlogin_session = ${ALICE}\n\tregion = us-east-1\n`, credentials: null, env: {} },
  { name: 'empty-value-opens-a-sub-section-in-js', config: `[default]\nregion =\nlogin_session = ${ALICE}\n`, credentials: null, env: {} },
  { name: 'empty-AWS_PROFILE', config: `[default]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_PROFILE: '' } },
  { name: 'AWS_DEFAULT_PROFILE-order', config: `[profile dev]\nlogin_session = ${ALICE}\n[profile ops]\naws_access_key_id = AKIAEXAMPLEKEY00001\naws_secret_access_key = x\n`, credentials: null, env: { AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'ops' } },
  { name: 'profile-name-with-a-leading-space', config: `[profile dev]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_PROFILE: ' dev' } },
  { name: 'empty-AWS_CONFIG_FILE', config: `[default]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_CONFIG_FILE: '' } },
  { name: 'relative-AWS_CONFIG_FILE', config: `[default]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_CONFIG_FILE: 'alt/config' } },
  { name: 'dollar-HOME-in-AWS_CONFIG_FILE', config: `[default]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_CONFIG_FILE: '$HOME/alt/config' } },
  { name: 'dev-null-AWS_CONFIG_FILE', config: `[default]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_CONFIG_FILE: '/dev/null' } },
  { name: 'region-variables', config: `[default]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'sa-east-1' } },
  { name: 'empty-AWS_REGION', config: `[default]\nregion = eu-west-1\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_REGION: '' } },
  { name: 'role-on-login', config: `[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = dev\n[profile dev]\nlogin_session = ${ALICE}\nregion = us-east-1\n`, credentials: null, env: { AWS_PROFILE: 'admin' } },
  { name: 'role-on-role-on-login', config: `[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/o\nsource_profile = admin\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = dev\n[profile dev]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_PROFILE: 'ops' } },
  { name: 'role-loop', config: '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = dev\n[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/d\nsource_profile = admin\n', credentials: null, env: { AWS_PROFILE: 'admin' } },
  { name: 'role-on-sso', config: `[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = dev\n[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n${SSO}`, credentials: null, env: { AWS_PROFILE: 'admin' } },
  { name: 'role-source-missing', config: '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = nowhere\n', credentials: null, env: { AWS_PROFILE: 'admin' } },
  { name: 'env-keys-with-AWS_PROFILE', config: `[profile dev]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIAENVKEY000000001', AWS_SECRET_ACCESS_KEY: 'env-secret' } },
  { name: 'static-keys-in-credentials-win-over-login', config: `[profile dev]\nlogin_session = ${ALICE}\n`, credentials: '[dev]\naws_access_key_id = AKIAEXAMPLEKEY00001\naws_secret_access_key = x\n', env: { AWS_PROFILE: 'dev' } },
  { name: 'absolute-AWS_LOGIN_CACHE_DIRECTORY', config: `[default]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_LOGIN_CACHE_DIRECTORY: '{home}/lc' } },
  { name: 'tilde-AWS_LOGIN_CACHE_DIRECTORY-js-reads-a-folder-named-tilde', config: `[default]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_LOGIN_CACHE_DIRECTORY: '~/lc' } },
  { name: 'dollar-HOME-AWS_LOGIN_CACHE_DIRECTORY', config: `[profile dev]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_PROFILE: 'dev', AWS_LOGIN_CACHE_DIRECTORY: '$HOME/lc' } },
  { name: 'relative-AWS_LOGIN_CACHE_DIRECTORY', config: `[default]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_LOGIN_CACHE_DIRECTORY: 'lc' } },
  { name: 'AWS_LOGIN_CACHE_DIRECTORY-is-a-file', config: `[default]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_LOGIN_CACHE_DIRECTORY: '{home}/afile' } },
  { name: 'role-on-login-with-tilde-AWS_LOGIN_CACHE_DIRECTORY', config: `[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = dev\n[profile dev]\nlogin_session = ${ALICE}\n`, credentials: null, env: { AWS_PROFILE: 'admin', AWS_LOGIN_CACHE_DIRECTORY: '~/lc' } },
  // Over the 5 MB the doctor once refused to read: every consumer reads it.
  { name: 'six-megabyte-config', config: largeConfig(`[profile dev]\nlogin_session = ${ALICE}\nregion = eu-west-1\n`, 6 * 1024 * 1024), credentials: null, env: { AWS_PROFILE: 'dev' } },
  { name: 'login-in-credentials-file', config: null, credentials: `[dev]\nlogin_session = ${ALICE}\n`, env: { AWS_PROFILE: 'dev' } },
];
