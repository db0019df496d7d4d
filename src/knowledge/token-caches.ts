/**
 * Facts about the login and SSO token caches, each with its public source.
 */

/** Both SDKs refresh the login access token when 5 minutes or less remain. */
export const LOGIN_REFRESH_THRESHOLD_MS = 5 * 60 * 1000; // boto/botocore credentials.py LoginCredentialFetcher._REFRESH_THRESHOLD; @aws-sdk/credential-provider-login REFRESH_THRESHOLD

/**
 * A login session can probably be refreshed for up to 12 hours: the AWS documentation says so
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-login-credentials.html); no code shows it.
 */
export const LOGIN_SESSION_MAX_MS = 12 * 60 * 60 * 1000;

/** clientId values written by `aws login` (aws/aws-cli awscli/customizations/login/utils.py CLIENT_ID). */
export const LOGIN_CLIENT_IDS = {
  'same-device': 'arn:aws:signin:::devtools/same-device',
  'cross-device': 'arn:aws:signin:::devtools/cross-device',
} as const;

/**
 * Fields the consumers dereference: botocore _REQUIRED_TOKEN_FIELDS plus the unguarded accessToken members,
 * JS loadToken's truthy checks (@aws-sdk/credential-provider-login LoginCredentialsFetcher).
 */
export const LOGIN_REQUIRED_TOP_FIELDS = ['accessToken', 'clientId', 'refreshToken', 'dpopKey'] as const;
export const LOGIN_REQUIRED_ACCESS_TOKEN_FIELDS = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiresAt', 'accountId'] as const;

/** What the consumers print when the cache is unusable (boto/botocore credentials.py and utils.py JSONFileCache). */
export const LOGIN_CACHE_ERRORS = {
  botocoreNoSession: "Error loading login session token: Unable to load a existing login session for session <login_session>. Please reauthenticate with 'aws login'.",
  botocoreCorrupt: "KeyError('<sha256 of login_session>')",
  botocoreMissingFields: 'Error loading login session token: Failed to load access token from token cache, missing required fields: <fields>.',
  botocoreMissingMember: "KeyError('<field>')",
  botocoreBadKey: 'Error loading login session token: Unable to load private key from cached token.',
} as const;

/** SSO token refresh needs these in the cached token (boto/botocore tokens.py SSOTokenProvider; @aws-sdk/token-providers fromSso). */
export const SSO_REFRESH_FIELDS = ['refreshToken', 'clientId', 'clientSecret'] as const;

/** SSO error texts (boto/botocore exceptions.py UnauthorizedSSOTokenError, tokens.py SSOTokenProvider). */
export const SSO_ERRORS = {
  botocoreExpired: 'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
  botocoreRefreshFailed: 'Error when retrieving token from sso: Token has expired and refresh failed',
} as const;

/** The AWS CLI ignores cached role credentials with less than 15 minutes left (boto/botocore credentials.py CachedCredentialFetcher.DEFAULT_EXPIRY_WINDOW_SECONDS). */
export const CLI_CACHE_REUSE_WINDOW_MS = 15 * 60 * 1000;

/** Token files are a few kilobytes; anything larger is not a token and is not read. */
export const TOKEN_FILE_MAX_BYTES = 256 * 1024;
