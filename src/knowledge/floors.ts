/**
 * Version floors that decide whether a consumer can use or refresh `aws login` credentials.
 * Each carries its reason and its public source (repository and tag, commit or PR, or the published package).
 * Python versions are PEP 440 strings, npm versions semver, the AWS CLI plain x.y.z.
 */
export interface Floor {
  version: string;
  why: string;
  source: string;
}

export const FLOORS = {
  /** First botocore/boto3 with LoginProvider. */
  botocoreLogin: {
    version: '1.41.0',
    why: 'botocore 1.41.0 added the login credential provider; older versions ignore login_session ("Unable to locate credentials")',
    source: 'boto/botocore tag 1.41.0 (commit 2fb7e3f4c "Merge customizations for Signin"; .changes/1.41.0.json)',
  },
  boto3Login: {
    version: '1.41.0',
    why: 'boto3 1.41.0 is the first boto3 that requires botocore >= 1.41.0',
    source: 'boto/boto3 setup.cfg at tag 1.41.0 (botocore>=1.41.0,<1.42.0)',
  },
  /** botocore from here signs DPoP with EC.decode_der_signature_to_padded_pair (needs awscrt >= 0.29.1). */
  botocorePaddedDpop: {
    version: '1.41.6',
    why: 'botocore 1.41.0–1.41.5 built unpadded DPoP signatures; 1.41.6 pads them with EC.decode_der_signature_to_padded_pair',
    source: 'boto/botocore commit de4e29018 "Crt 0.29.1 (#3604)", first in tag 1.41.6',
  },
  /** botocore from here writes the login cache atomically. */
  botocoreAtomicCache: {
    version: '1.42.11',
    why: 'botocore before 1.42.11 rewrites the login cache in place; a crash mid-write corrupts it',
    source: 'boto/botocore commit f85d79390 "Update json cache to eliminate race condition (#3597)", first in tag 1.42.11',
  },
  /** botocore's import gate: EC is None below this (has_minimum_crt_version((0, 28, 4))). */
  awscrtGate: {
    version: '0.28.4',
    why: 'botocore imports awscrt.crypto.EC only when awscrt >= 0.28.4 and its __version__ parses as integers',
    source: 'boto/botocore botocore/compat.py has_minimum_crt_version((0, 28, 4)) (tag 1.41.0)',
  },
  /** First awscrt with EC.decode_der_signature_to_padded_pair. */
  awscrtPaddedDpop: {
    version: '0.29.1',
    why: 'awscrt 0.29.1 added EC.decode_der_signature_to_padded_pair, which botocore >= 1.41.6 calls at refresh',
    source: 'awslabs/aws-crt-python commit 51dc34eb "Add helper to get padded ec signature (#701)", tag v0.29.1',
  },
  /** First AWS CLI v2 with `aws login`. */
  cliLogin: {
    version: '2.32.0',
    why: 'aws login first shipped in AWS CLI 2.32.0',
    source: 'aws/aws-cli .changes/2.32.0.json ("Adds the aws login command")',
  },
  /** AWS CLI v2 from here pads DPoP signatures (awscrt 0.29.1). */
  cliPaddedDpop: {
    version: '2.32.7',
    why: 'AWS CLI 2.32.0–2.32.6 built unpadded DPoP signatures (awscrt 0.28.4); 2.32.7 pads them',
    source: 'aws/aws-cli pyproject.toml awscrt pins (2.32.0 to 2.32.6: awscrt==0.28.4; 2.32.7: 0.29.1); aws/aws-cli PR #9883',
  },
  /** AWS CLI v2 from here refuses `aws login` on a profile that already has another credential source. */
  cliRefusesMixedProfile: {
    version: '2.32.32',
    why: 'AWS CLI 2.32.32 and later refuse aws login on a profile that already has another credential source',
    source: 'aws/aws-cli PR #9924 (.changes/2.32.32.json: "Prevent aws login from updating a profile with a different style of existing credentials")',
  },
  /** JS: first credential-provider-ini that routes login_session profiles. */
  jsIniLogin: {
    version: '3.936.0',
    why: '@aws-sdk/credential-provider-ini 3.936.0 is the first that understands login_session',
    source: 'npm @aws-sdk/credential-provider-ini 3.936.0 (first with resolveLoginCredentials; 3.935.0 has none); aws/aws-sdk-js-v3 PR #7512',
  },
  /** JS: first credential-provider-login that always re-reads the cache from disk. */
  jsLoginFreshCache: {
    version: '3.972.73',
    why: '@aws-sdk/credential-provider-login before 3.972.73 re-sends an already used refresh token on the second refresh in one process',
    source: 'aws/aws-sdk-js-v3 PR #8216 "fix(credential-provider-login): always read token from disk"; probably first released in @aws-sdk/credential-provider-login 3.972.73 (found by comparing published versions, no changelog line)',
  },
  /** JS: first credential-provider-ini that passes the caller's client config to the login provider. */
  jsIniCallerConfig: {
    version: '3.952.0',
    why: '@aws-sdk/credential-provider-ini before 3.952.0 refreshes without the calling client\'s region, request handler and logger',
    source: 'npm @aws-sdk/credential-provider-ini 3.952.0 dist-es resolveLoginCredentials.js (passes the caller client config; compared with earlier published versions)',
  },
} as const satisfies Record<string, Floor>;

/** The pins to recommend, as requirement lines (botocore >= 1.42.11 also gets atomic cache writes). */
export const RECOMMENDED_PYTHON_PINS = ['botocore[crt]>=1.42.11', 'boto3>=1.42.11', 'awscrt>=0.29.1'] as const;
