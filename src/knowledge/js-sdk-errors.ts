import type { ErrorText } from './botocore-errors.js';

/** Exact texts of the AWS SDK for JavaScript v3 that checks quote, each with its source. */
export const JS_SDK_ERRORS = {
  /** The default provider chain when every link failed (it hides the links' own errors). */
  noProviders: {
    text: 'Could not load credentials from any providers',
    source: 'npm @aws-sdk/credential-provider-node 3.972.97 dist-es defaultProvider.js; smithy-lang/smithy-typescript packages/property-provider/src/ProviderError.ts (tryNextLink)',
  },
} as const satisfies Record<string, ErrorText>;
