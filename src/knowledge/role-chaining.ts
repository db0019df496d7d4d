/**
 * Consumers that cannot assume a role with a login_session profile as its source_profile, and the bridge that
 * works for every consumer. pip botocore, the AWS CLI v2 and the JS SDK v3 do chain (tested against them in
 * test/aws/consumer-model.differential.test.ts).
 */
export interface ChainingGap {
  consumer: string;
  /** What it prints, when known. */
  error: string | null;
  source: string;
}

export const ROLE_ON_LOGIN_GAPS: readonly ChainingGap[] = [
  { consumer: 'the AWS SDK for PHP', error: 'No credentials present in INI profile', source: 'https://github.com/aws/aws-sdk-php/issues/3300' },
  {
    consumer: 'the AWS SDK for Go v2 (and tools built on it)',
    error: 'failed to load assume role <role-arn>, of profile <source>, <nil>',
    source: 'https://github.com/aws/aws-sdk-go-v2/issues/3446',
  },
  { consumer: 'the Terraform AWS provider', error: null, source: 'https://github.com/hashicorp/terraform-provider-aws/issues/45817' },
];

/** A credential_process that hands a login profile's credentials to any consumer (AWS CLI v2). */
export const LOGIN_PROCESS_BRIDGE = {
  command: (loginProfile: string) => `aws configure export-credentials --profile ${loginProfile} --format process`,
  source: 'https://docs.aws.amazon.com/cli/latest/reference/configure/export-credentials.html',
};
