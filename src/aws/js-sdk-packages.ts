/** The AWS SDK for JavaScript v3 packages that take part in resolving `login_session` profiles (first versions from the published npm packages). */

export const LOGIN_PACKAGE = '@aws-sdk/credential-provider-login';
export const INI_PACKAGE = '@aws-sdk/credential-provider-ini';

/**
 * The packages that take part: ini routes login_session profiles to login; node, credential-providers and
 * client-sts bring ini in (each gained login support in the same release as ini, FLOORS.jsIniLogin).
 */
export const JS_SDK_PACKAGES = [
  LOGIN_PACKAGE,
  INI_PACKAGE,
  '@aws-sdk/credential-provider-node',
  '@aws-sdk/credential-providers',
  '@aws-sdk/client-sts',
] as const;

export function isJsSdkPackage(name: string): boolean {
  return (JS_SDK_PACKAGES as readonly string[]).includes(name);
}
