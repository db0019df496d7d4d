import type { Check } from '../../engine/check.js';
import type { FindingInput } from '../../engine/finding.js';
import { setEnv } from '../../knowledge/shell.js';

/**
 * On Windows, Python (botocore, AWS CLI) resolves ~ through USERPROFILE while the JS SDK's SSO
 * and shared-file loaders prefer HOME: with both set to different folders they read different files.
 */
export const homeCheck: Check = {
  id: 'environment.home',
  title: 'Home folder the SDKs read',
  category: 'environment',
  touches: ['files'],
  async run(ctx) {
    const findings: FindingInput[] = [];
    const { HOME, USERPROFILE } = ctx.env;
    if (ctx.platform === 'win32' && HOME && USERPROFILE && HOME.toLowerCase() !== USERPROFILE.toLowerCase()) {
      const [a, b] = await Promise.all([ctx.fs.stat(HOME), ctx.fs.stat(USERPROFILE)]);
      if (a?.kind === 'directory' && b?.kind === 'directory') {
        findings.push({
          code: 'home-dir-split',
          status: 'warn',
          title: 'HOME and USERPROFILE point to different folders',
          detail: `HOME=${HOME}, USERPROFILE=${USERPROFILE}. The AWS CLI and botocore read ${USERPROFILE}\\.aws; JS SDK loaders that prefer HOME read ${HOME}\\.aws. A login in one is invisible to the other.`,
          fix: {
            text: 'Point every tool at the same files explicitly.',
            commands: [
              setEnv(ctx.platform, 'AWS_CONFIG_FILE', `${USERPROFILE}\\.aws\\config`),
              setEnv(ctx.platform, 'AWS_SHARED_CREDENTIALS_FILE', `${USERPROFILE}\\.aws\\credentials`),
              setEnv(ctx.platform, 'AWS_LOGIN_CACHE_DIRECTORY', `${USERPROFILE}\\.aws\\login\\cache`),
            ],
          },
          evidence: { HOME, USERPROFILE },
        });
      }
    }
    if (findings.length === 0) {
      findings.push({ code: 'home-ok', status: 'pass', title: `Home folder: ${ctx.home}`, evidence: { home: ctx.home } });
    }
    return findings;
  },
};
