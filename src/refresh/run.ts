import { getSetting, profileKind, sessionChain } from '../aws/config.js';
import { selectedProfile } from '../aws/profile-selection.js';
import { LOGIN_FORMAT, loginTokenPath, SSO_FORMAT, ssoTokenPath, type TokenFormat } from '../aws/refreshable-token.js';
import { loadConfig } from '../checks/aws-config.js';
import { awsCliCheck } from '../checks/tools/aws-cli.js';
import type { Context } from '../engine/context.js';
import type { Finding, FindingInput } from '../engine/finding.js';
import { normalizeFinding, runChecks, type CheckReport } from '../engine/runner.js';
import { awsLogin, awsSsoLogin, moveFile, removeFiles, shellOf, shellQuote, signInOf, type ShellKind } from '../knowledge/shell.js';
import { CacheGuard, GuardError, guardPaths, nodeGuardIo, type GuardIo } from '../probes/cache-guard.js';
import { runCliConsumer, runJsConsumer, runPythonConsumer, type ConsumerEnv, type ConsumerRun, type RefreshConsumer } from '../probes/refresh-consumers.js';
import { pauseAt } from '../probes/test-pause.js';
import { discoverConsumers } from './consumers.js';
import { guardFinding, OUTCOME_TEXT, recoveryFinding } from './guard-findings.js';
import { confirmSsoSessionOver, consumerFinding, judgeConsumer, refreshFixContext, ssoOidcEndpoint } from './judge.js';

import type { Via } from './via.js';

export const REFRESH_CHECK = { id: 'refresh-test', title: 'Forced refresh test', category: 'live' as const };

/**
 * The expiry written before each consumer runs: already past, so every consumer must call Sign-In to get
 * working keys. Merely "soon" is not enough: the JS SDK (from FLOORS.jsLoginFreshCache on) answers a failed refresh
 * of a still-valid token with the old keys and a logged warning, and botocore refreshes only when 300 s or less
 * remain.
 */
const SHORTENED_BY_MS = -60_000;

export interface RefreshTestOptions {
  via: readonly Via[];
  /** Interpreters named with --python (relative to ctx.cwd); empty: every interpreter found. */
  pythons: readonly string[];
  consumerTimeoutMs: number;
  /** Consent given up front (--yes). */
  yes: boolean;
  /** Shows the plan and asks; null when nobody can answer (no terminal, CI). */
  confirm(plan: string): Promise<boolean | null>;
  /** Aborted on SIGINT/SIGTERM, with the signal name as reason: the cache is put back and the test stops. */
  signal: AbortSignal;
  /** Progress while consumers run: `finding` is absent when the consumer starts. */
  onConsumer?(consumer: RefreshConsumer, finding?: Finding): void;
  /** The cache guard's file system (tests: Windows errors); default node:fs with ctx.platform's rules. */
  guardIo?: GuardIo;
}

export type RefreshTestEnd = 'done' | 'needs-confirmation' | 'declined' | 'interrupted';

export interface RefreshTestResult {
  profile: string;
  /**
   * The refresh pseudo-check's result, so every renderer takes it as it takes a diagnosis; then tools.aws-cli's
   * findings when they block a sign-in a fix asks for.
   */
  results: CheckReport[];
  end: RefreshTestEnd;
}

/** How the backup is kept private: a mode on POSIX; on Windows the folder's ACL, which a new file inherits. */
function privateNote(platform: NodeJS.Platform): string {
  return platform === 'win32' ? "with the folder's access rights (ACL)" : 'mode 0600';
}

function explanation(profile: string, format: TokenFormat, cachePath: string, consumers: readonly RefreshConsumer[], platform: NodeJS.Platform): string {
  return [
    `login-doctor refresh-test will, for profile ${profile}:`,
    `  1. lock and back up ${cachePath} (${privateNote(platform)}, beside it),`,
    `  2. before each consumer, set ${format.expiryPath.join('.')} in the past (nothing else changes), so it must refresh:`,
    ...consumers.map((c) => `       - ${c.label}`),
    '  3. check on disk that each one rotated the tokens, and that its STS GetCallerIdentity call worked,',
    '  4. put the original expiry back if nothing refreshed, or keep the newest tokens; remove backup and lock.',
    'Each refresh rotates your refresh token; the session itself is not ended.',
  ].join('\n');
}

function runConsumer(consumer: RefreshConsumer, env: ConsumerEnv): Promise<ConsumerRun & { unavailable?: string | null }> {
  if (consumer.kind === 'js') return runJsConsumer(env);
  if (consumer.kind === 'python') return runPythonConsumer(consumer.command!, env);
  return runCliConsumer(consumer.command!, env);
}

/**
 * `login-doctor refresh-test` without the terminal: checks the profile and its cache, finds the consumers, asks
 * for consent, then makes each consumer refresh under the cache guard and judges it from disk and STS.
 */
export async function runRefreshTest(ctx: Context, options: RefreshTestOptions): Promise<RefreshTestResult> {
  const selected = selectedProfile(ctx.env, ctx.options.profile).name;
  const shell = shellOf(ctx);
  const findings: FindingInput[] = [];
  const { config } = await loadConfig(ctx);
  // A role profile refreshes nothing itself: the session that refreshes is its source profile's.
  const chain = sessionChain(config, selected);
  const profile = chain.holder ?? selected;
  if (profile !== selected) {
    findings.push({
      code: 'refresh-test-source-profile',
      status: 'info',
      title: `Profile ${selected} assumes a role with the session of profile ${profile}: testing ${profile}`,
      detail: `${chain.profiles.join(' -> ')}. Refreshing ${profile}'s token is what keeps ${selected} working.`,
      evidence: { chain: chain.profiles, tested: profile },
    });
  }
  const done = async (end: RefreshTestEnd): Promise<RefreshTestResult> => {
    const normalized = findings.map((f) => normalizeFinding(f, REFRESH_CHECK.id, ctx));
    // Not after Ctrl-C, a refusal or a "no": nothing more is run then.
    const tools = end === 'done' ? await signInBlockers(ctx, normalized, options.consumerTimeoutMs) : [];
    return { profile, results: [{ check: REFRESH_CHECK, findings: normalized, durationMs: 0 }, ...tools], end };
  };

  // 1. Preconditions: a login or sso-session profile with a healthy cache.
  const data = config.profiles.get(profile);
  const kind = data ? profileKind(data) : 'none';
  const ssoSession = data && kind === 'sso' ? getSetting(data, 'sso_session')!.value : null;
  if (!data || (kind !== 'login' && kind !== 'sso')) {
    findings.push({
      code: 'refresh-test-not-login-profile',
      status: 'fail',
      title: `Profile ${profile} has no login or SSO token to refresh`,
      detail:
        kind === 'sso-legacy'
          ? 'It is a legacy SSO profile (sso_start_url without sso_session): its token is never refreshed, only replaced by `aws sso login`. Move the SSO settings to an [sso-session NAME] section to get refreshable tokens.'
          : data
            ? `Its credentials come from "${kind}", which has no login_session or sso_session token to refresh.`
            : `There is no profile named ${profile} in ${config.configPath} or ${config.credentialsPath}.`,
      // aws login refuses a profile that already has other credentials: only offer it where it can create one.
      fix: data && kind !== 'none'
        ? { text: 'Pick a login or sso-session profile with --profile (or a role profile whose source_profile is one).', commands: [] }
        : { text: 'Log in with the console credentials for this profile, or pick a login or sso-session profile with --profile.', commands: [awsLogin(shell, profile)] },
      evidence: { profileKind: kind },
    });
    return done('done');
  }
  const format = ssoSession !== null ? SSO_FORMAT : LOGIN_FORMAT;
  const relogin = ssoSession !== null ? awsSsoLogin(shell, profile) : awsLogin(shell, profile);
  const cachePath =
    ssoSession !== null
      ? ssoTokenPath(ctx.home, ctx.platform, ssoSession)
      : loginTokenPath(ctx.env, ctx.home, ctx.platform, ctx.cwd, getSetting(data, 'login_session')!.value);
  const read = await ctx.fs.readText(cachePath, 1024 * 1024);
  const token = read.ok ? format.read(read.text) : null;
  if (token) for (const s of token.secrets) ctx.secrets.add(s);
  if (!token?.ok) {
    const backup = guardPaths(cachePath, ctx.platform).backup;
    const kept = !read.ok && read.reason === 'missing' && (await ctx.fs.stat(backup))?.kind === 'file';
    findings.push({
      code: 'refresh-test-cache-unhealthy',
      status: 'fail',
      title: `The ${format.kind === 'sso' ? 'SSO' : 'login'} token cache for profile ${profile} is not usable, so there is nothing to refresh`,
      detail:
        (read.ok ? `${cachePath}: ${token && !token.ok ? token.problems.join('; ') : ''}` : `${cachePath}: ${read.reason} (${read.message})`) +
        (kept ? `\nA backup from an earlier refresh-test is at ${backup}: the cache was deleted while that test ran, before any refresh.` : ''),
      fix: kept
        ? { text: 'Move the backup back to keep using the session, or delete it and sign in again.', commands: [moveFile(shell, backup, cachePath)] }
        : { text: 'Sign in again; the main report (login-doctor) explains the cache problem in detail.', commands: [relogin] },
      evidence: { path: cachePath, backup: kept ? backup : null },
    });
    return done('done');
  }

  const { consumers, unavailable, invalid, clis } = await discoverConsumers(ctx, format, options.via, options.pythons);
  if (invalid.length > 0) {
    findings.push(...invalid);
    return done('done');
  }
  findings.push(...unavailable);
  if (consumers.length === 0) return done('done');

  // 2. Consent: this edits the user's only copy of the session.
  if (!options.yes) {
    const plan = explanation(profile, format, cachePath, consumers, ctx.platform);
    const answer = await options.confirm(plan);
    if (answer === null) {
      findings.push({
        code: 'refresh-test-needs-confirmation',
        status: 'fail',
        title: 'refresh-test needs confirmation: no terminal to ask on, and --yes was not given',
        detail: plan,
        fix: { text: 'Run it in a terminal and answer the question, or confirm up front with --yes.', commands: [`login-doctor refresh-test --profile ${shellQuote(shell, profile)} --yes`] },
        evidence: {},
      });
      return done('needs-confirmation');
    }
    if (!answer) return done('declined');
  }

  // 3–7. Lock, back up, shorten before each consumer, judge from disk, restore, also on SIGINT/SIGTERM.
  const signal = options.signal;
  const events = { step: (name: string) => pauseAt(ctx.env, name, signal), now: () => ctx.now(), secret: (v: string) => ctx.secrets.add(v) };
  let guard: CacheGuard | null = null;
  let interruptedAt: string | null = null;
  try {
    guard = await CacheGuard.open(cachePath, format, events, options.guardIo ?? nodeGuardIo(ctx.platform));
    const recovered = recoveryFinding(guard.recovery);
    if (recovered) findings.push(recovered);
    const region = getSetting(data, 'region')?.value ?? ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION ?? 'us-east-1';
    const fixContext = await refreshFixContext(ctx, format.kind, profile, region, consumers, clis);
    const consumerEnv: ConsumerEnv = { env: ctx.env, profile, token: format.kind, stsRegion: region, timeoutMs: options.consumerTimeoutMs, spawn: ctx.spawn, abort: signal };
    for (const consumer of consumers) {
      if (signal.aborted) break;
      await guard.shorten(new Date(ctx.now().getTime() + SHORTENED_BY_MS));
      await events.step(`shortened:${consumer.id}`);
      if (signal.aborted) break;
      options.onConsumer?.(consumer);
      const run = await runConsumer(consumer, consumerEnv);
      // Stopped by Ctrl-C while it ran: its error says nothing about the session, so it is not judged (refresh-test-interrupted says so).
      const killed = signal.aborted;
      const seen = await guard.observe();
      await events.step(`consumer-done:${consumer.id}`);
      if (killed) {
        interruptedAt = consumer.label;
        break;
      }
      let finding: FindingInput;
      if ('unavailable' in run && run.unavailable) {
        finding = { code: 'refresh-test-consumer-unavailable', status: 'info', title: `${consumer.label}: not tested`, detail: `${run.unavailable}.`, fix: null, evidence: { consumer: consumer.id } };
      } else {
        const disk = {
          changed: seen.changed,
          token: seen.after.token.ok ? seen.after.token.token : null,
          problems: seen.after.token.ok ? [] : seen.after.token.problems,
          mode: seen.after.mode,
        };
        const judged = judgeConsumer(format.kind, seen.before, disk, run, ctx.now());
        const ssoRegion = (ssoSession !== null && config.ssoSessions.get(ssoSession)?.values.get('sso_region')?.value) || region;
        finding = consumerFinding(consumer, await confirmSsoSessionOver(ctx, format.kind, judged, ssoOidcEndpoint(ctx.env, ssoRegion)), run, disk, fixContext);
      }
      findings.push(finding);
      options.onConsumer?.(consumer, normalizeFinding(finding, REFRESH_CHECK.id, ctx));
    }
  } catch (error) {
    if (error instanceof GuardError) findings.push(guardFinding(error, relogin));
    else {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      findings.push({ code: 'check-crashed', status: 'fail', title: 'refresh-test crashed', detail: message, fix: { text: 'This is a login-doctor bug: please report it with this output.', commands: [] }, evidence: { error: message } });
    }
  } finally {
    if (guard) await finishGuard(guard, findings, { cachePath, relogin, shell, platform: ctx.platform });
  }
  if (signal.aborted) {
    findings.push({
      code: 'refresh-test-interrupted',
      status: 'fail',
      title: interruptedAt
        ? `refresh-test was interrupted while ${interruptedAt} ran; it and the consumers after it were not judged`
        : 'refresh-test was interrupted; the consumers after that point did not run',
      detail: 'The cache was put in its final state as after a normal finish (see the cache finding).',
      fix: { text: 'Run the test again to check the remaining consumers.', commands: [`login-doctor refresh-test --profile ${shellQuote(shell, profile)}`] },
      evidence: { exitCode: signal.reason === 'SIGINT' ? 130 : 143 },
    });
    return done('interrupted');
  }
  return done('done');
}

/**
 * When a finding tells the user to sign in, the findings of tools.aws-cli that say the aws on PATH cannot run that
 * sign-in (AWS CLI v1, one too old for `aws login`, none), so the recap installs a CLI first, as after a diagnosis.
 */
async function signInBlockers(ctx: Context, findings: readonly Finding[], timeoutMs: number): Promise<CheckReport[]> {
  const blockers = new Set(
    findings
      .filter((f) => f.status === 'fail' || f.status === 'warn')
      .flatMap((f) => f.fix?.commands ?? [])
      .flatMap((command) => [...(signInOf(command)?.blockedBy ?? [])]),
  );
  if (blockers.size === 0) return [];
  const [tools] = await runChecks([awsCliCheck], ctx, { defaultTimeoutMs: timeoutMs });
  // As in the recap: an info (no aws, but only SSO profiles here) blocks nothing the user was told to run.
  const blocking = tools!.findings.filter((f) => blockers.has(f.code) && (f.status === 'fail' || f.status === 'warn'));
  return blocking.length ? [{ check: tools!.check, findings: blocking, durationMs: tools!.durationMs }] : [];
}

/** Restores or keeps the cache as the guard decides, and says what it did. */
async function finishGuard(guard: CacheGuard, findings: FindingInput[], at: { cachePath: string; relogin: string; shell: ShellKind; platform: NodeJS.Platform }): Promise<void> {
  const { cachePath, relogin } = at;
  try {
    const outcome = await guard.finish();
    if (outcome === 'deleted-backup-kept') {
      const backup = guard.paths.backup;
      // Replaces the generic "changed" finding the failed read raised: this one says where the session is.
      const generic = findings.findIndex((f) => f.code === 'refresh-test-cache-changed');
      if (generic >= 0) findings.splice(generic, 1);
      findings.push({
        code: 'refresh-test-cache-changed',
        status: 'fail',
        title: `The cache file ${cachePath} was deleted by another program during the test`,
        detail: `No consumer had refreshed, so the backup ${backup} still holds the session; login-doctor kept it and did not put it back itself (the deletion may have been on purpose, e.g. aws logout).`,
        fix: { text: 'To keep using the session, move the backup back; otherwise delete it and sign in again.', commands: [moveFile(at.shell, backup, cachePath)] },
        evidence: { backup, path: cachePath },
      });
    } else if (outcome === 'left-changed-by-another-process') {
      if (!findings.some((f) => f.code === 'refresh-test-cache-changed')) {
        findings.push(guardFinding(new GuardError('changed', `The cache file ${cachePath} was replaced by another program during the test; login-doctor left it as it is`), relogin));
      }
    } else {
      const left = guard.leftBehind;
      findings.push({
        code: 'refresh-test-cache-restored',
        status: left.length ? 'warn' : 'pass',
        title: left.length
          ? `The token cache is complete, but ${left.map((p) => p.slice(cachePath.length + 1)).join(' and ')} could not be removed`
          : at.platform === 'win32'
            ? 'The token cache is complete, and backup and lock are removed'
            : 'The token cache is complete, mode 0600, and backup and lock are removed',
        detail:
          OUTCOME_TEXT[outcome] +
          (at.platform === 'win32' ? " On Windows the file's mode means nothing: its folder's access rights (ACL) decide who may read it, and login-doctor's main report checks them." : '') +
          (left.length ? `\nAnother program (a virus scanner, a backup or sync tool) kept ${left.join(' and ')} open. A later refresh-test cleans up after this run; or delete them by hand: the backup holds an older copy of the tokens.` : ''),
        fix: left.length ? { text: 'Delete the leftovers once nothing has them open.', commands: [removeFiles(at.shell, left)] } : null,
        evidence: { outcome, path: cachePath, leftBehind: left },
      });
    }
  } catch (error) {
    findings.push(error instanceof GuardError ? guardFinding(error, relogin) : { code: 'check-crashed', status: 'fail', title: 'refresh-test could not finish restoring the cache', detail: String(error), fix: null, evidence: {} });
  }
}
