/** Placeholders for `--anonymize`: an account id and the names inside an ARN say who the user is. */

export const ACCOUNT_PLACEHOLDER = '<account>';

export function anonymizeAccount(account: string): string {
  return account ? ACCOUNT_PLACEHOLDER : account;
}

/**
 * Keeps the ARN's shape (partition, service, resource type) and replaces the account and every name after the
 * resource type: `arn:aws:sts::123456789012:assumed-role/Dev/alice` -> `arn:aws:sts::<account>:assumed-role/<name>/<name>`.
 */
export function anonymizeArn(arn: string): string {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return '<arn>';
  const [, partition, service, region, account, ...rest] = parts;
  const resource = rest.join(':');
  const [type, ...names] = resource.split('/');
  const anonymousResource = names.length > 0 ? [type, ...names.map(() => '<name>')].join('/') : '<name>';
  return ['arn', partition, service, region, account ? ACCOUNT_PLACEHOLDER : '', anonymousResource].join(':');
}

/** Every ARN and 12-digit account id inside free text (AWS error messages quote them). */
export function anonymizeText(text: string): string {
  return text
    .replace(/\barn:aws[a-z-]*:[^\s"'<>,;]+/g, (arn) => anonymizeArn(arn))
    .replace(/(?<![\w-])\d{12}(?![\w-])/g, ACCOUNT_PLACEHOLDER);
}
