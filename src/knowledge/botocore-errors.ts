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
    source: 'botocore-login.md §1.2 (botocore/credentials.py LoginProvider.load, verified by run on 1.43.11 and 1.43.67)',
  },
  /** botocore from the padded-DPoP floor with an awscrt below its padded-signature floor (FLOORS), at the first network refresh (~10 minutes after aws login). */
  noPaddedPair: {
    text: "AttributeError: type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'",
    source: 'botocore-login.md §1.7 (botocore/credentials.py _build_dpop_header; simulated with a shim class, Python\'s standard AttributeError form)',
  },
  /** botocore below FLOORS.botocoreLogin ignores login_session, so the chain finds nothing. */
  noCredentials: {
    text: 'Unable to locate credentials',
    source: 'botocore-login.md §2.1 (botocore/exceptions.py NoCredentialsError; LoginProvider absent before the 1.41 release)',
  },
} as const satisfies Record<string, ErrorText>;
