type Env = Readonly<Record<string, string | undefined>>;

export type Consumer = 'botocore' | 'cli-v2' | 'js';

export const CONSUMER_LABELS: Record<Consumer, string> = {
  botocore: 'pip botocore/boto3 (and AWS CLI v1)',
  'cli-v2': 'AWS CLI v2',
  js: 'AWS SDK for JavaScript v3',
};

export interface ProfileChoice {
  name: string;
  /** What decided it: the --profile flag, an env var, the built-in default, or a role profile's source_profile. */
  from: '--profile' | 'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE' | 'default' | 'source_profile';
}

/**
 * The profile each consumer uses. pip botocore reads AWS_DEFAULT_PROFILE before AWS_PROFILE;
 * the AWS CLI v2 reads AWS_PROFILE first; the JS SDK reads only AWS_PROFILE.
 */
export function profileFor(consumer: Consumer, env: Env, flag: string | null): ProfileChoice {
  if (flag) return { name: flag, from: '--profile' };
  const order: Array<'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE'> =
    consumer === 'botocore' ? ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE'] : consumer === 'cli-v2' ? ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] : ['AWS_PROFILE'];
  for (const name of order) {
    const value = env[name];
    if (value) return { name: value, from: name };
  }
  return { name: 'default', from: 'default' };
}

/** The profile login-doctor diagnoses: the flag, else the one the AWS CLI v2 would pick. */
export function selectedProfile(env: Env, flag: string | null): ProfileChoice {
  return profileFor('cli-v2', env, flag);
}
