/**
 * Error texts users paste from botocore/boto3, the AWS CLI v2 (its vendored botocore words some errors
 * differently), the JS SDK v3 and STS, mapped to the finding that explains them. One table, read by
 * `login-doctor explain`, the docs and (via `refreshCode`) the refresh test's error classifier.
 *
 * Order matters: the matcher tries entries top to bottom and a later entry never claims text an earlier one
 * already matched, so specific wordings come before generic wrappers (e.g. "Failed to refresh token: …").
 * `source` names the public evidence for the text: repository and file, tag, commit, PR or issue, or a documentation URL.
 * Patterns bound their wildcards ({1,400}) so a huge pasted log cannot make matching quadratic.
 */

import { CLI_V2_SIGNATURES } from './aws-cli-errors.js';
import { BOTOCORE_ERRORS } from './botocore-errors.js';
import { OTHER_SDK_SIGNATURES } from './error-signatures-other-sdks.js';
import type { ErrorSignature, RefreshCode } from './error-signature.js';
import { FLOORS, RECOMMENDED_PYTHON_PINS } from './floors.js';
import { JS_SDK_ERRORS } from './js-sdk-errors.js';
import { LOGIN_CACHE_ERRORS, SSO_ERRORS } from './token-caches.js';

/**
 * A message template from token-caches.ts as a pattern: botocore's wrapper ("Error loading login session token: ",
 * "Error when retrieving token from sso: ") and the final period are optional, each <placeholder> is any (bounded) text.
 */
function templatePattern(template: string): RegExp {
  const core = template.replace(/^Error (?:loading login session token|when retrieving token from sso): /, '').replace(/\.$/, '');
  return new RegExp(core.split(/<[^>]+>/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.{1,400}?'));
}

const PIP_CRT = `python -m pip install --upgrade ${RECOMMENDED_PYTHON_PINS.filter((p) => !p.startsWith('awscrt')).map((p) => `"${p}"`).join(' ')}`;
const RELOGIN = { text: 'Sign in again (add --profile NAME for a named profile).', commands: ['aws login'] };
const SSO_RELOGIN = { text: 'Sign in to the SSO session again (add --profile NAME for a named profile).', commands: ['aws sso login'] };

const MISSING_DEP_CAUSE =
  `botocore has the login provider but cannot use awscrt: awscrt is not installed in the Python environment your app runs in, is older than ${FLOORS.awscrtGate.version}, reports a version botocore cannot parse (Debian python3-awscrt says 1.0.0.dev0), or BOTO_DISABLE_CRT=true. The AWS CLI v2 bundles its own awscrt, so the CLI keeps working.`;
const MISSING_DEP_FIX = {
  text: 'Install the CRT extra into the same Python environment as the failing tool (for a pipx tool: pipx inject TOOL "botocore[crt]"), and unset BOTO_DISABLE_CRT if set.',
  commands: [PIP_CRT],
};

export const ERROR_SIGNATURES: readonly ErrorSignature[] = [
  // --- AWS CLI v2 wordings checked against the real CLI (aws-cli-errors.ts); first, so they win over the generic ones ---
  ...CLI_V2_SIGNATURES,

  // --- awscrt / DPoP signing (botocore) ---
  {
    id: 'botocore-missing-dependency-login',
    match: BOTOCORE_ERRORS.missingDependency.text,
    consumer: 'botocore',
    code: 'python-awscrt-missing',
    refreshCode: 'refresh-awscrt-missing',
    cause: MISSING_DEP_CAUSE,
    fix: MISSING_DEP_FIX,
    check: 'tools.python',
    source: `boto/botocore botocore/credentials.py LoginProvider.load and botocore/compat.py has_minimum_crt_version (tag ${FLOORS.botocoreLogin.version}, commit 2fb7e3f4c); aws/aws-cli#9949`,
  },
  {
    id: 'botocore-missing-dependency-dpop',
    match: 'Missing Dependency: This operation requires an additional dependency',
    consumer: 'botocore',
    code: 'python-awscrt-missing',
    refreshCode: 'refresh-awscrt-missing',
    cause: `${MISSING_DEP_CAUSE} This variant comes from the DPoP signing step of a refresh.`,
    fix: MISSING_DEP_FIX,
    check: 'tools.python',
    source: `boto/botocore botocore/credentials.py _build_dpop_header (tag ${FLOORS.botocoreLogin.version}, commit 2fb7e3f4c)`,
  },
  {
    id: 'awscrt-no-padded-signature',
    // Quoted with or without the exception class in front.
    match: BOTOCORE_ERRORS.noPaddedPair.text.replace(/^AttributeError: /, ''),
    consumer: 'botocore',
    code: 'python-awscrt-no-padded-signature',
    refreshCode: 'refresh-awscrt-no-padded-signature',
    cause:
      `botocore >= ${FLOORS.botocorePaddedDpop.version} signs the refresh with EC.decode_der_signature_to_padded_pair, which awscrt has only since ${FLOORS.awscrtPaddedDpop.version}; with an older awscrt (from ${FLOORS.awscrtGate.version}) the first refresh (~10 minutes after aws login) raises this AttributeError. A Homebrew AWS CLI v2 built against an old awscrt shows the same error.`,
    fix: {
      text: 'Upgrade awscrt (via the crt extra) in the Python environment that runs the failing tool; for a Homebrew AWS CLI, upgrade it.',
      commands: [PIP_CRT, 'brew upgrade awscli'],
    },
    check: 'tools.python',
    source: `boto/botocore commit de4e29018 "Crt ${FLOORS.awscrtPaddedDpop.version} (#3604)" (tag ${FLOORS.botocorePaddedDpop.version}); awslabs/aws-crt-python PR #701 (tag v${FLOORS.awscrtPaddedDpop.version}); aws/aws-cli#9888`,
  },

  // --- region for the refresh ---
  {
    id: 'botocore-no-region',
    match: 'You must specify a region.',
    consumer: 'any',
    code: 'region-missing',
    refreshCode: 'refresh-no-region',
    cause:
      'The refresh call to AWS Sign-In needs a region. pip botocore takes it only from the profile\'s region or AWS_DEFAULT_REGION (not AWS_REGION); the AWS CLI v2 also reads AWS_REGION. aws login saves a region only when it had to prompt for one.',
    fix: { text: 'Write the region you signed in with into the profile (add --profile NAME for a named profile).', commands: ['aws configure set region us-east-1'] },
    check: 'config.region',
    source: `boto/botocore botocore/exceptions.py NoRegionError; botocore/credentials.py LoginCredentialFetcher creates its signin client without a region of its own (tag ${FLOORS.botocoreLogin.version})`,
  },
  {
    id: 'js-region-missing',
    match: /Region is missing|Invalid Configuration: Missing Region/,
    consumer: 'js',
    code: 'region-missing',
    refreshCode: 'refresh-no-region',
    cause:
      'The JS SDK refreshes in the profile\'s region (or the calling client\'s region, or AWS_REGION); the login profile has none. The default provider chain hides this error and reports "Could not load credentials from any providers".',
    fix: { text: 'Write the region you signed in with into the profile (add --profile NAME for a named profile).', commands: ['aws configure set region us-east-1'] },
    check: 'config.region',
    source: 'aws/aws-sdk-js-v3 packages-internal/credential-provider-login/src/LoginCredentialsFetcher.ts (npm @aws-sdk/credential-provider-login 3.972.92); "Missing Region" is the SDK client\'s own region error (npm @aws-sdk/client-sts 3.1169.0)',
  },

  // --- Sign-In refresh errors, in each client's wording ---
  {
    id: 'botocore-refresh-required',
    match: 'Your session has expired or credentials have changed.',
    consumer: 'botocore',
    code: 'login-session-old',
    refreshCode: 'refresh-session-expired',
    cause:
      'AWS Sign-In refused the refresh token with TOKEN_EXPIRED or USER_CREDENTIALS_CHANGED: the login session is over (it lasts up to 12 hours), or your console password changed. A wrong system clock also produces it.',
    fix: RELOGIN,
    check: 'caches.login',
    source: `boto/botocore botocore/exceptions.py LoginRefreshRequired (tag ${FLOORS.botocoreLogin.version})`,
  },
  {
    id: 'cli-refresh-token-expired',
    match: "Your session has expired. Please reauthenticate using 'aws login'.",
    consumer: 'cli-v2',
    code: 'login-session-old',
    refreshCode: 'refresh-session-expired',
    cause: 'AWS Sign-In answered TOKEN_EXPIRED: the login session is over (it lasts up to 12 hours). A wrong system clock also produces it.',
    fix: RELOGIN,
    check: 'caches.login',
    source: `aws/aws-cli awscli/botocore/exceptions.py LoginRefreshTokenExpired (tag ${FLOORS.cliLogin.version})`,
  },
  {
    id: 'js-refresh-token-expired',
    match: 'Your session has expired. Please reauthenticate.',
    consumer: 'js',
    code: 'login-session-old',
    refreshCode: 'refresh-session-expired',
    cause: 'AWS Sign-In answered TOKEN_EXPIRED: the login session is over (it lasts up to 12 hours). A wrong system clock also produces it.',
    fix: RELOGIN,
    check: 'caches.login',
    source: 'aws/aws-sdk-js-v3 packages-internal/credential-provider-login/src/LoginCredentialsFetcher.ts (npm @aws-sdk/credential-provider-login 3.972.92), error TOKEN_EXPIRED',
  },
  {
    id: 'service-refresh-token-expired',
    match: /CreateOAuth2Token operation: The refresh token has expired/,
    consumer: 'any',
    code: 'login-session-old',
    refreshCode: 'refresh-session-expired',
    cause:
      'AWS Sign-In says the refresh token has expired. Right after a login this has been traced to a wrong system clock (aws/aws-cli#10330); otherwise the session is simply over.',
    fix: { text: 'Check that the system clock is correct (enable NTP), then sign in again.', commands: ['aws login'] },
    check: 'caches.login',
    source: 'aws/aws-cli#10330 (AccessDeniedException TOKEN_EXPIRED from CreateOAuth2Token right after aws login; a reporter fixed it by correcting the clock)',
  },
  {
    id: 'cli-refresh-password-changed',
    match: 'Unable to refresh login credentials because of a change in your password.',
    consumer: 'cli-v2',
    code: 'refresh-password-changed',
    refreshCode: 'refresh-password-changed',
    cause: 'AWS Sign-In answered USER_CREDENTIALS_CHANGED: your password changed after aws login, which ends the session.',
    fix: { text: 'Sign in again with the new password (add --profile NAME for a named profile).', commands: ['aws login'] },
    check: 'refresh-test',
    source: `aws/aws-cli awscli/botocore/exceptions.py LoginRefreshPasswordChanged (tag ${FLOORS.cliLogin.version})`,
  },
  {
    id: 'js-refresh-password-changed',
    match: 'Unable to refresh credentials because of a change in your password.',
    consumer: 'js',
    code: 'refresh-password-changed',
    refreshCode: 'refresh-password-changed',
    cause: 'AWS Sign-In answered USER_CREDENTIALS_CHANGED: your password changed after aws login, which ends the session.',
    fix: { text: 'Sign in again with the new password (add --profile NAME for a named profile).', commands: ['aws login'] },
    check: 'refresh-test',
    source: 'aws/aws-sdk-js-v3 packages-internal/credential-provider-login/src/LoginCredentialsFetcher.ts (npm @aws-sdk/credential-provider-login 3.972.92), error USER_CREDENTIALS_CHANGED',
  },
  {
    id: 'botocore-insufficient-permissions',
    match: "You may be missing permission for the 'signin:CreateOAuth2Token' action.",
    consumer: 'botocore',
    code: 'refresh-permission-denied',
    refreshCode: 'refresh-permission-denied',
    cause:
      'AWS Sign-In answered INSUFFICIENT_PERMISSIONS: the signed-in identity may not call signin:CreateOAuth2Token (the AWS managed policy SignInLocalDevelopmentAccess grants signin:AuthorizeOAuth2Access and signin:CreateOAuth2Token). The AWS CLI v2 uses the same wording.',
    fix: { text: 'Ask an administrator to attach SignInLocalDevelopmentAccess (or an equivalent policy) to your user or role, then sign in again.', commands: ['aws login'] },
    check: 'refresh-test',
    source: `boto/botocore botocore/exceptions.py LoginInsufficientPermissions (tag ${FLOORS.botocoreLogin.version})`,
  },
  {
    id: 'js-insufficient-permissions',
    match: "Unable to refresh credentials due to insufficient permissions. You may be missing permission for the 'CreateOAuth2Token' action.",
    consumer: 'js',
    code: 'refresh-permission-denied',
    refreshCode: 'refresh-permission-denied',
    cause:
      'AWS Sign-In answered INSUFFICIENT_PERMISSIONS: the signed-in identity may not call signin:CreateOAuth2Token (the AWS managed policy SignInLocalDevelopmentAccess grants it).',
    fix: { text: 'Ask an administrator to attach SignInLocalDevelopmentAccess (or an equivalent policy) to your user or role, then sign in again.', commands: ['aws login'] },
    check: 'refresh-test',
    source: 'aws/aws-sdk-js-v3 packages-internal/credential-provider-login/src/LoginCredentialsFetcher.ts (npm @aws-sdk/credential-provider-login 3.972.92), error INSUFFICIENT_PERMISSIONS',
  },
  {
    id: 'js-refresh-invalid-grant',
    match: /Failed to refresh token: ValidationException: The provided authorization grant is invalid, expired, revoked, or malformed/,
    consumer: 'js',
    code: 'refresh-invalid-grant',
    refreshCode: 'refresh-invalid-grant',
    cause:
      'AWS Sign-In rejected the refresh token (INVALID_REQUEST). Known causes: the refresh ran in a different region than aws login (aws/aws-cli#10613), or another process already used (rotated) the refresh token. The JS default chain hides this behind "Could not load credentials from any providers".',
    fix: { text: 'Make the profile\'s region the one you signed in with, then sign in again with the same --region.', commands: ['aws login --region us-east-1'] },
    check: 'refresh-test',
    source: 'aws/aws-sdk-js-v3 packages-internal/credential-provider-login/src/LoginCredentialsFetcher.ts (npm @aws-sdk/credential-provider-login 3.972.92) wraps other refresh errors as "Failed to refresh token: …"; aws/aws-cli#10613',
  },
  {
    id: 'botocore-refresh-invalid-grant',
    match: /(?:ValidationException.{0,80}CreateOAuth2Token.{0,40}: )?The provided authorization grant is invalid, expired, revoked, or malformed|INVALID_REQUEST/,
    consumer: 'any',
    code: 'refresh-invalid-grant',
    refreshCode: 'refresh-invalid-grant',
    cause:
      'AWS Sign-In rejected the refresh token (ValidationException, error INVALID_REQUEST). Known causes: the refresh ran in a different region than aws login (aws/aws-cli#10613), another process already used (rotated) the refresh token, or a regional service incident (aws/aws-cli#10267).',
    fix: { text: 'Make the profile\'s region the one you signed in with, then sign in again with the same --region.', commands: ['aws login --region us-east-1'] },
    check: 'refresh-test',
    source: 'aws/aws-cli#10613 and aws/aws-cli#10267 (ValidationException INVALID_REQUEST from CreateOAuth2Token); boto/botocore botocore/data/signin/2023-01-01/service-2.json',
  },
  {
    id: 'botocore-invalid-service-response',
    match: /Unable to refresh access token due to an invalid service response|Failed to refresh an access token\./,
    consumer: 'any',
    code: 'refresh-unknown',
    refreshCode: 'refresh-unknown',
    cause: 'AWS Sign-In answered the refresh without new tokens (botocore and AWS CLI v2 wordings). Usually a temporary Sign-In service problem.',
    fix: { text: 'Sign in again; if it persists, check the AWS Health Dashboard for AWS Sign-In.', commands: ['aws login'] },
    check: 'refresh-test',
    source: `boto/botocore botocore/credentials.py LoginCredentialFetcher.refresh_credentials (tag ${FLOORS.botocoreLogin.version}); aws/aws-cli awscli/botocore/credentials.py (the CLI's vendored botocore, tags ${FLOORS.cliLogin.version} to 2.36.7)`,
  },
  {
    id: 'js-invalid-service-response',
    match: 'Token refresh response missing required fields',
    consumer: 'js',
    code: 'refresh-unknown',
    refreshCode: 'refresh-unknown',
    cause: 'AWS Sign-In answered the refresh without new tokens. Usually a temporary Sign-In service problem.',
    fix: { text: 'Sign in again; if it persists, check the AWS Health Dashboard for AWS Sign-In.', commands: ['aws login'] },
    check: 'refresh-test',
    source: 'aws/aws-sdk-js-v3 packages-internal/credential-provider-login/src/LoginCredentialsFetcher.ts (npm @aws-sdk/credential-provider-login 3.972.92) (read in the published package; not reproduced)',
  },
  {
    id: 'botocore-login-unspecified',
    match: 'An unspecified error happened when resolving AWS credentials or refreshing a login session profile.',
    consumer: 'botocore',
    code: 'refresh-unknown',
    refreshCode: 'refresh-unknown',
    cause: 'AWS Sign-In refused the refresh with an access-denied code botocore does not name (for example AUTHCODE_EXPIRED). The AWS CLI v2 uses the same wording.',
    fix: RELOGIN,
    check: 'refresh-test',
    source: `boto/botocore botocore/exceptions.py LoginError (tag ${FLOORS.botocoreLogin.version}); aws/aws-cli awscli/botocore/credentials.py (the CLI's vendored botocore, tags ${FLOORS.cliLogin.version} to 2.36.7)`,
  },
  {
    id: 'botocore-endpoint-unreachable',
    // A Sign-In host, or its token path behind AWS_ENDPOINT_URL_SIGNIN.
    match: /Could not connect to the endpoint URL: "?https?:\/\/[^"\s]*(?:signin[^"\s]*|\/v1\/token)/,
    consumer: 'botocore',
    code: 'network-unreachable',
    refreshCode: 'refresh-network',
    cause: 'The refresh could not reach AWS Sign-In: no network, a proxy or firewall blocks *.signin.aws.amazon.com, or AWS_ENDPOINT_URL_SIGNIN points somewhere wrong.',
    fix: { text: 'Check network access to https://REGION.signin.aws.amazon.com (proxy settings HTTPS_PROXY/NO_PROXY, AWS_ENDPOINT_URL_SIGNIN), then retry.', commands: [] },
    check: 'live.sts',
    source: 'boto/botocore botocore/exceptions.py EndpointConnectionError; the signin endpoint from botocore/data/signin/2023-01-01/endpoint-rule-set-1.json',
  },

  // --- login cache ---
  {
    id: 'botocore-login-cache-missing',
    match: templatePattern(LOGIN_CACHE_ERRORS.botocoreNoSession),
    consumer: 'botocore',
    code: 'login-cache-missing',
    cause:
      'botocore found no cache file <login cache dir>/<sha256(login_session)>.json for the profile\'s login_session: you never signed in on this machine/user, signed out, or AWS_LOGIN_CACHE_DIRECTORY / HOME point elsewhere (sudo, containers).',
    fix: RELOGIN,
    check: 'caches.login',
    source: `boto/botocore botocore/credentials.py LoginCredentialFetcher and botocore/exceptions.py LoginTokenLoadError (tag ${FLOORS.botocoreLogin.version})`,
  },
  {
    id: 'cli-login-cache-missing',
    match: /Unable to load a existing login session for session .{1,400}?, Please reauthenticate with 'aws login'/,
    consumer: 'cli-v2',
    code: 'login-cache-missing',
    cause:
      'The AWS CLI found no cache file <login cache dir>/<sha256(login_session)>.json for the profile\'s login_session: you never signed in as this user, signed out, or AWS_LOGIN_CACHE_DIRECTORY / HOME point elsewhere.',
    fix: RELOGIN,
    check: 'caches.login',
    source: `aws/aws-cli awscli/botocore/credentials.py (the CLI's vendored botocore, tags ${FLOORS.cliLogin.version} to 2.36.7)`,
  },
  {
    id: 'js-login-cache-missing',
    match: /Failed to load token from .{1,400}?: Error: ENOENT|Failed to load a token for session .{1,400}?, please re-authenticate using aws login/,
    consumer: 'js',
    code: 'login-cache-missing',
    cause: 'The JS SDK found no login cache file for the profile\'s login_session (it reads AWS_LOGIN_CACHE_DIRECTORY verbatim, without expanding ~ or $VAR).',
    fix: RELOGIN,
    check: 'caches.login',
    source: 'aws/aws-sdk-js-v3 packages-internal/credential-provider-login/src/LoginCredentialsFetcher.ts (npm @aws-sdk/credential-provider-login 3.972.92)',
  },
  {
    id: 'botocore-login-cache-fields-missing',
    match: templatePattern(LOGIN_CACHE_ERRORS.botocoreMissingFields),
    consumer: 'botocore',
    code: 'login-cache-fields-missing',
    cause: 'The login cache file lacks fields botocore needs (accessToken, refreshToken, dpopKey, clientId): it was edited, truncated, or written by another tool.',
    fix: RELOGIN,
    check: 'caches.login',
    source: `boto/botocore botocore/credentials.py LoginCredentialFetcher._REQUIRED_TOKEN_FIELDS (tag ${FLOORS.botocoreLogin.version})`,
  },
  {
    id: 'cli-login-cache-fields-missing',
    match: 'Failed to load access token from token cache, missing one or more required fields.',
    consumer: 'cli-v2',
    code: 'login-cache-fields-missing',
    cause: 'The login cache file lacks fields the AWS CLI needs (accessToken, refreshToken, dpopKey, clientId): it was edited, truncated, or written by another tool.',
    fix: RELOGIN,
    check: 'caches.login',
    source: `aws/aws-cli awscli/botocore/credentials.py (the CLI's vendored botocore, tags ${FLOORS.cliLogin.version} to 2.36.7)`,
  },
  {
    id: 'js-login-cache-fields-missing',
    match: /Token validation failed, missing fields: /,
    consumer: 'js',
    code: 'login-cache-fields-missing',
    cause: 'The login cache file lacks fields the JS SDK needs (accessToken, clientId, refreshToken, dpopKey, accessToken.accountId).',
    fix: RELOGIN,
    check: 'caches.login',
    source: 'aws/aws-sdk-js-v3 packages-internal/credential-provider-login/src/LoginCredentialsFetcher.ts (npm @aws-sdk/credential-provider-login 3.972.92)',
  },
  {
    id: 'botocore-dpop-key-missing',
    match: 'Private key not found in cached token.',
    consumer: 'botocore',
    code: 'login-cache-fields-missing',
    cause: 'The login cache file has no dpopKey, so botocore cannot sign the refresh.',
    fix: RELOGIN,
    check: 'caches.login',
    source: `boto/botocore botocore/credentials.py LoginCredentialFetcher (tag ${FLOORS.botocoreLogin.version})`,
  },
  {
    id: 'botocore-dpop-key-invalid',
    match: templatePattern(LOGIN_CACHE_ERRORS.botocoreBadKey),
    consumer: 'any',
    code: 'login-dpop-key-invalid',
    cause: 'The dpopKey in the login cache is not a P-256 EC private key awscrt can load (damaged or replaced). botocore and the AWS CLI v2 use this wording.',
    fix: RELOGIN,
    check: 'caches.login',
    source: `boto/botocore botocore/credentials.py LoginCredentialFetcher._load_private_key (tag ${FLOORS.botocoreLogin.version}); aws/aws-cli awscli/botocore/credentials.py (the CLI's vendored botocore, tags ${FLOORS.cliLogin.version} to 2.36.7)`,
  },
  {
    id: 'js-dpop-key-invalid',
    match: 'Failed to generate Dpop proof',
    consumer: 'js',
    code: 'login-dpop-key-invalid',
    cause: 'The JS SDK could not sign the refresh with the cached dpopKey (not a PEM SEC1 P-256 key).',
    fix: RELOGIN,
    check: 'caches.login',
    source: 'aws/aws-sdk-js-v3 packages-internal/credential-provider-login (DPoP middleware; npm @aws-sdk/credential-provider-login 3.972.92)',
  },
  {
    id: 'js-login-cache-corrupt',
    match: /Failed to load token from .{1,400}?: SyntaxError/,
    consumer: 'js',
    code: 'login-cache-corrupt',
    cause: 'The login cache file is not valid JSON (truncated by an interrupted write or edited by hand).',
    fix: RELOGIN,
    check: 'caches.login',
    source: 'aws/aws-sdk-js-v3 packages-internal/credential-provider-login/src/LoginCredentialsFetcher.ts (npm @aws-sdk/credential-provider-login 3.972.92)',
  },
  {
    id: 'botocore-cache-keyerror-file',
    match: /KeyError(?:\(['"][0-9a-f]{64}['"]\)|: ['"][0-9a-f]{64}['"])/,
    consumer: 'botocore',
    code: 'login-cache-corrupt',
    cause:
      'botocore raises a bare KeyError with the cache file name (the SHA-256 of login_session) when the file exists but cannot be read or is not valid JSON: corrupt, unreadable (permissions, owned by root after sudo aws login), or not a regular file.',
    fix: { text: 'Run login-doctor to see what is wrong with the file; if it is corrupt, sign in again.', commands: ['aws login'] },
    check: 'caches.login',
    source: `boto/botocore botocore/utils.py JSONFileCache.__getitem__ turns an unreadable or non-JSON file into KeyError (tag ${FLOORS.botocoreLogin.version})`,
  },
  {
    id: 'botocore-cache-keyerror-field',
    match: /KeyError(?:\(['"](?:accountId|accessKeyId|secretAccessKey|sessionToken|expiresAt|accessToken)['"]\)|: ['"](?:accountId|accessKeyId|secretAccessKey|sessionToken|expiresAt|accessToken)['"])/,
    consumer: 'botocore',
    code: 'login-cache-fields-missing',
    cause: 'botocore raises a bare KeyError naming the field when the login cache\'s accessToken object lacks one of accessKeyId, secretAccessKey, sessionToken, expiresAt or accountId.',
    fix: RELOGIN,
    check: 'caches.login',
    source: `boto/botocore botocore/credentials.py LoginCredentialFetcher reads the accessToken members unguarded (tag ${FLOORS.botocoreLogin.version})`,
  },

  // --- SSO ---
  {
    id: 'botocore-sso-refresh-failed',
    // Without botocore's wrapper: tools that log only the inner message drop it.
    match: templatePattern(SSO_ERRORS.botocoreRefreshFailed),
    consumer: 'botocore',
    code: 'sso-token-expired',
    cause: 'The SSO access token expired and botocore could not refresh it (no refresh token, expired client registration, or the SSO session ended).',
    fix: SSO_RELOGIN,
    check: 'caches.sso',
    source: 'boto/botocore botocore/tokens.py SSOTokenProvider (TokenRetrievalError)',
  },
  {
    id: 'botocore-sso-unauthorized',
    // Its first sentence alone: it names the problem, and a pasted log may cut the second.
    match: `${SSO_ERRORS.botocoreExpired.split('. ')[0]}.`,
    consumer: 'botocore',
    code: 'sso-token-expired',
    cause: 'IAM Identity Center refused the cached SSO token (GetRoleCredentials answered Unauthorized) or the legacy token expired.',
    fix: SSO_RELOGIN,
    check: 'caches.sso',
    source: 'boto/botocore botocore/exceptions.py UnauthorizedSSOTokenError',
  },
  {
    id: 'botocore-sso-token-missing',
    match: /Error loading SSO Token: Token for .{1,400}? does not exist/,
    consumer: 'botocore',
    code: 'sso-cache-missing',
    cause: 'No SSO token file ~/.aws/sso/cache/<sha1>.json for the profile\'s sso-session (or start URL): you have not run aws sso login as this user.',
    fix: SSO_RELOGIN,
    check: 'caches.sso',
    source: 'boto/botocore botocore/utils.py SSOTokenLoader',
  },
  {
    id: 'botocore-sso-token-invalid',
    match: /Error loading SSO Token: Token for .{1,400}? is invalid/,
    consumer: 'botocore',
    code: 'sso-cache-corrupt',
    cause: 'The SSO token file lacks accessToken or expiresAt.',
    fix: SSO_RELOGIN,
    check: 'caches.sso',
    source: 'boto/botocore botocore/utils.py SSOTokenLoader',
  },
  {
    id: 'js-sso-token-missing',
    match: /The SSO session token associated with profile=.{1,400}? was not found or is invalid/,
    consumer: 'js',
    code: 'sso-cache-missing',
    cause: 'The JS SDK found no readable SSO token file for the profile\'s sso-session.',
    fix: SSO_RELOGIN,
    check: 'caches.sso',
    source: 'npm @aws-sdk/credential-provider-sso 3.973.28 dist-es resolveSSOCredentials.js',
  },
  {
    id: 'js-sso-cannot-refresh',
    match: /Value not present for '(?:clientId|clientSecret|refreshToken)' in SSO Token\. Cannot refresh/,
    consumer: 'js',
    code: 'sso-no-refresh',
    cause: 'The SSO token expired and lacks the fields needed to refresh it (clientId, clientSecret, refreshToken).',
    fix: SSO_RELOGIN,
    check: 'caches.sso',
    source: 'npm @aws-sdk/token-providers 3.1166.0 dist-es validateTokenKey.js',
  },
  {
    id: 'js-sso-token-expired',
    match: "Token is expired. To refresh this SSO session run 'aws sso login'",
    consumer: 'js',
    code: 'sso-token-expired',
    cause: 'The SSO token expired and the JS SDK\'s refresh through SSO-OIDC failed.',
    fix: SSO_RELOGIN,
    check: 'caches.sso',
    source: 'npm @aws-sdk/token-providers 3.1166.0 dist-es validateTokenExpiry.js (read in the published package; not reproduced)',
  },
  {
    id: 'js-sso-legacy-invalid',
    match: 'The SSO session associated with this profile is invalid.',
    consumer: 'js',
    code: 'sso-cache-missing',
    cause: 'Legacy SSO profile (sso_start_url without sso_session): the JS SDK found no token file for its start URL.',
    fix: SSO_RELOGIN,
    check: 'caches.sso',
    source: 'npm @aws-sdk/credential-provider-sso 3.973.28 dist-es resolveSSOCredentials.js',
  },
  {
    id: 'js-sso-legacy-expired',
    match: 'The SSO session associated with this profile has expired. To refresh',
    consumer: 'js',
    code: 'sso-token-expired',
    cause: 'Legacy SSO profile (sso_start_url without sso_session): its token expired, and legacy profiles never refresh.',
    fix: SSO_RELOGIN,
    check: 'caches.sso',
    source: 'npm @aws-sdk/credential-provider-sso 3.973.28 dist-es resolveSSOCredentials.js',
  },
  {
    id: 'js-sso-profile-incomplete',
    match: 'Profile is configured with invalid SSO credentials.',
    consumer: 'js',
    code: 'sso-profile-incomplete',
    cause: 'The SSO profile lacks one of sso_account_id, sso_region, sso_role_name, sso_start_url.',
    fix: { text: 'Complete the profile with aws configure sso.', commands: ['aws configure sso'] },
    check: 'caches.sso',
    source: 'npm @aws-sdk/credential-provider-sso 3.973.28 dist-es validateSsoProfile.js',
  },
  {
    id: 'js-sso-session-missing',
    match: "Cannot read properties of undefined (reading 'sso_region')",
    consumer: 'js',
    code: 'sso-session-missing',
    cause: 'The profile names an sso_session that has no [sso-session NAME] section; the JS SDK crashes with this TypeError.',
    fix: { text: 'Add the [sso-session NAME] section (sso_start_url, sso_region) or run aws configure sso.', commands: ['aws configure sso'] },
    check: 'config.sources',
    source: 'npm @aws-sdk/credential-provider-sso 3.973.28 dist-es fromSSO.js reads session.sso_region of a missing [sso-session] section',
  },

  // --- STS answers ---
  {
    id: 'sts-expired-token-env',
    // The text itself shows environment credentials (the variables, or the SDKs' names for that provider).
    match: /(?:AWS_SESSION_TOKEN|AWS_ACCESS_KEY_ID|environment variables|EnvironmentCredentials|fromEnv|\benv\b)[\s\S]{0,400}?\bExpiredToken(?:Exception)?\b|\bExpiredToken(?:Exception)?\b[\s\S]{0,400}?(?:AWS_SESSION_TOKEN|AWS_ACCESS_KEY_ID|environment variables|EnvironmentCredentials|fromEnv)/,
    consumer: 'sts',
    code: 'sts-expired-token',
    cause:
      'STS rejected expired credentials that come from environment variables: an old export of AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN wins over the profile, and nothing refreshes it.',
    fix: {
      text: 'Remove the stale exports so the tool uses the profile, which refreshes itself (on Windows PowerShell: Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_SESSION_TOKEN).',
      commands: ['unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN'],
    },
    check: 'live.sts',
    source: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html (environment variables take precedence over the profile)',
  },
  {
    id: 'sts-expired-token',
    match: /\bExpiredToken(?:Exception)?\b|The security token included in the request is expired/,
    consumer: 'sts',
    code: 'sts-expired-token',
    cause:
      'STS rejected expired credentials: the tool kept using credentials past their expiry (login credentials last 15 minutes and must be refreshed), or they came from an old environment export.',
    fix: { text: 'Remove stale AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN exports so the tool uses the profile, which refreshes itself; or sign in again.', commands: ['aws login'] },
    check: 'live.sts',
    source: 'AWS STS API Reference, Common Errors (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html), ExpiredToken; hashicorp/terraform-provider-aws#32809. The message text is probably as STS words it (seen in user reports, not checked against AWS)',
  },
  {
    id: 'sts-invalid-client-token-id',
    match: /\bInvalidClientTokenId\b|The security token included in the request is invalid/,
    consumer: 'sts',
    code: 'sts-invalid-token',
    cause: 'STS does not know this access key id or session token: it was deleted or revoked, belongs to another partition, or a session token is missing or stale.',
    fix: { text: 'Remove stale AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN exports and sign in again.', commands: ['aws login'] },
    check: 'live.sts',
    source: 'AWS STS API Reference, Common Errors (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html), InvalidClientTokenId; aws/aws-cli#8883. The message text is probably as STS words it (seen in user reports, not checked against AWS)',
  },
  {
    id: 'sts-access-denied',
    match: /\(AccessDenied\) when calling the GetCallerIdentity operation/,
    consumer: 'sts',
    code: 'sts-access-denied',
    cause:
      'The credentials are valid but STS denied GetCallerIdentity; the message from AWS names the policy or reason (an explicit deny, an organization policy, a network path that filters AWS calls).',
    fix: { text: 'Ask the account administrator which policy or network control denies sts:GetCallerIdentity; the message from AWS names it.', commands: [] },
    check: 'live.sts',
    source: 'AWS STS API Reference, Common Errors (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html), AccessDenied (403); boto/botocore botocore/exceptions.py ClientError wording "An error occurred (CODE) when calling the OP operation"',
  },
  {
    id: 'sts-signature-expired',
    match: /Signature expired/,
    consumer: 'sts',
    code: 'clock-skew',
    refreshCode: 'refresh-clock-skew',
    cause: 'The request was signed with a timestamp too far from AWS time: the system clock is wrong (common after a WSL2 or laptop sleep).',
    fix: { text: 'Correct the system clock: enable NTP (Windows: Settings > Time > Sync now; macOS: Date & Time > set automatically; Linux: timedatectl set-ntp true; WSL2: sudo hwclock -s).', commands: [] },
    check: 'live.sts',
    source: 'AWS STS API Reference, Common Errors (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html), SignatureDoesNotMatch; aws/aws-cli#6676 (a skewed clock). The "Signature expired" text is probably as STS words it (seen in user reports)',
  },
  {
    id: 'sts-signature-does-not-match',
    // A "Signature expired" message (clock skew) probably comes with the SignatureDoesNotMatch code (aws/aws-cli#6676):
    // that text belongs to the clock-skew entry.
    match: /\bSignatureDoesNotMatch\b(?![^\n]{0,400}Signature expired)/,
    consumer: 'sts',
    code: 'sts-signature-mismatch',
    cause: 'The secret access key does not belong to the access key id (mixed env exports, a half-updated credentials file), or a proxy altered the request.',
    fix: { text: 'Remove mixed AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN exports and check the keys in ~/.aws/credentials.', commands: [] },
    check: 'live.sts',
    source: 'AWS STS API Reference, Common Errors (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html), SignatureDoesNotMatch',
  },

  // --- the aws on PATH ---
  {
    id: 'cli-no-login-command',
    match: /aws: error: argument command: Invalid choice/,
    consumer: 'any',
    code: 'cli-too-old',
    cause: `This aws has no login command: it is AWS CLI v1 (which never has one) or AWS CLI v2 older than ${FLOORS.cliLogin.version}. Both print this argparse error for \`aws login\`.`,
    fix: { text: `Install AWS CLI v2 ${FLOORS.cliLogin.version} or later and make it the first aws on PATH; login-doctor shows which aws your shell runs.`, commands: ['aws --version'] },
    check: 'tools.aws-cli',
    source: 'aws/aws-cli awscli/argparser.py (CLIArgParser._check_value: "Invalid choice, valid choices are:"), seen from pip AWS CLI v1 and Debian AWS CLI 2.9.19',
  },

  // --- profile and credential selection ---
  {
    id: 'botocore-profile-not-found',
    match: /\bProfileNotFound\b|The config profile \(.{1,400}?\) could not be found/,
    consumer: 'botocore',
    code: 'profile-not-found',
    cause: 'The named profile is in neither ~/.aws/config nor ~/.aws/credentials (a typo, AWS_PROFILE left over, or AWS_CONFIG_FILE pointing elsewhere).',
    fix: { text: 'Name an existing profile, or sign in to create this one.', commands: ['aws configure list-profiles'] },
    check: 'config.profile',
    source: 'boto/botocore botocore/exceptions.py ProfileNotFound; aws/aws-cli#370',
  },
  {
    id: 'cli-login-profile-has-credentials',
    match: /Profile '.{1,400}?' is already configured with (?:Web Identity|SSO|Access Key|Assume Role|Credential Process) credentials\./,
    consumer: 'cli-v2',
    code: 'mixed-credential-sources',
    cause: `aws login (${FLOORS.cliRefusesMixedProfile.version}+) refuses to add login_session to a profile that already has another credential source.`,
    fix: { text: 'Sign in to a new profile name, or remove the other credential settings from this profile first.', commands: ['aws login --profile new-profile-name'] },
    check: 'config.sources',
    source: `aws/aws-cli awscli/customizations/login/login.py ensure_profile_does_not_have_existing_credentials (${FLOORS.cliRefusesMixedProfile.version}, .changes/${FLOORS.cliRefusesMixedProfile.version}.json); aws/aws-cli#9869`,
  },
  {
    id: 'cli-no-credentials',
    match: 'Unable to locate credentials. You can configure credentials by running "aws login".',
    consumer: 'cli-v2',
    code: 'credential-sources',
    cause: 'The AWS CLI v2 found no credential source for the profile: no login_session, SSO, keys or role.',
    fix: { text: 'Sign in (add --profile NAME for a named profile), or select the right profile.', commands: ['aws login'] },
    check: 'config.sources',
    source: `aws/aws-cli awscli/botocore/exceptions.py NoCredentialsError (wording since tag ${FLOORS.cliLogin.version})`,
  },
  {
    id: 'botocore-no-credentials',
    match: BOTOCORE_ERRORS.noCredentials.text,
    consumer: 'botocore',
    code: 'python-botocore-too-old',
    cause:
      `botocore found no credential source. With a login_session profile the usual cause is botocore older than ${FLOORS.botocoreLogin.version}, which does not know login_session; otherwise the profile was not selected (AWS_DEFAULT_PROFILE wins over AWS_PROFILE in boto3).`,
    fix: { text: 'Upgrade botocore and boto3 in the environment that runs the failing tool.', commands: [PIP_CRT] },
    check: 'tools.python',
    source: `boto/botocore botocore/exceptions.py NoCredentialsError; LoginProvider first in tag ${FLOORS.botocoreLogin.version} (commit 2fb7e3f4c)`,
  },
  {
    id: 'js-profile-not-login',
    match: /Could not resolve credentials using profile: \[.{1,400}?\] in configuration\/credentials file\(s\)/,
    consumer: 'js',
    code: 'js-sdk-no-login',
    cause: `The JS SDK's profile resolver did not recognise the profile's credentials. With a login_session profile this means @aws-sdk/credential-provider-ini older than ${FLOORS.jsIniLogin.version}.`,
    fix: { text: 'Upgrade the AWS SDK for JavaScript in the project.', commands: ['npm install @aws-sdk/credential-providers@latest @aws-sdk/client-sts@latest'] },
    check: 'project.js-sdk',
    source: `npm @aws-sdk/credential-provider-ini dist-es resolveProfileData.js (login_session understood from ${FLOORS.jsIniLogin.version}, aws/aws-sdk-js-v3 PR #7512)`,
  },
  {
    id: 'js-no-providers',
    match: JS_SDK_ERRORS.noProviders.text,
    consumer: 'js',
    code: 'js-sdk-no-login',
    refreshCode: 'refresh-unknown',
    cause:
      `The JS default chain found nothing. With a login profile it usually hides the real error: a refresh that failed with INVALID_REQUEST, a missing region or a network error is swallowed and the chain moves on. An SDK older than ${FLOORS.jsIniLogin.version} ignores login_session altogether.`,
    fix: { text: 'Run login-doctor: its live check calls the login provider directly and shows the real error.', commands: ['npx login-doctor'] },
    check: 'project.js-sdk',
    source: JS_SDK_ERRORS.noProviders.source,
  },
  {
    id: 'js-refresh-failed-generic',
    match: /Failed to refresh token: .{1,400}?Please re-authenticate using `?aws login`?/,
    consumer: 'js',
    code: 'refresh-unknown',
    refreshCode: 'refresh-unknown',
    cause: 'The JS SDK\'s refresh through AWS Sign-In failed for a reason the table does not single out; the text after "Failed to refresh token:" is the real error.',
    fix: RELOGIN,
    check: 'refresh-test',
    source: 'aws/aws-sdk-js-v3 packages-internal/credential-provider-login/src/LoginCredentialsFetcher.ts (npm @aws-sdk/credential-provider-login 3.972.92)',
  },
  ...OTHER_SDK_SIGNATURES,
];

export interface SignatureMatch {
  signature: ErrorSignature;
  /** The matched text, as found. */
  text: string;
  index: number;
}

function find(signature: ErrorSignature, text: string): { index: number; length: number; text: string } | null {
  if (typeof signature.match === 'string') {
    const index = text.indexOf(signature.match);
    return index < 0 ? null : { index, length: signature.match.length, text: signature.match };
  }
  const m = new RegExp(signature.match.source, signature.match.flags.replace('g', '')).exec(text);
  return m ? { index: m.index, length: m[0].length, text: m[0] } : null;
}

/**
 * Every known error in `text`, in the order they appear. A signature is skipped when the text it matched
 * overlaps text already claimed by an earlier (more specific) table entry.
 */
export function matchErrorText(text: string): SignatureMatch[] {
  const claimed: Array<[number, number]> = [];
  const out: SignatureMatch[] = [];
  for (const signature of ERROR_SIGNATURES) {
    const hit = find(signature, text);
    if (!hit) continue;
    const end = hit.index + hit.length;
    if (claimed.some(([s, e]) => hit.index < e && s < end)) continue;
    claimed.push([hit.index, end]);
    out.push({ signature, text: hit.text, index: hit.index });
  }
  return out.sort((a, b) => a.index - b.index);
}
