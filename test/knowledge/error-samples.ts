const ARN = 'arn:aws:iam::123456789012:user/alice';
const HEX = 'b7d71d383b9557a9bad4c3346c50365819226484c6824a0fdef66637be339db0';

/**
 * The exact texts users see, copied from the fact sheets (section in the comment), each with the
 * signature that must explain it. Written out here, not derived from the table, so a wrong pattern fails.
 */
export const SAMPLES: ReadonlyArray<[text: string, id: string]> = [
  // botocore-login.md §1.2
  ['Missing Dependency: Using the login credential provider requires an additional dependency. You will need to pip install "botocore[crt]" before proceeding.', 'botocore-missing-dependency-login'],
  ['botocore.exceptions.MissingDependencyException: Missing Dependency: This operation requires an additional dependency. You will need to pip install "botocore[crt]" before proceeding.', 'botocore-missing-dependency-dpop'],
  // §1.7
  ["AttributeError: type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'", 'awscrt-no-padded-signature'],
  ['botocore.exceptions.NoRegionError: You must specify a region.', 'botocore-no-region'],
  ['aws: [ERROR]: You must specify a region. You can also configure your region by running "aws configure".', 'botocore-no-region'],
  [`Error loading login session token: Unable to load a existing login session for session ${ARN}. Please reauthenticate with 'aws login'.`, 'botocore-login-cache-missing'],
  ['Error loading login session token: Failed to load access token from token cache, missing required fields: refreshToken, dpopKey, clientId.', 'botocore-login-cache-fields-missing'],
  [`KeyError('${HEX}')`, 'botocore-cache-keyerror-file'],
  [`Traceback (most recent call last):\n  ...\nKeyError: '${HEX}'`, 'botocore-cache-keyerror-file'],
  ["KeyError('accountId')", 'botocore-cache-keyerror-field'],
  ['Error loading login session token: Private key not found in cached token.', 'botocore-dpop-key-missing'],
  ['Error loading login session token: Unable to load private key from cached token.', 'botocore-dpop-key-invalid'],
  ["Your session has expired or credentials have changed. Please reauthenticate using 'aws login'.", 'botocore-refresh-required'],
  ["Unable to create or refresh login credentials due to insufficient permissions. You may be missing permission for the 'signin:CreateOAuth2Token' action.", 'botocore-insufficient-permissions'],
  ['An unspecified error happened when resolving AWS credentials or refreshing a login session profile.', 'botocore-login-unspecified'],
  ['An error occurred (ValidationException) when calling the CreateOAuth2Token operation: The provided authorization grant is invalid, expired, revoked, or malformed', 'botocore-refresh-invalid-grant'],
  ["Error loading login session token: Unable to refresh access token due to an invalid service response. Please try running 'aws login' again. If the issue persists, there may be a temporary signin service problem.", 'botocore-invalid-service-response'],
  ['aws: [ERROR]: An error occurred (AccessDeniedException) when calling the CreateOAuth2Token operation: The refresh token has expired.', 'service-refresh-token-expired'],
  // §3.4 (AWS CLI v2 vendored botocore)
  ["aws: [ERROR]: Your session has expired. Please reauthenticate using 'aws login'.", 'cli-refresh-token-expired'],
  ["Unable to refresh login credentials because of a change in your password. Please reauthenticate with your new password using 'aws login'.", 'cli-refresh-password-changed'],
  [`Error loading login session token: Unable to load a existing login session for session ${ARN}, Please reauthenticate with 'aws login'.`, 'cli-login-cache-missing'],
  ['Error loading login session token: Failed to load access token from token cache, missing one or more required fields.', 'cli-login-cache-fields-missing'],
  ['Error loading login session token: Failed to refresh an access token.', 'botocore-invalid-service-response'],
  ['Error loading login session token: Unable to load private key from cached token: AWS_ERROR_CAL_MALFORMED_ASN1_ENCOUNTERED', 'botocore-dpop-key-invalid'],
  ['aws: [ERROR]: Unable to locate credentials. You can configure credentials by running "aws login".', 'cli-no-credentials'],
  // AWS CLI v2 wordings (aws-cli-errors.ts); aws-cli-v2-errors.test.ts captures each from the real CLI too
  ["aws: [ERROR]: type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'", 'cli-awscrt-no-padded-signature'],
  ['aws: [ERROR]: An error occurred (InternalServerException) when calling the CreateOAuth2Token operation (reached max retries: 2): Internal server error', 'cli-signin-server-error'],
  ["aws: [ERROR]: 'expiresIn'", 'cli-signin-response-incomplete'],
  ['aws: [ERROR]: Read timeout on endpoint URL: "https://us-east-1.signin.aws.amazon.com/v1/token"', 'cli-signin-timeout'],
  ['aws: [ERROR]: Could not connect to the endpoint URL: "http://127.0.0.1:1/v1/token"', 'botocore-endpoint-unreachable'],
  ['aws: [ERROR]: An error occurred (Configuration): Failed to resolve start URL: HTTP 404', 'cli-sso-start-url-unresolved'],
  // §3.2
  ["Profile 'dev' is already configured with Access Key credentials.\n\nYou may run 'aws login --profile new-profile-name' to create a new profile with the specified name.", 'cli-login-profile-has-credentials'],
  // §4 (SSO, botocore)
  ['Error when retrieving token from sso: Token has expired and refresh failed', 'botocore-sso-refresh-failed'],
  ['botocore.exceptions.TokenRetrievalError: Token has expired and refresh failed', 'botocore-sso-refresh-failed'],
  ['The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.', 'botocore-sso-unauthorized'],
  ['Error loading SSO Token: Token for my-sso does not exist', 'botocore-sso-token-missing'],
  ['Error loading SSO Token: Token for https://example.awsapps.com/start is invalid', 'botocore-sso-token-invalid'],
  // js-sdk-login.md §1.6, §1.8
  ['CredentialsProviderError: Failed to refresh token: Error: Region is missing. Please re-authenticate using aws login', 'js-region-missing'],
  ['Invalid Configuration: Missing Region', 'js-region-missing'],
  ["Failed to load token from /home/u/.aws/login/cache/x.json: Error: ENOENT: no such file or directory, open '/home/u/.aws/login/cache/x.json'", 'js-login-cache-missing'],
  [`Failed to load a token for session ${ARN}, please re-authenticate using aws login`, 'js-login-cache-missing'],
  ['Failed to load token from /home/u/.aws/login/cache/x.json: CredentialsProviderError: Token validation failed, missing fields: clientId, refreshToken, dpopKey, accountId', 'js-login-cache-fields-missing'],
  ['Failed to load token from /home/u/.aws/login/cache/x.json: SyntaxError: Unexpected end of JSON input', 'js-login-cache-corrupt'],
  ['Your session has expired. Please reauthenticate.', 'js-refresh-token-expired'],
  ['Unable to refresh credentials because of a change in your password. Please reauthenticate with your new password.', 'js-refresh-password-changed'],
  ["Unable to refresh credentials due to insufficient permissions. You may be missing permission for the 'CreateOAuth2Token' action.", 'js-insufficient-permissions'],
  ['Failed to refresh token: ValidationException: The provided authorization grant is invalid, expired, revoked, or malformed. Please re-authenticate using aws login', 'js-refresh-invalid-grant'],
  ['Failed to refresh token: AccessDeniedException: AUTHCODE_EXPIRED. Please re-authenticate using `aws login`', 'js-refresh-failed-generic'],
  ['Failed to refresh token: CredentialsProviderError: Token refresh response missing required fields. Please re-authenticate using aws login', 'js-invalid-service-response'],
  ['Failed to refresh token: Failed to generate Dpop proof: error:1E08010C:DECODER routines::unsupported. Please re-authenticate using aws login', 'js-dpop-key-invalid'],
  ['CredentialsProviderError: Could not load credentials from any providers', 'js-no-providers'],
  ['Could not resolve credentials using profile: [dev] in configuration/credentials file(s).', 'js-profile-not-login'],
  // js-sdk-login.md §2 (SSO, JS)
  ["The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.", 'js-sso-token-missing'],
  ["Value not present for 'refreshToken' in SSO Token. Cannot refresh. To refresh this SSO session run 'aws sso login' with the corresponding profile.", 'js-sso-cannot-refresh'],
  ["Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.", 'js-sso-token-expired'],
  ['The SSO session associated with this profile is invalid. To refresh this SSO session run aws sso login with the corresponding profile.', 'js-sso-legacy-invalid'],
  ['The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.', 'js-sso-legacy-expired'],
  ['Profile is configured with invalid SSO credentials. Required parameters "sso_account_id", "sso_region", "sso_role_name", "sso_start_url". Got sso_region', 'js-sso-profile-incomplete'],
  ["TypeError: Cannot read properties of undefined (reading 'sso_region')", 'js-sso-session-missing'],
  // STS and selection (issue 2 §4, issue 5: error codes)
  ['An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired', 'sts-expired-token'],
  ['AWS_SESSION_TOKEN is set.\nAn error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired', 'sts-expired-token-env'],
  ['aws: error: argument command: Invalid choice, valid choices are:', 'cli-no-login-command'],
  ['An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.', 'sts-invalid-client-token-id'],
  ['An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match', 'sts-signature-does-not-match'],
  ['An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20260105T070000Z is now earlier than 20260105T071000Z', 'sts-signature-expired'],
  ['An error occurred (AccessDenied) when calling the GetCallerIdentity operation: User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:GetCallerIdentity with an explicit deny', 'sts-access-denied'],
  ['botocore.exceptions.ProfileNotFound: The config profile (dev) could not be found', 'botocore-profile-not-found'],
  ['botocore.exceptions.NoCredentialsError: Unable to locate credentials', 'botocore-no-credentials'],
  ['botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://us-east-1.signin.aws.amazon.com/v1/token"', 'botocore-endpoint-unreachable'],
];
