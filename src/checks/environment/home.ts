import type { Check } from '../../engine/check.js';
import type { Context } from '../../engine/context.js';
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
    if (ctx.platform !== 'win32') findings.push(...(await posixHome(ctx)));
    if (findings.length === 0) {
      findings.push({ code: 'home-ok', status: 'pass', title: `Home folder: ${ctx.home}`, evidence: { home: ctx.home } });
    }
    return findings;
  },
};

const SET_HOME = 'export HOME="$(getent passwd "$(id -un)" | cut -d: -f6)"';

/**
 * HOME set but empty, or naming no folder: Python (botocore, the AWS CLI) takes HOME as it is, so an empty one
 * means /.aws; the JS SDK skips an empty HOME and asks os.homedir(), which returns the same empty value, so it
 * reads .aws relative to the current folder. Checked against both (test/checks/config/home.test.ts).
 */
async function posixHome(ctx: Context): Promise<FindingInput[]> {
  const { HOME } = ctx.env;
  if (HOME === undefined) return [];
  if (HOME === '') {
    return [
      {
        code: 'home-unusable',
        status: 'fail',
        title: 'HOME is set but empty: the SDKs read different files',
        detail:
          `botocore, boto3 and the AWS CLI read /.aws/config and /.aws/credentials (an empty HOME becomes "/"); the JS SDK reads .aws/config relative to the folder it runs in (here ${ctx.cwd}/.aws/config). ` +
          'aws login saves its cache in one of these places and the other SDKs do not find it. login-doctor shows what the JS SDK sees.',
        fix: { text: 'Set HOME to your home folder (your shell profile or the service definition that starts the program left it empty).', commands: [SET_HOME] },
        evidence: { HOME, python: '/.aws', js: `${ctx.cwd}/.aws` },
      },
    ];
  }
  const stat = await ctx.fs.stat(HOME);
  if (stat?.kind === 'directory') return [];
  return [
    {
      code: 'home-unusable',
      status: 'fail',
      title: `HOME is ${HOME}, which ${stat ? 'is not a folder' : 'does not exist'}`,
      detail: `botocore, boto3, the AWS CLI and the JS SDK all look for ${HOME}/.aws/config and ${HOME}/.aws/credentials and find nothing; aws login cannot save its cache there either.`,
      fix: { text: 'Set HOME to your home folder.', commands: [SET_HOME] },
      evidence: { HOME, exists: Boolean(stat) },
    },
  ];
}
