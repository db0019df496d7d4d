/** CI=true (or any value but false/0), as GitHub Actions, GitLab, CircleCI, Travis and Buildkite set it. */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v.toLowerCase() !== 'false' && v !== '0';
}
