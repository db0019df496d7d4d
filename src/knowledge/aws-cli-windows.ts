import { FLOORS } from './floors.js';

/**
 * AWS CLI v2 version windows beyond the `aws login` floors (floors.ts), each with its public source.
 * Versions are plain x.y.z; a window is `from` (first affected) up to `fixed` (first good, not included).
 */

/**
 * `aws sso login` resolves the start URL since 2.35.13: a host outside the CLI's list of AWS-owned domains is
 * treated as a vanity URL and fetched, which fails ("Failed to resolve start URL: HTTP 404") for partitions the
 * list did not know yet. Each partition was added in a different release.
 */
export interface StartUrlWindow {
  partition: 'China' | 'EUSC' | 'GovCloud';
  /** Start URL hosts of this partition the first list lacked. */
  hosts: RegExp;
  from: string;
  fixed: string;
  source: string;
}

export const SSO_START_URL_WINDOWS: readonly StartUrlWindow[] = [
  {
    partition: 'China',
    // start.home.awsapps.cn/directory/..., {id}.{region}.portal.amazonaws.com.cn, {id}.portal.{region}.app.amazonwebservices.com.cn, identitycenter.amazonaws.com.cn
    hosts: /(?:^|\.)(?:awsapps\.cn|amazonaws\.com\.cn|amazonwebservices\.com\.cn)$/i,
    from: '2.35.13',
    fixed: '2.35.15',
    source: 'aws/aws-cli#10464, fixed by PR #10465 (2.35.15)',
  },
  {
    partition: 'EUSC',
    // {id}.{region}.portal.amazonaws.eu and {id}.portal.{region}.api.amazonwebservices.eu (2.35.15); the issuer host identitycenter.amazonaws.eu (2.36.1)
    hosts: /(?:^|\.)(?:amazonaws\.eu|amazonwebservices\.eu)$/i,
    from: '2.35.13',
    fixed: '2.36.1',
    source: 'aws/aws-cli PR #10465 (portal hosts, 2.35.15) and PR #10493 (identitycenter.amazonaws.eu, 2.36.1)',
  },
  {
    partition: 'GovCloud',
    // Only the issuer form; start.us-gov-home.awsapps.com ends in .awsapps.com, which the list always had.
    hosts: /^identitycenter\.us-gov\.amazonaws\.com$/i,
    from: '2.35.13',
    fixed: '2.36.4',
    source: 'aws/aws-cli#10502, fixed by PR #10503 (2.36.4)',
  },
];

/** The error the affected CLIs print (aws/aws-cli#10464). */
export const SSO_START_URL_ERROR = 'Failed to resolve start URL: HTTP 404';

/**
 * `aws login` refuses a profile that already has another credential source, checked in this order on the profile
 * as the CLI merges it from config and credentials files (awscli/customizations/login/login.py,
 * ensure_profile_does_not_have_existing_credentials).
 */
export const LOGIN_REFUSES_OTHER_CREDENTIALS = {
  from: FLOORS.cliRefusesMixedProfile.version,
  source: FLOORS.cliRefusesMixedProfile.source,
  styles: [
    { style: 'Web Identity', keys: ['web_identity_token_file'] },
    { style: 'SSO', keys: ['sso_role_name', 'sso_account_id'] },
    { style: 'Access Key', keys: ['aws_access_key_id'] },
    { style: 'Assume Role', keys: ['role_arn'] },
    { style: 'Credential Process', keys: ['credential_process'] },
  ],
} as const;

/**
 * A source-built AWS CLI (Homebrew, distributions, pip from source) imports the awscrt of its own Python; from
 * FLOORS.cliPaddedDpop it calls EC.decode_der_signature_to_padded_pair, which awscrt has from FLOORS.awscrtPaddedDpop.
 */
export const SOURCE_BUILT_AWSCRT = {
  source: 'aws/aws-cli#9888 (a Homebrew AWS CLI built against an older awscrt), fixed in Homebrew by Homebrew/homebrew-core#256680',
};
