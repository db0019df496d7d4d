import { FLOORS } from './floors.js';

/**
 * Exact texts pip botocore/boto3 print for the login provider's dependency problems, each with its source.
 * Checks quote them so users can match what they see in their app's logs.
 */
export interface ErrorText {
  text: string;
  source: string;
}

export const BOTOCORE_ERRORS = {
  /** LoginProvider.load() when botocore.compat.EC is None (awscrt missing, too old, unparsable version, BOTO_DISABLE_CRT). */
  missingDependency: {
    text: 'Missing Dependency: Using the login credential provider requires an additional dependency. You will need to pip install "botocore[crt]" before proceeding.',
    source: 'boto/botocore botocore/credentials.py LoginProvider.load (run on botocore 1.43.11 and 1.43.67)',
  },
  /** botocore from the padded-DPoP floor with an awscrt below its padded-signature floor (FLOORS), at the first network refresh (~10 minutes after aws login). */
  noPaddedPair: {
    text: "AttributeError: type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'",
    source: `boto/botocore botocore/credentials.py _build_dpop_header (tag ${FLOORS.botocorePaddedDpop.version}) calls a method awscrt has only from v${FLOORS.awscrtPaddedDpop.version} (awslabs/aws-crt-python PR #701); aws/aws-cli#9888 quotes the error`,
  },
  /** botocore below FLOORS.botocoreLogin ignores login_session, so the chain finds nothing. */
  noCredentials: {
    text: 'Unable to locate credentials',
    source: `boto/botocore botocore/exceptions.py NoCredentialsError; LoginProvider first in tag ${FLOORS.botocoreLogin.version} (commit 2fb7e3f4c)`,
  },
} as const satisfies Record<string, ErrorText>;
