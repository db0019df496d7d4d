import { getSetting, profileKind, type ProfileData } from '../../aws/config.js';
import type { Check } from '../../engine/check.js';
import type { FindingInput } from '../../engine/finding.js';
import { awsConfigureSet, shellOf } from '../../knowledge/shell.js';
import { targetProfiles } from '../target-profiles.js';

/** `--fix` may add the region line to the profile's section of the config file (see src/fix/local-fixes.ts). */
function addRegion(name: string, data: ProfileData, region: string): Pick<FindingInput, 'fixable'> {
  if (!data.configSection) return {};
  const section = name === 'default' ? 'default' : `profile ${name}`;
  return { fixable: { kind: 'add-setting', path: data.configSection.file, section, line: data.configSection.line, key: 'region', value: region } };
}

export const regionCheck: Check = {
  id: 'config.region',
  title: 'Region for the login refresh',
  category: 'config',
  touches: ['files'],
  async run(ctx) {
    const findings: FindingInput[] = [];
    for (const { name, data } of await targetProfiles(ctx)) {
      if (!data || profileKind(data) !== 'login') continue;
      const profileRegion = getSetting(data, 'region')?.value.trim();
      const { AWS_REGION, AWS_DEFAULT_REGION } = ctx.env;
      if (profileRegion || AWS_DEFAULT_REGION) {
        findings.push({
          code: 'region-ok',
          status: 'pass',
          title: `Refresh region for "${name}": ${AWS_DEFAULT_REGION || profileRegion}`,
          evidence: { profile: name, region: (AWS_DEFAULT_REGION || profileRegion)!, from: AWS_DEFAULT_REGION ? 'AWS_DEFAULT_REGION' : 'profile' },
        });
      } else if (AWS_REGION) {
        findings.push({
          code: 'region-env-python',
          status: 'warn',
          title: `Only AWS_REGION gives "${name}" a region: boto3 ignores it`,
          detail:
            'The AWS CLI v2 and the JS SDK read AWS_REGION, but pip botocore/boto3 take the session region only from AWS_DEFAULT_REGION or the profile, so a Python refresh fails with "You must specify a region." after ~10 minutes.',
          fix: {
            text: `Write the region into the profile (it must be the region you signed in with).`,
            commands: [awsConfigureSet(shellOf(ctx), 'region', AWS_REGION, name)],
          },
          evidence: { profile: name, AWS_REGION },
          ...addRegion(name, data, AWS_REGION),
        });
      } else {
        findings.push({
          code: 'region-missing',
          status: 'fail',
          title: `Login profile "${name}" has no region: the refresh will fail`,
          detail:
            'The refresh call to AWS Sign-In needs a region, and neither the profile, AWS_DEFAULT_REGION nor AWS_REGION gives one. Credentials work for 15 minutes after aws login, then botocore fails with "You must specify a region." and the JS SDK with "Region is missing".',
          fix: {
            text: 'Set the region you signed in with (aws login defaults to us-east-1 when it prompts); replace us-east-1 if you chose another.',
            commands: [awsConfigureSet(shellOf(ctx), 'region', 'us-east-1', name)],
          },
          evidence: { profile: name },
          ...addRegion(name, data, 'us-east-1'),
        });
      }
    }
    return findings;
  },
};
