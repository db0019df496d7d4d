/**
 * AWS CLI v2 wordings for `login-doctor explain` and the refresh test, checked against the real CLI (2.36.7 built
 * from source) in test/knowledge/aws-cli-v2-errors.test.ts. error-signatures.ts puts this group first, because
 * these CLI-prefixed texts must win over the generic botocore wordings they contain.
 */
import { SOURCE_BUILT_AWSCRT } from './aws-cli-windows.js';
import { FLOORS } from './floors.js';
import type { ErrorSignature } from './error-signature.js';

/** The Sign-In token endpoint: signin.aws.amazon.com or a regional host, path /v1/token (also behind AWS_ENDPOINT_URL_SIGNIN). */
const SIGNIN_URL = String.raw`"https?:\/\/[^"\s]*(?:signin[^"\s]*|\/v1\/token)"`;

export const CLI_V2_SIGNATURES: readonly ErrorSignature[] = [
  {
    id: 'cli-awscrt-no-padded-signature',
    match: /aws: \[ERROR\]: type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'/,
    consumer: 'cli-v2',
    code: 'cli-awscrt-no-padded-signature',
    refreshCode: 'refresh-awscrt-no-padded-signature',
    cause: `This AWS CLI v2 (${FLOORS.cliPaddedDpop.version} or later) was built from source (Homebrew, a Linux distribution, pip) and runs on the awscrt of its own Python environment, which is older than ${FLOORS.awscrtPaddedDpop.version} and lacks EC.decode_der_signature_to_padded_pair: every aws login and every login refresh fails.`,
    fix: {
      text: `Upgrade the AWS CLI through the package manager that installed it (it must ship awscrt ${FLOORS.awscrtPaddedDpop.version} or later), or replace it with the official installer, which bundles a matching awscrt.`,
      commands: ['brew upgrade awscli'],
    },
    check: 'tools.aws-cli',
    source: SOURCE_BUILT_AWSCRT.source,
  },
  {
    id: 'cli-signin-server-error',
    match: /An error occurred \((?:InternalServerException|TooManyRequestsError)\) when calling the CreateOAuth2Token operation(?: \(reached max retries: \d+\))?: [^\n]{0,400}/,
    consumer: 'any',
    code: 'refresh-unknown',
    refreshCode: 'refresh-unknown',
    cause:
      'AWS Sign-In answered the refresh with a server error (HTTP 500) or a throttling error (HTTP 429): the problem is on the service side, not in the cache or the configuration.',
    fix: { text: 'Wait a moment and try again; sign in again only if the error persists.', commands: [] },
    check: 'refresh-test',
    source: 'AWS Sign-In service model (CreateOAuth2Token errors InternalServerException, TooManyRequestsError), as vendored in aws/aws-cli',
  },
  {
    id: 'cli-signin-response-incomplete',
    // The CLI prints a KeyError raised while reading the refresh answer as the bare key name.
    match: /aws: \[ERROR\]: '(?:expiresIn|accessToken|accessKeyId|secretAccessKey|sessionToken|refreshToken)'$/m,
    consumer: 'cli-v2',
    code: 'refresh-unknown',
    refreshCode: 'refresh-unknown',
    cause:
      'AWS Sign-In (or something answering in its place: an intercepting proxy, a wrong AWS_ENDPOINT_URL_SIGNIN) accepted the refresh but returned no token fields; the AWS CLI stops on the first missing field and prints only its name.',
    fix: { text: 'Check for a proxy or endpoint override in front of AWS Sign-In and try again; sign in again if it persists.', commands: [] },
    check: 'refresh-test',
    source: 'aws/aws-cli awscli/botocore/credentials.py (LoginCredentialFetcher.refresh_credentials reads tokenOutput fields by key)',
  },
  {
    id: 'cli-signin-timeout',
    match: new RegExp(String.raw`(?:Read|Connect) timeout on endpoint URL: ${SIGNIN_URL}`),
    consumer: 'any',
    code: 'network-unreachable',
    refreshCode: 'refresh-network',
    cause: 'The refresh call to AWS Sign-In got no answer in time (a proxy, firewall or VPN that swallows the connection, or an endpoint override pointing nowhere).',
    fix: { text: 'Check the network path to AWS Sign-In (HTTPS_PROXY, NO_PROXY, VPN, AWS_ENDPOINT_URL_SIGNIN) and try again.', commands: [] },
    check: 'live.sts',
    source: 'botocore ReadTimeoutError / ConnectTimeoutError wordings (aws/aws-cli awscli/botocore/exceptions.py)',
  },
  {
    id: 'cli-sso-start-url-unresolved',
    match: /Failed to resolve start URL: HTTP \d{3}/,
    consumer: 'cli-v2',
    code: 'cli-sso-start-url-broken',
    cause:
      'AWS CLI 2.35.13 and later resolve the SSO start URL before signing in; up to 2.36.3 they did not know every partition\'s hosts (China until 2.35.15, EUSC until 2.36.1, the GovCloud identitycenter.us-gov.amazonaws.com form until 2.36.4), took them for vanity URLs and failed fetching them.',
    fix: { text: 'Update the AWS CLI to 2.36.4 or later, which knows the start URL hosts of every partition.', commands: [] },
    check: 'tools.aws-cli',
    source: 'aws/aws-cli#10464, #10502; fixed by PRs #10465, #10493, #10503',
  },
];
