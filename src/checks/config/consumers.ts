import { profileKind, sessionChain, type AwsConfig, type ProfileKind } from '../../aws/config.js';
import type { ConsumerResolution } from '../../aws/consumer-model.js';
import { CONSUMER_LABELS, selectedProfile, type Consumer } from '../../aws/profile-selection.js';
import { LOGIN_PROCESS_BRIDGE, ROLE_ON_LOGIN_GAPS } from '../../knowledge/role-chaining.js';
import { loadConfig } from '../aws-config.js';
import { envValue, pathApi } from '../../aws/paths.js';
import type { Check } from '../../engine/check.js';
import type { Context } from '../../engine/context.js';
import { resolvedLoginCacheDirs } from '../../aws/login-cache.js';
import type { FindingInput } from '../../engine/finding.js';
import { setEnv, shellKind, shellOf, shellQuote, unsetEnv, type ShellTarget, type ShellWhere } from '../../knowledge/shell.js';
import { loginBridge } from '../../knowledge/other-sdks.js';
import { consumerViews, MODELLED, type ConsumerView } from './consumer-views.js';

/** Sources that are the same thing under each consumer's own name. */
const FAMILY: Record<string, string> = {
  'shared-credentials-file': 'static keys',
  'config-file': 'static keys',
  static: 'static keys',
  'custom-process': 'credential_process',
  process: 'credential_process',
  'sso-legacy': 'sso',
  env: 'environment keys',
  login: 'aws login',
  'assume-role': 'assume role',
  none: 'no credentials',
};


/** A name as it is, or as JSON writes it when stray spaces or control characters would otherwise be invisible. */
export function visibleName(name: string): string {
  return /^[\w.@+:/-]+$/.test(name) ? name : JSON.stringify(name);
}

/** A profile name quoted for the shell, with control characters written so they can be seen and typed. */
export function quoteName(target: ShellTarget, name: string): string {
  // eslint-disable-next-line no-control-regex
  if (shellKind(target) === 'posix' && /[\x00-\x1f\x7f]/.test(name)) {
    return `$'${name.replace(/[\\']/g, '\\$&').replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
  }
  return shellQuote(target, name);
}

function outcome(r: ConsumerResolution): string {
  if (r.status === 'parse-error') return 'refuses the config files';
  if (r.status === 'unreadable') return 'cannot read the config files';
  if (r.status === 'profile-not-found') return `finds no profile ${visibleName(r.profile)}`;
  if (r.status === 'loop') return `stops on a source_profile loop`;
  if (r.source === 'error') return `fails on profile ${visibleName(r.profile)}: ${r.error ?? ''}`.trim();
  const chain = r.chain.length > 1 ? ` (${r.chain.map((c) => FAMILY[c] ?? c).join(' -> ')})` : '';
  const parts = [`profile ${visibleName(r.profile)}`, `${FAMILY[r.source ?? 'none'] ?? r.source}${chain}`];
  if (r.loginSession !== null) parts.push(`login_session ${visibleName(r.loginSession)}`);
  if (r.ssoSession !== null) parts.push(`sso_session ${visibleName(r.ssoSession)}`);
  parts.push(r.region === null ? 'no region' : `region ${visibleName(r.region)}`);
  return parts.join(', ');
}

type Aspect = 'profile' | 'outcome' | 'source' | 'login_session' | 'sso_session' | 'region';

/** How an aspect reads in a title. */
const ASPECT_WORDS: Record<Aspect, string> = {
  profile: 'which profile',
  outcome: 'whether the profile works',
  source: 'credential source',
  login_session: 'login_session',
  sso_session: 'sso_session',
  region: 'region',
};

/** Where the consumers' readings of the selected profile differ, leaving out differences other checks explain. */
function differences(views: Record<Consumer, ConsumerView>, env: Readonly<Record<string, string | undefined>>): Aspect[] {
  const rs = MODELLED.map((c) => views[c].selected);
  const out: Aspect[] = [];
  const differ = (f: (r: ConsumerResolution) => unknown) => new Set(rs.map((r) => JSON.stringify(f(r)))).size > 1;
  // Both variables set to different names: profile-env-conflict explains it.
  const envConflict = Boolean(env.AWS_PROFILE && env.AWS_DEFAULT_PROFILE && env.AWS_PROFILE !== env.AWS_DEFAULT_PROFILE);
  if (!envConflict && differ((r) => r.profile)) out.push('profile');
  const settled = rs.every((r) => r.status === 'ok' && r.source !== 'error');
  if (differ((r) => (r.status === 'ok' ? (r.source === 'error' ? 'error' : 'ok') : r.status))) out.push('outcome');
  if (!settled) return out;
  // Environment keys: env-keys-shadow-profile explains who uses them.
  const envKeys = Boolean(env.AWS_ACCESS_KEY_ID);
  if (!envKeys && differ((r) => r.chain.map((c) => FAMILY[c] ?? c))) out.push('source');
  if (differ((r) => r.loginSession)) out.push('login_session');
  if (differ((r) => r.ssoSession)) out.push('sso_session');
  // Only AWS_REGION set: config.region (region-env-python) explains it for login profiles.
  const regionEnvOnly = env.AWS_REGION !== undefined && env.AWS_DEFAULT_REGION === undefined;
  if (!regionEnvOnly && differ((r) => r.region)) out.push('region');
  return out;
}

function pathFindings(views: Record<Consumer, ConsumerView>, env: Readonly<Record<string, string | undefined>>, target: ShellTarget, platform: NodeJS.Platform): FindingInput[] {
  const findings: FindingInput[] = [];
  for (const [variable, key] of [
    ['AWS_CONFIG_FILE', 'config'],
    ['AWS_SHARED_CREDENTIALS_FILE', 'credentials'],
  ] as const) {
    const raw = envValue(env, platform, variable);
    if (raw === undefined) continue;
    const paths = MODELLED.map((c) => [c, views[c].files.paths[key]] as const);
    const problems: string[] = [];
    if (raw === '') problems.push(`it is empty: botocore and the AWS CLI read no ${key} file at all, the JS SDK falls back to ~/.aws/${key}`);
    if (raw.includes('$') || (platform === 'win32' && /%[^%]+%/.test(raw))) problems.push('botocore and the AWS CLI expand variables in it, the JS SDK does not');
    if (raw.startsWith('~') && !raw.startsWith('~/')) problems.push('only botocore and the AWS CLI expand this form of ~');
    if (key === 'config' && raw.startsWith('~/')) problems.push('the JS SDK expands ~/ for profiles but not when it looks up [sso-session] sections, so its SSO profiles fail ("Cannot read properties of undefined (reading \'sso_region\')")');
    if (raw !== '' && !pathApi(platform).isAbsolute(raw) && !raw.startsWith('~') && !raw.startsWith('$') && !raw.startsWith('%')) problems.push('it is relative, so it names a different file in every folder a tool runs from');
    if (!problems.length) continue;
    findings.push({
      code: 'config-path-env',
      status: 'warn',
      title: `${variable} is read differently by the SDKs`,
      detail: `${variable}=${visibleName(raw)}: ${problems.join('; ')}.\n${paths.map(([c, p]) => `${CONSUMER_LABELS[c]} reads ${p === '' ? 'no file' : p}`).join('\n')}`,
      fix: {
        text: `Set ${variable} to an absolute path, or unset it to use ~/.aws/${key}.`,
        commands: [unsetEnv(target, [variable])],
      },
      evidence: { variable, value: raw, paths: Object.fromEntries(paths) },
    });
  }
  return findings;
}

/**
 * AWS_LOGIN_CACHE_DIRECTORY empty or relative: every consumer looks for the login cache under the folder a tool runs
 * from (an empty value is the folder '' for botocore and the JS SDK alike). `~` and `$VAR` are login-cache-dir-unexpanded.
 */
function loginCacheDirFinding(ctx: Context, target: ShellTarget): FindingInput[] {
  const raw = envValue(ctx.env, ctx.platform, 'AWS_LOGIN_CACHE_DIRECTORY');
  if (raw === undefined || (pathApi(ctx.platform).isAbsolute(raw) && raw !== '') || /^[~$%]/.test(raw)) return [];
  const dirs = resolvedLoginCacheDirs(ctx.env, ctx.home, ctx.platform, ctx.cwd);
  return [
    {
      code: 'config-path-env',
      status: 'warn',
      title: `AWS_LOGIN_CACHE_DIRECTORY ${raw === '' ? 'is empty' : 'is relative'}: the login cache moves with the working folder`,
      detail:
        `AWS_LOGIN_CACHE_DIRECTORY=${visibleName(raw)}: ${raw === '' ? 'botocore, the AWS CLI and the JS SDK take a set-but-empty value as the folder "", not as unset' : 'it is relative'}, ` +
        `so each looks for the login cache in ${raw === '' ? 'the folder a tool runs from' : 'a folder under the one a tool runs from'} (here ${dirs.botocore}). ` +
        'A login made in one folder is not found from another.',
      fix: { text: 'Set AWS_LOGIN_CACHE_DIRECTORY to an absolute folder, or unset it to use ~/.aws/login/cache.', commands: [unsetEnv(target, ['AWS_LOGIN_CACHE_DIRECTORY'])] },
      evidence: { variable: 'AWS_LOGIN_CACHE_DIRECTORY', value: raw, paths: Object.fromEntries(MODELLED.map((c) => [c, c === 'js' ? dirs.js : dirs.botocore])) },
    },
  ];
}

function nameFindings(views: Record<Consumer, ConsumerView>, flag: string | null, target: ShellTarget): FindingInput[] {
  const findings: FindingInput[] = [];
  const seen = new Set<string>();
  for (const c of MODELLED) {
    const { profile: name, profileFrom: from } = views[c].selected;
    // eslint-disable-next-line no-control-regex
    if (from === 'default' || seen.has(name) || !(name !== name.trim() || /[\x00-\x1f\x7f]/.test(name) || name === '')) continue;
    seen.add(name);
    const trimmed = name.trim();
    const exists = (n: string) => MODELLED.some((k) => views[k].files.profiles.has(n));
    const commands: string[] = [];
    if (trimmed && exists(trimmed) && !exists(name)) commands.push(from === '--profile' ? `login-doctor --profile ${quoteName(target, trimmed)}` : setEnv(target, from, trimmed));
    else if (from !== '--profile') commands.push(unsetEnv(target, [from]));
    if (exists(name)) commands.push(`aws configure list --profile ${quoteName(target, name)}`);
    findings.push({
      code: 'profile-name-unusual',
      status: 'warn',
      title: `The profile name from ${from} is ${visibleName(name)}`,
      detail:
        `${from} names ${visibleName(name)}${name === '' ? ' (set but empty)' : ', with spaces or control characters around or inside it'}. ` +
        `Consumers take the name as given: ${MODELLED.map((k) => `${CONSUMER_LABELS[k]} ${outcome(views[k].selected)}`).join('; ')}.` +
        (trimmed && exists(trimmed) && !exists(name) ? ` A profile ${visibleName(trimmed)} exists.` : ''),
      fix: { text: trimmed && exists(trimmed) && !exists(name) ? `Name the profile without the stray characters.` : `Unset ${from} or set it to an existing profile.`, commands },
      evidence: { from, profile: name, flag },
    });
  }
  return findings;
}

const KIND_LABEL: Partial<Record<ProfileKind, string>> = { login: 'aws login', sso: 'IAM Identity Center', 'sso-legacy': 'IAM Identity Center, legacy', static: 'static keys', process: 'credential_process' };

/** The role chain of the selected profile: where its session really lives, or why there is none. */
function chainFindings(config: AwsConfig, views: Record<Consumer, ConsumerView>, name: string, where: ShellWhere): FindingInput[] {
  const target = shellOf(where);
  const chain = sessionChain(config, name);
  if (chain.profiles.length < 2 && !chain.problem) return [];
  const shown = chain.profiles.map(visibleName).join(' -> ');
  if (chain.problem === 'loop' || chain.problem === 'missing-source') {
    const last = chain.profiles[chain.profiles.length - 1]!;
    const referrer = chain.profiles[chain.profiles.length - 2]!;
    return [
      {
        code: 'credential-chain-broken',
        status: 'fail',
        title: chain.problem === 'loop' ? `source_profile loops: ${shown}` : `Profile ${visibleName(referrer)} uses source_profile ${visibleName(last)}, which does not exist`,
        detail: MODELLED.map((c) => `${CONSUMER_LABELS[c]}: ${outcome(views[c].selected)}`).join('\n'),
        fix: {
          text: `Point source_profile of ${visibleName(referrer)} at the profile that holds your session (an aws login, SSO or static-keys profile).`,
          commands: [],
        },
        evidence: { chain: chain.profiles, problem: chain.problem },
      },
    ];
  }
  if (!chain.holder) return [];
  const holder = config.profiles.get(chain.holder);
  const kind = holder ? profileKind(holder) : 'none';
  const label = `${shown} (${KIND_LABEL[kind] ?? kind})`;
  const findings: FindingInput[] = [
    {
      code: 'credential-chain',
      status: 'pass',
      title: `Role chain: ${label}`,
      detail: `The session that matters is the one of profile ${visibleName(chain.holder)}: the cache, region and live checks diagnose it.\n${MODELLED.map((c) => `${CONSUMER_LABELS[c]}: ${outcome(views[c].selected)}`).join('\n')}`,
      evidence: { chain: chain.profiles, holder: chain.holder, kind },
    },
  ];
  if (kind === 'login') {
    const bridge = loginBridge(where, chain.holder);
    findings.push({
      code: 'role-on-login-unsupported',
      status: 'info',
      title: `Some SDKs cannot assume a role from the aws login profile ${visibleName(chain.holder)}`,
      detail:
        `botocore, the AWS CLI v2 and the JS SDK chain ${shown}. ${Object.values(ROLE_ON_LOGIN_GAPS).map((g) => `${g.consumer} does not${g.error ? ` ("${g.error}")` : ''} (${g.source})`).join('; ')}. ` +
        `If a tool like these uses profile ${visibleName(name)}, give the role a credential_process source that hands it the login credentials (${LOGIN_PROCESS_BRIDGE.source}).`,
      fix: {
        text: `Only for those tools: add a bridge profile and make it the role's source_profile.`,
        commands: [
          bridge.command,
          `aws configure set source_profile ${quoteName(target, bridge.profile)} --profile ${quoteName(target, chain.profiles[chain.profiles.length - 2]!)}`,
        ],
      },
      evidence: { chain: chain.profiles, holder: chain.holder, consumers: Object.values(ROLE_ON_LOGIN_GAPS).map((g) => g.consumer) },
    });
  }
  return findings;
}

export const consumersCheck: Check = {
  id: 'config.consumers',
  title: 'What each SDK and CLI makes of the files and environment',
  category: 'config',
  touches: ['files'],
  async run(ctx) {
    const views = await consumerViews(ctx);
    const target = shellOf(ctx);
    const findings: FindingInput[] = [...pathFindings(views, ctx.env, target, ctx.platform), ...loginCacheDirFinding(ctx, target)];
    // A file too large to read (config-file-too-large): what the consumers make of it is not known here.
    if (MODELLED.some((c) => views[c].files.tooLarge)) return findings;
    findings.push(...nameFindings(views, ctx.options.profile, target));
    if (!ctx.options.allProfiles) {
      const { config } = await loadConfig(ctx);
      findings.push(...chainFindings(config, views, selectedProfile(ctx.env, ctx.options.profile).name, ctx));
      const aspects = differences(views, ctx.env);
      if (aspects.length) {
        findings.push({
          code: 'config-consumers-disagree',
          status: 'warn',
          title: `The SDKs read the set-up differently: ${aspects.map((a) => ASPECT_WORDS[a]).join(', ')}`,
          detail: MODELLED.map((c) => `${CONSUMER_LABELS[c]}: ${outcome(views[c].selected)}`).join('\n'),
          fix: {
            text: 'Write the files so every reader agrees: one [section] per profile, `key = value` lines without indentation or trailing comments, and no empty profile variables.',
            commands: [],
          },
          evidence: { aspects, consumers: Object.fromEntries(MODELLED.map((c) => [c, outcome(views[c].selected)])) },
          // Without any profile the readers differ only in how they report the missing or unreadable file: config.files says why.
          ...(config.profiles.size === 0 ? { consequenceOf: { codes: ['config-files-missing', 'config-file-unreadable'] } } : {}),
        });
      }
    }
    return findings;
  },
};
