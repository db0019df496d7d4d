/**
 * The live STS probe: resolves credentials the way the JS SDK does and calls STS GetCallerIdentity.
 * The AWS SDK is imported lazily here, so --help, --version and --offline runs never load it.
 * The SDK reads endpoints, HOME and AWS_* itself from process.env (the CLI's ctx.env is a snapshot of it).
 */
import type { SecretRegistry } from '../engine/context.js';
import { NETWORK_ERROR_CODES } from '../knowledge/sts.js';

export interface StsProbeRequest {
  profile: string;
  /** login: fromLoginCredentials({ profile }); profile: fromIni({ profile }); chain: the default chain only. */
  provider: 'login' | 'profile' | 'chain';
  /** Pass the profile to the default chain (chosen with --profile), else the chain picks as an app would. */
  explicitProfile: boolean;
  region: string;
  /** Per HTTP request: connection and response time limit. */
  requestTimeoutMs: number;
}

export type CredentialsOutcome =
  | { ok: true; accessKeyId: string; expiration: string | null; features: Record<string, string> }
  | { ok: false; name: string; message: string };

export type CallOutcome =
  | { ok: true; account: string; arn: string; userId: string }
  | { ok: false; kind: 'service'; errorCode: string; message: string; httpStatus: number }
  | { ok: false; kind: 'network'; errorCode: string; message: string };

export interface StsProbeResult {
  /** The credentials the STS call used (from the profile's own provider, else the default chain). */
  credentials: CredentialsOutcome;
  /** What the default chain resolves, for its `$source`. */
  chain: CredentialsOutcome;
  /** null when no credentials were resolved. */
  call: CallOutcome | null;
  /** `Date` headers of every STS answer, errors included, in arrival order. */
  serverDates: string[];
  /** Warnings the SDK logged (e.g. a failed refresh answered with the still-valid old keys). */
  warnings: string[];
}

interface Logger {
  trace(...m: unknown[]): void;
  debug(...m: unknown[]): void;
  info(...m: unknown[]): void;
  warn(...m: unknown[]): void;
  error(...m: unknown[]): void;
}

function capturingLogger(into: string[]): Logger {
  const keep = (...m: unknown[]) => void into.push(m.map(String).join(' '));
  const ignore = () => undefined;
  return { trace: ignore, debug: ignore, info: ignore, warn: keep, error: keep };
}

function errorMessage(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  $source?: Record<string, string>;
}

async function resolve(provider: () => Promise<AwsCredentials>, secrets: SecretRegistry): Promise<{ outcome: CredentialsOutcome; creds?: AwsCredentials }> {
  try {
    const creds = await provider();
    secrets.add(creds.secretAccessKey);
    secrets.add(creds.sessionToken);
    return {
      creds,
      outcome: {
        ok: true,
        accessKeyId: creds.accessKeyId,
        expiration: creds.expiration ? creds.expiration.toISOString() : null,
        features: { ...(creds.$source ?? {}) },
      },
    };
  } catch (error) {
    return { outcome: { ok: false, ...errorMessage(error) } };
  }
}

function classify(error: unknown): CallOutcome {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number }; Code?: string };
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number') {
    return { ok: false, kind: 'service', errorCode: e.Code ?? e.name ?? 'Unknown', message: e.message ?? '', httpStatus: status };
  }
  const code = e.code && NETWORK_ERROR_CODES.includes(e.code) ? e.code : (e.name ?? 'Error');
  return { ok: false, kind: 'network', errorCode: code, message: e.message ?? String(error) };
}

export async function probeSts(req: StsProbeRequest, secrets: SecretRegistry): Promise<StsProbeResult> {
  const [{ fromIni, fromLoginCredentials, fromNodeProviderChain }, { STSClient, GetCallerIdentityCommand }] = await Promise.all([
    import('@aws-sdk/credential-providers'),
    import('@aws-sdk/client-sts'),
  ]);
  const warnings: string[] = [];
  const logger = capturingLogger(warnings);
  const requestHandler = { connectionTimeout: req.requestTimeoutMs, requestTimeout: req.requestTimeoutMs };
  const clientConfig = { requestHandler, logger };

  // The profile's own provider is called directly (login: fromLoginCredentials, others: fromIni) because the default
  // chain turns most failures into "Could not load credentials from any providers"; for login it also refreshes
  // when due, so the chain then reads the refreshed cache. The chain runs as an app would (the profile only when the
  // user named it) to report which source it picks.
  const direct =
    req.provider === 'login'
      ? await resolve(() => fromLoginCredentials({ profile: req.profile, clientConfig, logger })(), secrets)
      : req.provider === 'profile'
        ? await resolve(() => fromIni({ profile: req.profile, clientConfig, logger })(), secrets)
        : null;
  const viaChain = await resolve(
    () => fromNodeProviderChain({ ...(req.explicitProfile ? { profile: req.profile } : {}), clientConfig, logger })(),
    secrets,
  );
  const used = direct ?? viaChain;
  const chain = viaChain.outcome;

  const serverDates: string[] = [];
  let call: CallOutcome | null = null;
  if (used.creds) {
    const { $source: _ignored, ...staticCreds } = used.creds;
    const client = new STSClient({ region: req.region, credentials: staticCreds, requestHandler, maxAttempts: 2, logger });
    // Innermost in the deserialize step: sees every raw answer (retries and errors too) before parsing.
    client.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        const date = (out.response as { headers?: Record<string, string> }).headers?.date;
        if (date) serverDates.push(date);
        return out;
      },
      { step: 'deserialize', priority: 'low', name: 'loginDoctorServerDate' },
    );
    try {
      const out = await client.send(new GetCallerIdentityCommand({}));
      call = { ok: true, account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
    } catch (error) {
      call = classify(error);
    } finally {
      client.destroy();
    }
  }
  return { credentials: used.outcome, chain, call, serverDates, warnings };
}
