import type { TokenFormat, TokenState } from '../aws/refreshable-token.js';
import type { Context } from '../engine/context.js';
import type { Fix, FindingInput, Status } from '../engine/finding.js';
import { maskKeyId } from '../engine/secrets.js';
import { pythonInstallTarget } from '../checks/tools/python.js';
import type { RefreshCode } from '../knowledge/error-signature.js';
import { CLI_INSTALL_GUIDE, cliUpdateCommands, type CliInstallMethod } from '../knowledge/aws-cli-install.js';
import { FLOORS, RECOMMENDED_PYTHON_PINS } from '../knowledge/floors.js';
import { pythonUpgradeFix, type PythonInstallTarget } from '../knowledge/python-fixes.js';
import { classifyRefreshFailure } from '../knowledge/refresh-signatures.js';
import { awsConfigureSet, awsLogin, awsSsoLogin, shellOf, shellQuote } from '../knowledge/shell.js';
import { clockFix } from '../knowledge/sts.js';
import { probePython } from '../probes/python-probe.js';
import type { ConsumerRun, RefreshConsumer } from '../probes/refresh-consumers.js';

/** What the cache file looked like after one consumer ran. */
export interface DiskAfter {
  changed: boolean;
  token: TokenState | null;
  /** Problems when the file is no longer a complete login token. */
  problems: string[];
  mode: number;
}

export interface Judgement {
  code: RefreshCode;
  refreshedOnDisk: boolean;
  /** Why the disk does or does not show a refresh, in words. */
  diskNote: string;
}

/**
 * A refresh counts only when the disk shows it (new access key id and new refresh token for login, new access
 * token for SSO, expiry moved past now, complete JSON) and the consumer's STS call then worked (for login: with
 * that key). A consumer that "succeeds" without it read old keys, and the JS SDK (from FLOORS.jsLoginFreshCache) even hides a
 * failed login refresh behind a warning (aws/aws-sdk-js-v3 PR #8216).
 */
export function judgeConsumer(kind: TokenFormat['kind'], before: TokenState, disk: DiskAfter, run: ConsumerRun, now: Date): Judgement {
  const after = disk.token;
  const refreshedOnDisk =
    disk.changed &&
    after !== null &&
    // SSO-OIDC may or may not rotate the refresh token; Sign-In answers every refresh with a new one (CreateOAuth2Token in boto/botocore data/signin service-2.json).
    (kind === 'sso' || after.refreshToken !== before.refreshToken) &&
    after.credentialId !== before.credentialId &&
    after.expiresAt.getTime() > now.getTime() &&
    after.expiresAt.getTime() > before.expiresAt.getTime();
  // SSO consumers sign with role credentials from GetRoleCredentials, which the token file does not hold.
  const keyMatches = kind === 'sso' || run.accessKeyId === null || (after !== null && run.accessKeyId === after.credentialId);
  const said = [run.errorText, ...run.warnings].filter((t): t is string => Boolean(t)).join('\n');
  if (refreshedOnDisk && run.stsOk && keyMatches) {
    return { code: 'refresh-ok', refreshedOnDisk, diskNote: kind === 'sso' ? 'new SSO access token, later expiry' : 'new access key, new refresh token, later expiry' };
  }
  if (refreshedOnDisk) {
    const code = run.errorText ? classifyRefreshFailure(run.errorText) : 'refresh-unknown';
    const why = run.stsOk ? 'but the consumer signed its STS call with a different key than the one on disk' : 'but its STS call with the new key failed';
    return { code, refreshedOnDisk, diskNote: `the cache was refreshed, ${why}` };
  }
  if (disk.changed && !after) {
    return { code: 'refresh-unknown', refreshedOnDisk, diskNote: `the consumer rewrote the cache into an unusable file (${disk.problems.join('; ')})` };
  }
  if (disk.changed) return { code: said ? classifyRefreshFailure(said) : 'refresh-unknown', refreshedOnDisk, diskNote: 'the consumer rewrote the cache but the tokens did not rotate' };
  if (said) {
    const code = classifyRefreshFailure(said);
    if (code !== 'refresh-unknown' || !run.stsOk) return { code, refreshedOnDisk, diskNote: 'the cache on disk is unchanged' };
  }
  return { code: 'refresh-not-attempted', refreshedOnDisk, diskNote: 'the cache on disk is unchanged' };
}

const STATUS: Record<RefreshCode, Status> = {
  'refresh-ok': 'pass',
  'refresh-not-attempted': 'fail',
  'refresh-awscrt-missing': 'fail',
  'refresh-awscrt-no-padded-signature': 'fail',
  'refresh-no-region': 'fail',
  'refresh-session-expired': 'fail',
  'refresh-password-changed': 'fail',
  'refresh-permission-denied': 'fail',
  'refresh-invalid-grant': 'fail',
  // The doctor cannot judge a refresh it could not deliver (same rule as network-unreachable).
  'refresh-network': 'skip',
  'refresh-clock-skew': 'fail',
  'refresh-unknown': 'fail',
};

const SUMMARY: Record<RefreshCode, string> = {
  'refresh-ok': 'refreshed',
  'refresh-not-attempted': 'did not refresh',
  'refresh-awscrt-missing': 'cannot refresh: awscrt is missing',
  'refresh-awscrt-no-padded-signature': 'cannot refresh: awscrt is too old for this botocore',
  'refresh-no-region': 'cannot refresh: no region',
  'refresh-session-expired': 'cannot refresh: the session has expired',
  'refresh-password-changed': 'cannot refresh: the password changed since login',
  'refresh-permission-denied': 'cannot refresh: signin:CreateOAuth2Token is not allowed',
  'refresh-invalid-grant': 'cannot refresh: Sign-In rejected the refresh token',
  'refresh-network': 'could not reach Sign-In',
  'refresh-clock-skew': 'requests rejected: the clock is off',
  'refresh-unknown': 'refresh failed',
};

export interface FixContext {
  kind: TokenFormat['kind'];
  platform: NodeJS.Platform;
  env: Context['env'];
  profile: string;
  /** A region to suggest when none is configured. */
  region: string;
  /** How to install into each Python consumer, by its command; absent when its probe failed. */
  pythons: ReadonlyMap<string, PythonInstallTarget>;
  /** How each AWS CLI consumer was installed, by its command. */
  clis: ReadonlyMap<string, CliInstall>;
}

export interface CliInstall {
  major: number;
  method: CliInstallMethod;
}

/** What the fixes need to know, probing each Python consumer once for the way its environment is managed. */
export async function refreshFixContext(
  ctx: Context,
  kind: TokenFormat['kind'],
  profile: string,
  region: string,
  consumers: readonly RefreshConsumer[],
  clis: ReadonlyMap<string, CliInstall>,
): Promise<FixContext> {
  const pythons = new Map<string, PythonInstallTarget>();
  const commands = [...new Set(consumers.flatMap((c) => (c.kind === 'python' && c.command ? [c.command] : [])))];
  await Promise.all(
    commands.map(async (command) => {
      const probe = await probePython(ctx, command);
      if (probe.report) pythons.set(command, pythonInstallTarget(command, probe.report));
    }),
  );
  return { kind, platform: ctx.platform, env: ctx.env, profile, region, pythons, clis };
}

/** The AWS CLI v1 runs on the pip botocore of its own Python, which `aws --version` does not name by path. */
function cliV1Note(consumer: RefreshConsumer): string {
  return consumer.kind === 'cli' ? ' The AWS CLI v1 uses the botocore of the Python it is installed in: run pip of that Python (or switch to AWS CLI v2, which bundles awscrt).' : '';
}

/** The upgrade for this consumer's Python, the way its environment is managed (pipx, conda, venv, system...). */
function pythonFix(consumer: RefreshConsumer, f: FixContext, why: string): Fix {
  const cli = consumer.kind === 'cli' && consumer.command ? f.clis.get(consumer.command) : undefined;
  if (cli && cli.major >= 2) return cliV2AwscrtFix(cli, f);
  const target = consumer.command ? f.pythons.get(consumer.command) : undefined;
  if (target) return pythonUpgradeFix(f, target, why);
  // The AWS CLI v1 (or a Python whose probe failed): its environment is unknown, so the plain pip command.
  const pins = RECOMMENDED_PYTHON_PINS.map((p) => shellQuote(shellOf(f), p)).join(' ');
  return { text: `${why}${cliV1Note(consumer)}`, commands: [`pip install --upgrade ${pins}`] };
}

/**
 * AWS CLI v2 carries its own awscrt: pip cannot reach it. The official installers bundle a matching one, so the CLI
 * itself is updated; a CLI built from source (Homebrew, distributions) imports the awscrt of its own Python, which
 * its package manager upgrades.
 */
function cliV2AwscrtFix(cli: CliInstall, f: FixContext): Fix {
  const commands = cliUpdateCommands(cli.method, f, process.arch);
  const text =
    cli.method === 'installer'
      ? `This AWS CLI v2 comes from the official installer, which bundles its own awscrt (pip does not reach it): update the CLI to ${FLOORS.cliPaddedDpop.version} or later (${CLI_INSTALL_GUIDE}).`
      : `This AWS CLI v2 was built from source and imports the awscrt of its own Python, not one pip installs for you: upgrade it through the package manager that installed it, so that it comes with awscrt >= ${FLOORS.awscrtPaddedDpop.version}, or install the official AWS CLI v2, which bundles a matching awscrt (${CLI_INSTALL_GUIDE}).`;
  return { text, commands };
}

export function fixFor(code: RefreshCode, consumer: RefreshConsumer, f: FixContext): Fix | null {
  // The user's shell, like every fix of the diagnosis: cmd.exe and Git Bash users get their own forms.
  const shell = shellOf(f);
  const q = (v: string) => shellQuote(shell, v);
  const login = f.kind === 'sso' ? awsSsoLogin(shell, f.profile) : awsLogin(shell, f.profile);
  switch (code) {
    case 'refresh-ok':
      return null;
    case 'refresh-awscrt-missing':
      return pythonFix(consumer, f, 'botocore signs the refresh (DPoP) with awscrt, so it must be installed in the same Python environment ("botocore[crt]").');
    case 'refresh-awscrt-no-padded-signature':
      return pythonFix(consumer, f, `Upgrade awscrt to ${FLOORS.awscrtPaddedDpop.version} or later in this environment: ${FLOORS.awscrtPaddedDpop.why}.`);
    case 'refresh-no-region':
      return {
        text: 'Give the profile the region you ran `aws login` in: the refresh call goes to that region\'s Sign-In endpoint. pip botocore reads only the profile or AWS_DEFAULT_REGION (not AWS_REGION).',
        commands: [awsConfigureSet(shell, 'region', f.region, f.profile)],
      };
    case 'refresh-session-expired':
      return {
        text:
          f.kind === 'sso'
            ? 'The SSO session or its client registration has expired, so the token cannot be refreshed: sign in to the SSO session again.'
            : 'The login session is over (sessions last up to 12 hours, or the password changed): log in again.',
        commands: [login],
      };
    case 'refresh-password-changed':
      return { text: 'The password changed after the login: log in again with the new password.', commands: [login] };
    case 'refresh-permission-denied':
      return {
        text: 'Your IAM identity may not call signin:CreateOAuth2Token. Ask an administrator to attach the AWS managed policy SignInLocalDevelopmentAccess (signin:AuthorizeOAuth2Access, signin:CreateOAuth2Token), then log in again.',
        commands: [login],
      };
    case 'refresh-invalid-grant':
      return {
        text: 'Sign-In rejected the refresh token: the profile region differs from the region used at login, or another program refreshed the same session at the same moment and the token rotated. Check the region, then log in again.',
        commands: [login],
      };
    case 'refresh-network':
      return { text: 'The Sign-In endpoint could not be reached: check the network, proxy (HTTPS_PROXY) and AWS_ENDPOINT_URL* variables, then run the test again.', commands: [] };
    case 'refresh-clock-skew': {
      const clock = clockFix(f.platform, f.env);
      return { text: `The system clock is off; Sign-In and STS reject requests whose time differs by more than a few minutes. ${clock.text}`, commands: clock.commands };
    }
    case 'refresh-not-attempted':
      return {
        text:
          consumer.kind === 'js'
            ? `The SDK used the cached keys without refreshing them. Use @aws-sdk/credential-provider-login ${FLOORS.jsLoginFreshCache.version} or later and check which credential source wins with login-doctor.`
            : `This consumer did not refresh the login token: another credential source may win for this profile, or it is older than botocore ${FLOORS.botocoreLogin.version} / AWS CLI ${FLOORS.cliLogin.version}. Run login-doctor to see which source wins.`,
        commands: [`login-doctor --profile ${q(f.profile)}`],
      };
    case 'refresh-unknown':
      return { text: 'The refresh failed in a way login-doctor does not recognise; the consumer\'s own message is quoted above. Logging in again usually clears it.', commands: [login] };
  }
}

export function consumerFinding(consumer: RefreshConsumer, judgement: Judgement, run: ConsumerRun, disk: DiskAfter, fixContext: FixContext): FindingInput {
  const { code } = judgement;
  const seconds = (run.durationMs / 1000).toFixed(1);
  const lines = [`Result on disk: ${judgement.diskNote}.`];
  if (run.stsOk) lines.push(`STS GetCallerIdentity worked${run.arn ? ` as ${run.arn}` : ''}.`);
  if (run.errorText) lines.push(`${consumer.label} said:`, quote(run.errorText));
  if (run.warnings.length > 0) lines.push('Warnings it printed:', quote(run.warnings.slice(-10).join('\n')));
  // On Windows the mode is only the read-only flag (0666/0444); the folder's ACL decides who reads the file.
  const modeOk = fixContext.platform === 'win32' || (disk.mode & 0o777) === 0o600;
  let status = STATUS[code];
  if (code === 'refresh-ok' && !modeOk) {
    status = 'warn';
    lines.push(`The refreshed cache file now has mode ${(disk.mode & 0o777).toString(8)}, not 600: other users may read it.`);
  }
  // On success, when the new keys run out: the one number a user checks after a refresh.
  const newExpiry = code === 'refresh-ok' && disk.token ? disk.token.expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
  return {
    code,
    status,
    title: `${consumer.label}: ${SUMMARY[code]} (${seconds} s)${newExpiry ? `; new expiry ${newExpiry}` : ''}`,
    detail: lines.join('\n'),
    fix: fixFor(code, consumer, fixContext),
    evidence: {
      consumer: consumer.id,
      kind: consumer.kind,
      command: consumer.command,
      durationMs: run.durationMs,
      refreshedOnDisk: judgement.refreshedOnDisk,
      stsOk: run.stsOk,
      timedOut: run.timedOut,
      newAccessKeyId: fixContext.kind === 'login' && judgement.refreshedOnDisk && disk.token ? maskKeyId(disk.token.credentialId) : null,
      cacheMode: (disk.mode & 0o777).toString(8),
      newExpiresAt: newExpiry,
    },
  };
}

function quote(text: string): string {
  return text
    .trim()
    .split('\n')
    .slice(-20)
    .map((l) => `  > ${l}`)
    .join('\n');
}
