import { promises as fsPromises } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { getProfileName, loadConfig, NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS, parseKnownFiles } from '@smithy/core/config';

/** What a consumer resolved, in the same shape the Python oracle prints. */
export interface OracleAnswer {
  profile: string | null;
  status: string;
  source: string | null;
  chain: string[];
  loginSession: string | null;
  ssoSession: string | null;
  region: string | null;
  error: string | null;
  /** The login cache folder the consumer reads (Python: introspected; JS: the folder it opened a token file in, else null). */
  loginCacheDir: string | null;
  /** AWS CLI v2 only: the real `aws configure list` (exit code, and per row its value and type). */
  configureList?: { rc: number; rows: Record<string, { value: string; type: string }> };
}

// Feature ids the JS SDK stamps on credentials ($source), most specific first.
const FEATURES: Array<[string, string]> = [
  ['CREDENTIALS_PROFILE_SOURCE_PROFILE', 'assume-role'],
  ['CREDENTIALS_PROFILE_SSO', 'sso'],
  ['CREDENTIALS_PROFILE_SSO_LEGACY', 'sso-legacy'],
  ['CREDENTIALS_PROFILE_LOGIN', 'login'],
  ['CREDENTIALS_PROFILE_PROCESS', 'process'],
  ['CREDENTIALS_PROCESS', 'process'],
  ['CREDENTIALS_ENV_VARS', 'env'],
  ['CREDENTIALS_PROFILE', 'static'],
];

function sourceOf(creds: object): string {
  const s = (creds as { $source?: Record<string, unknown> }).$source ?? {};
  return FEATURES.find(([f]) => f in s)?.[1] ?? 'unknown';
}

/**
 * The real JS SDK in this process: the default provider chain, its profile name and its region loader.
 * SSO role credentials come from a local stand-in for the SSO portal and roles are "assumed" by a recorder,
 * so nothing leaves 127.0.0.1; the profile files, caches and chain logic are the SDK's own.
 */
export class JsOracle {
  private server: Server | null = null;
  private endpoint = '';

  async start(): Promise<void> {
    this.server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ roleCredentials: { accessKeyId: 'ASIASSO00000000001', secretAccessKey: 'sso-secret', sessionToken: 'sso-token', expiration: Date.now() + 3_600_000 } }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  async ask(env: Record<string, string>, cwd: string): Promise<OracleAnswer> {
    const savedEnv = { ...process.env };
    const savedCwd = process.cwd();
    for (const k of Object.keys(process.env)) delete process.env[k];
    Object.assign(process.env, env);
    process.chdir(cwd);
    const out: OracleAnswer = { profile: null, status: 'ok', source: null, chain: [], loginSession: null, ssoSession: null, region: null, error: null, loginCacheDir: null };
    // @aws-sdk/credential-provider-login reads its token with fs.promises.readFile: watch which <sha256>.json it opens.
    const readFile = fsPromises.readFile;
    fsPromises.readFile = ((path: Parameters<typeof readFile>[0], ...rest: unknown[]) => {
      if (typeof path === 'string' && /(^|\/)[0-9a-f]{64}\.json$/.test(path)) out.loginCacheDir = dirname(resolve(path));
      return (readFile as (...a: unknown[]) => unknown)(path, ...rest);
    }) as typeof readFile;
    try {
      out.profile = getProfileName({});
      const profiles = await parseKnownFiles({ ignoreCache: true });
      const data = profiles[out.profile];
      out.loginSession = data?.login_session ?? null;
      out.ssoSession = data?.sso_session ?? null;
      out.region = await loadConfig({ ...NODE_REGION_CONFIG_OPTIONS, default: () => undefined as unknown as string }, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ignoreCache: true })().then(
        (r) => (typeof r === 'string' ? r : null),
        () => null,
      );
      const assumed: string[] = [];
      const provider = fromNodeProviderChain({
        ignoreCache: true,
        clientConfig: { endpoint: this.endpoint, region: 'us-east-1' },
        logger: { debug() {}, info() {}, warn() {}, error() {} },
        roleAssumer: async (source) => {
          if (assumed.length === 0) assumed.push(sourceOf(source));
          assumed.unshift('assume-role');
          return { accessKeyId: 'ASIAROLE0000000001', secretAccessKey: 'role-secret', sessionToken: 'role-token', expiration: new Date(Date.now() + 3_600_000) };
        },
      });
      try {
        const creds = await provider();
        out.source = sourceOf(creds);
        out.chain = out.source === 'assume-role' ? assumed : [out.source];
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        out.source = message.startsWith('Could not load credentials from any providers') ? 'none' : 'error';
        if (out.source === 'error') out.status = 'error';
        out.error = message.slice(0, 300);
      }
    } finally {
      fsPromises.readFile = readFile;
      for (const k of Object.keys(process.env)) delete process.env[k];
      Object.assign(process.env, savedEnv);
      process.chdir(savedCwd);
    }
    return out;
  }
}
