import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import semver from 'semver';
import { getSetting, profileKind } from '../aws/config.js';
import { LOGIN_FORMAT, loginTokenPath, SSO_FORMAT, ssoTokenPath, type TokenFormat } from '../aws/refreshable-token.js';
import { selectedProfile } from '../aws/profile-selection.js';
import { loadConfig } from '../checks/aws-config.js';
import { consumerFinding, judgeConsumer, refreshFixContext } from '../checks/live/refresh-test.js';
import type { Context } from '../engine/context.js';
import { exitCodeFor, type FindingInput } from '../engine/finding.js';
import { normalizeFinding } from '../engine/runner.js';
import { FLOORS } from '../knowledge/floors.js';
import type { FindingCode } from '../engine/finding-codes.js';
import { awsLogin, awsSsoLogin, shellQuote } from '../knowledge/shell.js';
import { CacheGuard, GuardError, guardPaths, type Outcome, type Recovery } from '../probes/cache-guard.js';
import { discoverAwsClis, type AwsCli } from '../probes/aws-cli.js';
import { discoverPythons } from '../probes/python-probe.js';
import {
  runCliConsumer,
  runJsConsumer,
  runPythonConsumer,
  type ConsumerEnv,
  type ConsumerRun,
  type RefreshConsumer,
} from '../probes/refresh-consumers.js';
import { pauseAt } from '../probes/test-pause.js';
import { anonymizeFindings } from '../report/anonymize.js';
import { toJsonReport } from '../report/json.js';
import { renderPretty } from '../report/pretty.js';
import { makeStyle } from '../report/style.js';
import { createRealContext } from './context.js';
import { anonymizerFor, isCi, type Io } from './main.js';
import type { Prompt, RefreshTestOptions, Via } from './refresh-test.js';
import { VERSION } from './version.js';

const CHECK_ID = 'refresh-test';

/**
 * The expiry written before each consumer runs: already past, so every consumer must call Sign-In to get
 * working keys. Merely "soon" is not enough: the JS SDK (from FLOORS.jsLoginFreshCache) answers a failed refresh of a still-valid
 * token with the old keys and a logged warning (js-sdk-login.md §1.2), and botocore refreshes only when
 * 300 s or less remain (botocore-login.md §1.6).
 */
const SHORTENED_BY_MS = -60_000;

/** Asks on the terminal; null when stdin or stdout is not a terminal. */
export const terminalPrompt: Prompt = async (question) => {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
};

function explanation(profile: string, format: TokenFormat, cachePath: string, consumers: readonly RefreshConsumer[]): string {
  return [
    `login-doctor refresh-test will, for profile ${profile}:`,
    `  1. lock and back up ${cachePath} (mode 0600, beside it),`,
    `  2. before each consumer, set ${format.expiryPath.join('.')} in the past (nothing else changes), so it must refresh:`,
    ...consumers.map((c) => `       - ${c.label}`),
    '  3. check on disk that each one rotated the tokens, and that its STS GetCallerIdentity call worked,',
    '  4. put the original expiry back if nothing refreshed, or keep the newest tokens; remove backup and lock.',
    'Each refresh rotates your refresh token; the session itself is not ended.',
  ].join('\n');
}

async function discoverConsumers(ctx: Context, format: TokenFormat, via: readonly Via[], pythons: readonly string[]): Promise<{ consumers: RefreshConsumer[]; unavailable: FindingInput[] }> {
  const consumers: RefreshConsumer[] = [];
  const unavailable: FindingInput[] = [];
  const skip = (label: string, why: string, fix: FindingInput['fix'] = null): void => {
    unavailable.push({ code: 'refresh-test-consumer-unavailable', status: 'info', title: `${label}: not tested`, detail: why, fix, evidence: { consumer: label } });
  };
  if (via.includes('js')) {
    const provider = format.kind === 'sso' ? 'fromSSO' : 'fromLoginCredentials';
    consumers.push({ kind: 'js', id: 'js', label: `AWS SDK for JavaScript v3 (in-process, ${provider})`, command: null });
  }
  if (via.includes('python')) {
    // --python names exactly the interpreters to test; without it, every interpreter the diagnosis finds.
    const list =
      pythons.length > 0
        ? pythons.map((path) => ({ path: resolve(ctx.cwd, path), why: '--python' }))
        : (await discoverPythons(ctx)).map((c) => ({ path: c.path, why: c.found[0]?.reason ?? 'found' }));
    if (list.length === 0) skip('Python', 'No Python interpreter found (--python, VIRTUAL_ENV, .venv, python3/python on PATH); name one with --python PATH.');
    list.forEach((py, i) => consumers.push({ kind: 'python', id: `python${i + 1}`, label: `Python ${py.path} (${py.why}, boto3)`, command: py.path }));
  }
  if (via.includes('cli')) {
    // Two PATH entries that run the same program are one consumer.
    const clis: AwsCli[] = [];
    for (const cli of await discoverAwsClis(ctx)) if (!clis.some((c) => c.target === cli.target)) clis.push(cli);
    if (clis.length === 0) skip('AWS CLI', 'No aws on PATH.');
    for (const cli of clis) {
      const version = cli.version?.join('.');
      const botocore = cli.versionLine?.botocore ?? null;
      if (!cli.version || !version) {
        skip(`AWS CLI ${cli.path}`, `Its version could not be read${cli.failure ? `: ${cli.failure.message} ${cli.failure.output}`.trimEnd() : ''}.`);
      } else if (format.kind === 'login' && cli.version[0]! >= 2 && semver.lt(version, FLOORS.cliLogin.version)) {
        // Every AWS CLI that reads sso-session profiles refreshes SSO tokens; only login needs these versions.
        skip(`AWS CLI ${version} (${cli.path})`, `It cannot use login profiles: ${FLOORS.cliLogin.why}.`, { text: `Install AWS CLI v2 ${FLOORS.cliLogin.version} or later.`, commands: [] });
      } else if (format.kind === 'login' && cli.version[0] === 1 && botocore && semver.valid(botocore) && semver.lt(botocore, FLOORS.botocoreLogin.version)) {
        skip(`AWS CLI ${version} (${cli.path})`, `It runs on botocore ${botocore}: ${FLOORS.botocoreLogin.why}.`);
      } else {
        consumers.push({ kind: 'cli', id: `cli${consumers.filter((c) => c.kind === 'cli').length + 1}`, label: `AWS CLI ${version} (${cli.path})`, command: cli.path });
      }
    }
  }
  return { consumers, unavailable };
}

interface GuardFindingSpec {
  code: FindingCode;
  /** `relogin`: the sign-in command for this profile (aws login or aws sso login). */
  fix(relogin: string): FindingInput['fix'];
}

const GUARD_FINDINGS: Record<GuardError['problem'], GuardFindingSpec> = {
  'unsafe-path': {
    code: 'refresh-test-unsafe-path',
    fix: () => ({
      text: 'login-doctor edits only a real file in a real folder: replacing a symbolic link would cut it off from its target. Point AWS_LOGIN_CACHE_DIRECTORY at the real folder, or test by hand.',
      commands: [],
    }),
  },
  locked: {
    code: 'refresh-test-locked',
    fix: () => ({ text: 'Another refresh-test is running on this cache; wait for it to finish. A lock whose process has died is taken over automatically.', commands: [] }),
  },
  unwritable: {
    code: 'refresh-test-cache-unwritable',
    fix: () => ({
      text: 'The cache folder cannot be written (read-only, full disk or permissions). The SDKs cannot save refreshed tokens there either: make the folder writable by you and free some space.',
      commands: [],
    }),
  },
  changed: {
    code: 'refresh-test-cache-changed',
    fix: () => ({
      text: 'Another program (aws login, an SDK, a sync tool) rewrote the cache during the test; login-doctor left the new file as it is and did not restore older data. Run the test again when nothing else uses the profile.',
      commands: [],
    }),
  },
  unhealthy: {
    code: 'refresh-test-cache-unhealthy',
    fix: (relogin) => ({ text: 'Sign in again to get a complete token cache.', commands: [relogin] }),
  },
};

function guardFinding(error: GuardError, relogin: string): FindingInput {
  const spec = GUARD_FINDINGS[error.problem];
  return {
    code: spec.code,
    status: 'fail',
    title: error.message,
    detail: error.problem === 'changed' ? 'login-doctor never overwrites a cache file it did not write last, so it stopped the test.' : '',
    fix: spec.fix(relogin),
    evidence: { ...error.evidence },
  };
}

const OUTCOME_TEXT: Record<Exclude<Outcome, 'left-changed-by-another-process' | 'deleted-backup-kept'>, string> = {
  'restored-original': 'No consumer refreshed: the cache file is back to its original bytes (original expiry).',
  'restored-expiry-of-newest-tokens': 'The newest refreshed tokens stay in the cache, with their real expiry; no used refresh token was written back.',
  'kept-refreshed': "The last consumer's refreshed cache file stays as it wrote it; no used refresh token was written back.",
};

function recoveryFinding(r: Recovery): FindingInput | null {
  if (!r.staleLock && r.removedTemps === 0 && !r.backup) return null;
  const parts: string[] = [];
  if (r.staleLock) parts.push(`took over the lock of a refresh-test that died (pid ${r.staleLock.pid}, started ${r.staleLock.startedAt})`);
  if (r.removedTemps) parts.push(`removed ${r.removedTemps} unfinished temporary file(s)`);
  if (r.backup === 'restored') parts.push('put back the original expiry from its backup (nothing had refreshed since)');
  if (r.backup === 'dropped') parts.push('deleted its backup, whose refresh token had already been used');
  return {
    code: 'refresh-test-recovered',
    status: 'info',
    title: 'Cleaned up after an interrupted refresh-test',
    detail: `login-doctor ${parts.join('; ')}.`,
    fix: null,
    evidence: { staleLockPid: r.staleLock?.pid ?? null, removedTemps: r.removedTemps, backup: r.backup },
  };
}

export async function refreshTest(opts: RefreshTestOptions, io: Io, prompt: Prompt): Promise<number> {
  const ctx = createRealContext({ profile: opts.profile ?? null, allProfiles: false, offline: false, pythons: opts.python, anonymize: false });
  const profile = selectedProfile(ctx.env, ctx.options.profile).name;
  const findings: FindingInput[] = [];
  const report = (code: number): number => {
    const clean = findings.map((f) => normalizeFinding(f, CHECK_ID, ctx));
    const normalized = opts.anonymize ? anonymizeFindings(clean, anonymizerFor(ctx.home)) : clean;
    if (opts.json) {
      io.out(JSON.stringify(toJsonReport(normalized, { version: VERSION, generatedAt: ctx.now(), profile }), null, 2) + '\n');
    } else {
      const style = makeStyle({ colorFlag: opts.color, env: ctx.env, isTTY: io.isTTY, ascii: Boolean(opts.ascii) });
      const results = [{ check: { id: CHECK_ID, title: 'Forced refresh test', category: 'live' as const }, findings: normalized, durationMs: 0 }];
      io.out(renderPretty(results, { style, verbose: false, version: VERSION, profile }));
    }
    return code === 0 ? exitCodeFor(normalized, false) : code;
  };

  // 1. Preconditions: a login or sso-session profile with a healthy cache.
  const { config } = await loadConfig(ctx);
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
      fix: { text: 'Log in with the console credentials for this profile, or pick a login or sso-session profile with --profile.', commands: [awsLogin(ctx.platform, profile)] },
      evidence: { profileKind: kind },
    });
    return report(0);
  }
  const format = ssoSession !== null ? SSO_FORMAT : LOGIN_FORMAT;
  const relogin = ssoSession !== null ? awsSsoLogin(ctx.platform, profile) : awsLogin(ctx.platform, profile);
  const cachePath =
    ssoSession !== null
      ? ssoTokenPath(ctx.home, ctx.platform, ssoSession)
      : loginTokenPath(ctx.env, ctx.home, ctx.platform, ctx.cwd, getSetting(data, 'login_session')!.value);
  const read = await ctx.fs.readText(cachePath, 1024 * 1024);
  const token = read.ok ? format.read(read.text) : null;
  if (token) for (const s of token.secrets) ctx.secrets.add(s);
  if (!token?.ok) {
    const backup = guardPaths(cachePath).backup;
    const kept = !read.ok && read.reason === 'missing' && (await ctx.fs.stat(backup))?.kind === 'file';
    findings.push({
      code: 'refresh-test-cache-unhealthy',
      status: 'fail',
      title: `The ${format.kind === 'sso' ? 'SSO' : 'login'} token cache for profile ${profile} is not usable, so there is nothing to refresh`,
      detail:
        (read.ok ? `${cachePath}: ${token && !token.ok ? token.problems.join('; ') : ''}` : `${cachePath}: ${read.reason} (${read.message})`) +
        (kept ? `\nA backup from an earlier refresh-test is at ${backup}: the cache was deleted while that test ran, before any refresh.` : ''),
      fix: kept
        ? { text: 'Move the backup back to keep using the session, or delete it and sign in again.', commands: [moveCommand(ctx.platform, backup, cachePath)] }
        : { text: 'Sign in again; the main report (login-doctor) explains the cache problem in detail.', commands: [relogin] },
      evidence: { path: cachePath, backup: kept ? backup : null },
    });
    return report(0);
  }

  const { consumers, unavailable } = await discoverConsumers(ctx, format, opts.via, opts.python);
  findings.push(...unavailable);
  if (consumers.length === 0) return report(0);

  // 2. Consent: this edits the user's only copy of the session.
  if (!opts.yes) {
    // CI never has anyone to answer, even on a pseudo-terminal.
    const answer = opts.ci || isCi(ctx.env) ? null : await prompt(`${explanation(profile, format, cachePath, consumers)}\nContinue? [y/N] `);
    if (answer === null) {
      findings.push({
        code: 'refresh-test-needs-confirmation',
        status: 'fail',
        title: 'refresh-test needs confirmation: no terminal to ask on, and --yes was not given',
        detail: explanation(profile, format, cachePath, consumers),
        fix: { text: 'Run it in a terminal and answer the question, or confirm up front with --yes.', commands: [`login-doctor refresh-test --profile ${shellQuote(ctx.platform, profile)} --yes`] },
        evidence: {},
      });
      return report(2);
    }
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.err('login-doctor: refresh-test cancelled; nothing was changed.\n');
      return 2;
    }
  }

  // 3–7. Lock, back up, shorten before each consumer, judge from disk, restore, also on SIGINT/SIGTERM.
  const abort = new AbortController();
  let signalExit = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (abort.signal.aborted) process.exit(signalExit); // second signal: every write is atomic, the cache is complete
    signalExit = signal === 'SIGINT' ? 130 : 143;
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const events = { step: (name: string) => pauseAt(ctx.env, name, abort.signal), now: () => ctx.now(), secret: (v: string) => ctx.secrets.add(v) };
  let guard: CacheGuard | null = null;
  try {
    guard = await CacheGuard.open(cachePath, format, events);
    const recovered = recoveryFinding(guard.recovery);
    if (recovered) findings.push(recovered);
    const region = getSetting(data, 'region')?.value ?? ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION ?? 'us-east-1';
    const fixContext = await refreshFixContext(ctx, format.kind, profile, region, consumers);
    const consumerEnv: ConsumerEnv = { env: ctx.env, profile, token: format.kind, stsRegion: region, timeoutMs: opts.consumerTimeout, spawn: ctx.spawn, abort: abort.signal };
    for (const consumer of consumers) {
      if (abort.signal.aborted) break;
      await guard.shorten(new Date(ctx.now().getTime() + SHORTENED_BY_MS));
      await events.step(`shortened:${consumer.id}`);
      if (abort.signal.aborted) break;
      const run = await runConsumer(consumer, consumerEnv);
      const seen = await guard.observe();
      await events.step(`consumer-done:${consumer.id}`);
      if ('unavailable' in run && run.unavailable) {
        findings.push({ code: 'refresh-test-consumer-unavailable', status: 'info', title: `${consumer.label}: not tested`, detail: `${run.unavailable}.`, fix: null, evidence: { consumer: consumer.id } });
        continue;
      }
      const disk = {
        changed: seen.changed,
        token: seen.after.token.ok ? seen.after.token.token : null,
        problems: seen.after.token.ok ? [] : seen.after.token.problems,
        mode: seen.after.mode,
      };
      const judgement = judgeConsumer(format.kind, seen.before, disk, run, ctx.now());
      findings.push(consumerFinding(consumer, judgement, run, disk, fixContext));
    }
  } catch (error) {
    if (error instanceof GuardError) findings.push(guardFinding(error, relogin));
    else {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      findings.push({ code: 'check-crashed', status: 'fail', title: 'refresh-test crashed', detail: message, fix: { text: 'This is a login-doctor bug: please report it with this output.', commands: [] }, evidence: { error: message } });
    }
  } finally {
    if (guard) {
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
            fix: { text: 'To keep using the session, move the backup back; otherwise delete it and sign in again.', commands: [moveCommand(ctx.platform, backup, cachePath)] },
            evidence: { backup, path: cachePath },
          });
        } else if (outcome === 'left-changed-by-another-process') {
          if (!findings.some((f) => f.code === 'refresh-test-cache-changed')) {
            findings.push(guardFinding(new GuardError('changed', `The cache file ${cachePath} was replaced by another program during the test; login-doctor left it as it is`), relogin));
          }
        } else {
          findings.push({ code: 'refresh-test-cache-restored', status: 'pass', title: 'The token cache is complete, mode 0600, and backup and lock are removed', detail: OUTCOME_TEXT[outcome], fix: null, evidence: { outcome, path: cachePath } });
        }
      } catch (error) {
        findings.push(error instanceof GuardError ? guardFinding(error, relogin) : { code: 'check-crashed', status: 'fail', title: 'refresh-test could not finish restoring the cache', detail: String(error), fix: null, evidence: {} });
      }
    }
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (signalExit) {
    findings.push({
      code: 'refresh-test-interrupted',
      status: 'fail',
      title: 'refresh-test was interrupted; the consumers after that point did not run',
      detail: 'The cache was put in its final state as after a normal finish (see the cache finding).',
      fix: { text: 'Run the test again to check the remaining consumers.', commands: [`login-doctor refresh-test --profile ${shellQuote(ctx.platform, profile)}`] },
      evidence: { exitCode: signalExit },
    });
    report(signalExit);
    return signalExit;
  }
  return report(0);
}

function moveCommand(platform: NodeJS.Platform, from: string, to: string): string {
  const q = (v: string) => shellQuote(platform, v);
  return platform === 'win32' ? `Move-Item -LiteralPath ${q(from)} -Destination ${q(to)}` : `mv ${q(from)} ${q(to)}`;
}

async function runConsumer(consumer: RefreshConsumer, env: ConsumerEnv): Promise<ConsumerRun & { unavailable?: string | null }> {
  if (consumer.kind === 'js') return runJsConsumer(env);
  if (consumer.kind === 'python') return runPythonConsumer(consumer.command!, env);
  return runCliConsumer(consumer.command!, env);
}
