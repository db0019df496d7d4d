import { parseJsonObject } from '../aws/json-text.js';
import type { Spawner } from '../engine/context.js';

/** One program that reads the login cache and must refresh it: the JS SDK, a Python botocore, an AWS CLI. */
export interface RefreshConsumer {
  kind: 'js' | 'python' | 'cli';
  /** Stable id used in evidence and the test-pause steps: `js`, `python:<path>`, `cli:<path>`. */
  id: string;
  label: string;
  /** The executable (python or aws); none for the in-process JS SDK. */
  command: string | null;
}

/** What a consumer did, in its own words; judging it against the cache on disk is the caller's job. */
export interface ConsumerRun {
  /** Its STS GetCallerIdentity call succeeded. */
  stsOk: boolean;
  /** The consumer's own error text, unmodified (redacted and sanitized before printing). */
  errorText: string | null;
  /** SDK logger warnings and stderr lines: a failed refresh can hide here while the call "works". */
  warnings: string[];
  /** The access key id the consumer signed with, when it tells (JS, Python). */
  accessKeyId: string | null;
  account: string | null;
  arn: string | null;
  timedOut: boolean;
  durationMs: number;
}

export interface ConsumerEnv {
  env: Readonly<Record<string, string | undefined>>;
  profile: string;
  /** Which token the consumers refresh: a login token (Sign-In) or an SSO token (SSO-OIDC). */
  token: 'login' | 'sso';
  /** Region for the STS call only; the refresh must find its own region, as in the user's programs. */
  stsRegion: string;
  timeoutMs: number;
  spawn: Spawner;
  abort: AbortSignal;
}

function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * The JS SDK in this process: `fromLoginCredentials({ profile })` (or `fromSSO`) directly (the default chain
 * hides refresh errors behind "Could not load credentials from any providers": @aws-sdk/credential-provider-node defaultProvider), then STS.
 */
export async function runJsConsumer(o: ConsumerEnv): Promise<ConsumerRun> {
  const started = performance.now();
  const warnings: string[] = [];
  const note = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  const logger = { trace() {}, debug() {}, info() {}, warn: note, error: note };
  const requestHandler = { connectionTimeout: Math.min(5000, o.timeoutMs), requestTimeout: o.timeoutMs, throwOnRequestTimeout: true };
  const base = { stsOk: false, warnings, accessKeyId: null, account: null, arn: null, timedOut: false };
  try {
    const [{ fromLoginCredentials, fromSSO }, { STSClient, GetCallerIdentityCommand }] = await Promise.all([
      import('@aws-sdk/credential-providers'),
      import('@aws-sdk/client-sts'),
    ]);
    // Only timeouts are added to the Sign-In client; region and endpoint resolve exactly as in a user's program.
    const credentials =
      o.token === 'sso'
        ? await fromSSO({ profile: o.profile, logger, clientConfig: { requestHandler } })()
        : await fromLoginCredentials({ profile: o.profile, logger, clientConfig: { requestHandler } })();
    const sts = new STSClient({ region: o.stsRegion, credentials, logger, requestHandler, maxAttempts: 1 });
    const identity = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: o.abort });
    return {
      ...base,
      stsOk: true,
      errorText: null,
      accessKeyId: credentials.accessKeyId,
      account: identity.Account ?? null,
      arn: identity.Arn ?? null,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ...base, errorText: text, durationMs: Math.round(performance.now() - started) };
  }
}

/**
 * Runs in each interpreter: refuses politely when its botocore has no login provider, else does what a user's
 * script does (boto3.Session(profile_name=P) → credentials → STS) and prints one JSON line.
 */
const PYTHON_CONSUMER = String.raw`
import json, sys
out = {"ok": False}
try:
    import botocore, botocore.credentials
    out["botocore"] = botocore.__version__
    if sys.argv[3] == "login" and not hasattr(botocore.credentials, "LoginProvider"):
        out["unavailable"] = "botocore %s has no login credential provider" % botocore.__version__
    else:
        import boto3
        session = boto3.Session(profile_name=sys.argv[1])
        creds = session.get_credentials()
        if creds is None:
            raise RuntimeError("Unable to locate credentials")
        frozen = creds.get_frozen_credentials()
        out["accessKeyId"] = frozen.access_key
        out["method"] = getattr(creds, "method", None)
        sts = session.client("sts", region_name=session.region_name or sys.argv[2])
        ident = sts.get_caller_identity()
        out.update(ok=True, account=ident.get("Account"), arn=ident.get("Arn"))
except ImportError as e:
    out["unavailable"] = "cannot import %s" % (e.name or e)
except BaseException as e:
    out["error"] = "%s: %s" % (type(e).__name__, e)
print(json.dumps(out))
`;

export type PythonRun = ConsumerRun & { unavailable: string | null; botocore: string | null };

export async function runPythonConsumer(python: string, o: ConsumerEnv): Promise<PythonRun> {
  const r = await o.spawn(python, ['-c', PYTHON_CONSUMER, o.profile, o.stsRegion, o.token], {
    timeoutMs: o.timeoutMs,
    env: { ...o.env },
    signal: o.abort,
  });
  const last = linesOf(r.stdout).pop() ?? '';
  const parsed = parseJsonObject(last);
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const failure = r.error ?? (r.timedOut ? `timed out after ${o.timeoutMs} ms` : null);
  // Its last line is its report; anything else (a wrapper's output, a crash) is quoted as the error.
  const noReport = r.exitCode === 0 && last ? `printed no report; its last line: ${last.slice(0, 500)}` : `exit ${r.exitCode ?? r.signal}: ${r.stderr.trim().slice(-2000) || 'no output'}`;
  return {
    stsOk: parsed?.ok === true,
    errorText: str(parsed?.error) ?? failure ?? (parsed ? null : noReport),
    warnings: linesOf(r.stderr),
    accessKeyId: str(parsed?.accessKeyId),
    account: str(parsed?.account),
    arn: str(parsed?.arn),
    timedOut: r.timedOut,
    durationMs: r.durationMs,
    // A missing or broken interpreter is not a refresh failure: no sign-in advice for it.
    unavailable: str(parsed?.unavailable) ?? (r.error ? `It could not be started (${r.error})` : null),
    botocore: str(parsed?.botocore),
  };
}

/**
 * `aws sts get-caller-identity`, with one attempt per call and socket timeouts inside the consumer's time limit:
 * a retried Sign-In call re-sends the same one-time DPoP proof, which is then refused as a replay, so only the
 * first answer (a 5xx, a read timeout) says what went wrong; the CLI's own timeout message beats our kill.
 */
export async function runCliConsumer(aws: string, o: ConsumerEnv): Promise<ConsumerRun & { unavailable: string | null }> {
  const socketTimeoutS = String(Math.max(1, Math.floor(o.timeoutMs / 4000)));
  const args = ['sts', 'get-caller-identity', '--profile', o.profile, '--output', 'json', '--cli-connect-timeout', socketTimeoutS, '--cli-read-timeout', socketTimeoutS];
  const r = await o.spawn(aws, args, {
    timeoutMs: o.timeoutMs,
    env: { ...o.env, AWS_MAX_ATTEMPTS: '1' },
    signal: o.abort,
  });
  // An identity is an object with an Arn: anything else printed with exit 0 did not prove a working call.
  const reply = r.exitCode === 0 ? parseJsonObject(r.stdout) : null;
  const identity = reply && typeof reply.Arn === 'string' ? { arn: reply.Arn, account: typeof reply.Account === 'string' ? reply.Account : null } : null;
  const failure = r.error ?? (r.timedOut ? `timed out after ${o.timeoutMs} ms` : null);
  const noIdentity = r.exitCode === 0 ? `exit 0 without an identity; it printed: ${r.stdout.trim().slice(0, 500) || 'nothing'}` : `exit ${r.exitCode ?? r.signal} without output`;
  return {
    stsOk: identity !== null,
    errorText: identity ? null : (failure ?? (r.stderr.trim().slice(-2000) || noIdentity)),
    warnings: identity ? linesOf(r.stderr) : [],
    accessKeyId: null,
    account: identity?.account ?? null,
    arn: identity?.arn ?? null,
    timedOut: r.timedOut,
    durationMs: r.durationMs,
    unavailable: r.error ? `It could not be started (${r.error})` : null,
  };
}
