import { consumerHomes, sameHome, type ConsumerHome, type ConsumerHomes } from '../../aws/paths.js';
import type { Check } from '../../engine/check.js';
import type { Context } from '../../engine/context.js';
import type { Evidence, FindingInput } from '../../engine/finding.js';
import { setEnv, shellOf, unsetEnv } from '../../knowledge/shell.js';
import { pathApi } from '../../aws/paths.js';

const CONSUMERS: { key: keyof ConsumerHomes; label: string }[] = [
  { key: 'python', label: 'botocore/boto3 and the AWS CLI (config, credentials, login and SSO caches)' },
  { key: 'jsSdk', label: 'JS SDK config, credentials and SSO cache (getHomeDir)' },
  { key: 'nodeHomedir', label: 'JS SDK login cache (os.homedir())' },
];

type Usability = 'ok' | 'missing' | 'not-a-folder' | 'empty' | 'unexpanded';

async function usability(ctx: Context, home: ConsumerHome): Promise<Usability> {
  if (home.dir === null) return 'unexpanded';
  if (home.dir === '') return 'empty';
  const s = await ctx.fs.stat(home.dir);
  if (!s) return 'missing';
  return s.kind === 'directory' ? 'ok' : 'not-a-folder';
}

function describe(ctx: Context, home: ConsumerHome, state: Usability): string {
  const from = home.source === 'account' ? 'the OS account' : home.source;
  const dot = (dir: string) => pathApi(ctx.platform).join(dir, '.aws');
  switch (state) {
    case 'ok':
      return `${dot(home.dir!)} (home from ${from})`;
    case 'missing':
      return `${dot(home.dir!)}, but ${home.dir} does not exist (home from ${from})`;
    case 'not-a-folder':
      return `${dot(home.dir!)}, but ${home.dir} is not a folder (home from ${from})`;
    case 'empty':
      return `.aws relative to the working directory: ${from} is set but empty`;
    case 'unexpanded':
      return 'a folder literally named "~" in the working directory: neither USERPROFILE nor HOMEPATH is set';
  }
}

/**
 * Every consumer finds ~/.aws through its own home lookup (src/aws/paths.ts). On Windows with Git Bash, MSYS or
 * Cygwin's HOME they can disagree; with an empty or missing HOME they read nothing, or a folder nobody meant.
 */
export const homeCheck: Check = {
  id: 'environment.home',
  title: 'Home folder the SDKs read',
  category: 'environment',
  touches: ['files'],
  async run(ctx) {
    const homes = consumerHomes(ctx.env, ctx.platform, ctx.accountHome ?? ctx.home);
    const states = await Promise.all(CONSUMERS.map((c) => usability(ctx, homes[c.key])));
    const lines = CONSUMERS.map((c, i) => `  ${c.label}: ${describe(ctx, homes[c.key], states[i]!)}`);
    const evidence: Evidence = Object.fromEntries(
      CONSUMERS.map((c, i) => [c.key, { dir: homes[c.key].dir, from: homes[c.key].source, state: states[i]! }]),
    );
    const shell = shellOf(ctx);
    const findings: FindingInput[] = [];

    if (states.some((s) => s !== 'ok')) {
      findings.push({
        code: 'home-not-usable',
        status: 'warn',
        title: 'Some AWS tools have no usable home folder',
        detail: `Where each consumer looks for .aws:\n${lines.join('\n')}\nA consumer without a usable home finds no config, credentials or token caches (or the wrong ones), and \`aws login\` may write where nothing else reads.`,
        fix: notUsableFix(ctx, homes, shell),
        evidence,
      });
    } else if (!CONSUMERS.every((c) => sameHome(ctx.platform, homes[c.key].dir, homes.python.dir))) {
      const p = pathApi(ctx.platform);
      const base = homes.python.dir!;
      findings.push({
        code: 'home-dir-split',
        status: 'warn',
        title: 'AWS tools read different home folders',
        detail:
          `Where each consumer looks for .aws:\n${lines.join('\n')}\n` +
          'A login done by one tool is invisible to another. The JS SDK has no setting that moves its SSO token cache, so for SSO profiles only a HOME equal to the Python home helps.',
        fix: {
          text: `Point every tool at the files the AWS CLI uses (under ${base}), or make HOME the same folder.`,
          commands: [
            setEnv(shell, 'AWS_CONFIG_FILE', p.join(base, '.aws', 'config')),
            setEnv(shell, 'AWS_SHARED_CREDENTIALS_FILE', p.join(base, '.aws', 'credentials')),
            setEnv(shell, 'AWS_LOGIN_CACHE_DIRECTORY', p.join(base, '.aws', 'login', 'cache')),
          ],
        },
        evidence,
      });
    } else {
      findings.push({ code: 'home-ok', status: 'pass', title: `Home folder: ${ctx.home}`, evidence: { home: ctx.home } });
    }
    return findings;
  },
};

function notUsableFix(ctx: Context, homes: ConsumerHomes, shell: ReturnType<typeof shellOf>): FindingInput['fix'] {
  if (ctx.platform === 'win32') {
    // Without HOME every consumer falls back to USERPROFILE, which Windows always sets for a logged-in user.
    return { text: 'Remove the HOME variable (Windows tools do not need it), or point it at an existing folder.', commands: homes.jsSdk.source === 'HOME' ? [unsetEnv(shell, ['HOME'])] : [] };
  }
  const account = ctx.accountHome;
  return {
    text: 'Set HOME to your home folder (the one your account has).',
    commands: account ? [setEnv(shell, 'HOME', account)] : [],
  };
}
