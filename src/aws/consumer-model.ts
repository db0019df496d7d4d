import { parseJsIni, parsePythonIni, shlexSplit, type ConsumerValue, type DialectError, type DialectSection } from './ini.js';
import { envValue, pythonExpandPath, pathApi } from './paths.js';
import type { Consumer } from './profile-selection.js';

/**
 * What each consumer (pip botocore, the AWS CLI v2 with its vendored botocore, the JS SDK v3) makes of the
 * same files and environment, modelled separately from each one's source and checked against the real
 * programs by test/aws/consumer-model.differential.test.ts.
 */

type Env = Readonly<Record<string, string | undefined>>;

/** A file as the consumer's read would find it. */
export type FileContent =
  | { kind: 'text'; text: string; invalidUtf8Line: number | null }
  /** Missing, a folder, or not a regular file such as /dev/null: every consumer reads no profiles from it. */
  | { kind: 'absent' }
  /** Exists but cannot be read (permission): botocore crashes with the OS error, the JS SDK reads nothing. */
  | { kind: 'unreadable'; message: string }
  /** Larger than the doctor reads (the consumers read it): nothing about it is modelled. */
  | { kind: 'too-large'; message: string };

export interface ConsumerPaths {
  config: string;
  credentials: string;
  /** JS SDK only: sso-session sections are read again from AWS_CONFIG_FILE as written, without expanding `~/`. */
  ssoSessionConfig?: string;
}

/**
 * The two files a consumer opens, as absolute paths. `home` is what this consumer's `~` becomes (consumerHomes():
 * `python.dir` for botocore and the AWS CLI, null when Python leaves `~` as it is; `jsSdk.dir` for the JS SDK).
 */
export function consumerPaths(consumer: Consumer, env: Env, home: string | null, cwd: string, platform: NodeJS.Platform = 'linux'): ConsumerPaths {
  const p = pathApi(platform);
  if (consumer === 'js') {
    // `process.env[X] || join(getHomeDir(), ...)`, then only a leading `~/` is expanded (also on Windows: not `~\`).
    const get = (name: string) => envValue(env, platform, name);
    const js = (value: string | undefined, name: string) => {
      const raw = value || p.join(home ?? '', '.aws', name);
      return p.resolve(cwd, raw.startsWith('~/') ? p.join(home ?? '', raw.slice(2)) : raw);
    };
    const configEnv = get('AWS_CONFIG_FILE');
    const config = js(configEnv, 'config');
    return { config, credentials: js(get('AWS_SHARED_CREDENTIALS_FILE'), 'credentials'), ssoSessionConfig: configEnv ? p.resolve(cwd, configEnv) : config };
  }
  // botocore takes the variable when it is set at all (an empty value names no file), then expandvars + expanduser.
  const py = (value: string | undefined, fallback: string) => {
    const raw = value === undefined ? fallback : value;
    return raw === '' ? '' : p.resolve(cwd, pythonExpandPath(raw, env, platform, home));
  };
  return {
    config: py(envValue(env, platform, 'AWS_CONFIG_FILE'), '~/.aws/config'),
    credentials: py(envValue(env, platform, 'AWS_SHARED_CREDENTIALS_FILE'), '~/.aws/credentials'),
  };
}

export type ProfileFrom = '--profile' | 'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE' | 'default';

/**
 * The profile name and what chose it. botocore takes a variable that is set even when empty (and then finds no
 * profile ""); the JS SDK skips empty values.
 */
export function consumerProfile(consumer: Consumer, env: Env, flag: string | null): { name: string; from: ProfileFrom } {
  if (flag) return { name: flag, from: '--profile' };
  const order: Array<'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE'> =
    consumer === 'botocore' ? ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE'] : consumer === 'cli-v2' ? ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] : ['AWS_PROFILE'];
  for (const name of order) {
    const value = env[name];
    if (consumer === 'js' ? value : value !== undefined) return { name: value!, from: name };
  }
  return { name: 'default', from: 'default' };
}

export type Values = ReadonlyMap<string, { value: ConsumerValue; line: number }>;

export interface RejectedFile {
  file: string;
  line: number;
  message: string;
}

export interface ConsumerFiles {
  consumer: Consumer;
  paths: ConsumerPaths;
  /** Profiles by name, with the config and credentials values merged as this consumer merges them. */
  profiles: Map<string, Values>;
  /** Only the config file's profiles (botocore's config-file provider reads just these). */
  configProfiles: Map<string, Values>;
  /** Only the credentials file's sections, by their raw header. */
  credentialsProfiles: Map<string, Values>;
  ssoSessions: Map<string, Values>;
  /** A file this consumer refuses as a whole (botocore: any parse error; JS: a `__proto__` section, read as empty). */
  rejected: RejectedFile | null;
  /** The credentials or config file exists but cannot be read. */
  unreadable: RejectedFile | null;
  /** A file too large for the doctor to read: the rest of this reading is incomplete and must not be reported. */
  tooLarge: string | null;
  /** When set, whether this consumer finds a login cache for a login_session value (else the cache is assumed present). */
  loginCacheExists?: (loginSession: string) => boolean;
}

function str(values: Values | undefined, key: string): string | undefined {
  const v = values?.get(key)?.value;
  return typeof v === 'string' ? v : undefined;
}

function has(values: Values | undefined, key: string): boolean {
  return values?.has(key) ?? false;
}

/** Parses shared by the consumers of one run (botocore and the AWS CLI v2 parse the same file the same way). */
export type ParseCache = Map<string, ReturnType<typeof parsePythonIni>>;

function pythonFiles(consumer: Consumer, paths: ConsumerPaths, read: (path: string) => FileContent, cache: ParseCache): ConsumerFiles {
  const out: ConsumerFiles = { consumer, paths, profiles: new Map(), configProfiles: new Map(), credentialsProfiles: new Map(), ssoSessions: new Map(), rejected: null, unreadable: null, tooLarge: null };
  const load = (path: string): DialectSection[] | null => {
    if (path === '') return [];
    const c = read(path);
    if (c.kind === 'absent') return [];
    if (c.kind === 'too-large') {
      out.tooLarge ??= path;
      return [];
    }
    if (c.kind === 'unreadable') {
      out.unreadable ??= { file: path, line: 0, message: c.message };
      return null;
    }
    const parsed = cache.get(path) ?? parsePythonIni(c.text, c.invalidUtf8Line);
    cache.set(path, parsed);
    if (!parsed.ok) {
      out.rejected ??= { file: path, ...parsed.error };
      return null;
    }
    return parsed.sections;
  };
  const config = load(paths.config);
  const credentials = load(paths.credentials);
  if (!config || !credentials) return out;
  for (const s of config) {
    const named = (target: Map<string, Values>) => {
      const parts = shlexSplit(s.header);
      if (parts && parts.length === 2) target.set(parts[1]!, s.values);
    };
    // build_profile_map: prefixes are tested with startswith, so `[profiles x]` still names profile "x".
    if (s.header.startsWith('profile')) named(out.configProfiles);
    else if (s.header.startsWith('sso-session')) named(out.ssoSessions);
    else if (s.header === 'default') out.configProfiles.set('default', s.values);
  }
  for (const [name, values] of out.configProfiles) out.profiles.set(name, new Map(values));
  for (const s of credentials) {
    out.credentialsProfiles.set(s.header, s.values);
    const existing = out.profiles.get(s.header) as Map<string, { value: ConsumerValue; line: number }> | undefined;
    if (existing) for (const [k, v] of s.values) existing.set(k, v);
    else out.profiles.set(s.header, new Map(s.values));
  }
  return out;
}

function jsFiles(paths: ConsumerPaths, read: (path: string) => FileContent): ConsumerFiles {
  const out: ConsumerFiles = { consumer: 'js', paths, profiles: new Map(), configProfiles: new Map(), credentialsProfiles: new Map(), ssoSessions: new Map(), rejected: null, unreadable: null, tooLarge: null };
  const load = (path: string): Map<string, DialectSection> => {
    const c = read(path);
    if (c.kind === 'absent') return new Map();
    if (c.kind === 'too-large') {
      out.tooLarge ??= path;
      return new Map();
    }
    if (c.kind === 'unreadable') {
      out.unreadable ??= { file: path, line: 0, message: c.message };
      return new Map();
    }
    const parsed = parseJsIni(c.text);
    if (parsed.error) out.rejected ??= { file: path, ...parsed.error };
    return parsed.sections;
  };
  const config = load(paths.config);
  const credentials = load(paths.credentials);
  // getConfigData: [default] first, then every `profile.NAME` (so [profile default] replaces [default]).
  const def = config.get('default');
  if (def) out.configProfiles.set('default', def.values);
  for (const [key, s] of config) {
    if (key.startsWith('profile.')) out.configProfiles.set(key.slice('profile.'.length), s.values);
  }
  const ssoConfig = paths.ssoSessionConfig && paths.ssoSessionConfig !== paths.config ? load(paths.ssoSessionConfig) : config;
  for (const [key, s] of ssoConfig) {
    if (key.startsWith('sso-session.')) out.ssoSessions.set(key.slice('sso-session.'.length), s.values);
  }
  for (const [name, values] of out.configProfiles) out.profiles.set(name, new Map(values));
  for (const [key, s] of credentials) {
    out.credentialsProfiles.set(key, s.values);
    const existing = out.profiles.get(key) as Map<string, { value: ConsumerValue; line: number }> | undefined;
    if (existing) for (const [k, v] of s.values) existing.set(k, v);
    else out.profiles.set(key, new Map(s.values));
  }
  return out;
}

export function consumerFiles(consumer: Consumer, paths: ConsumerPaths, read: (path: string) => FileContent, cache: ParseCache = new Map()): ConsumerFiles {
  return consumer === 'js' ? jsFiles(paths, read) : pythonFiles(consumer, paths, read, cache);
}

export type ConsumerStatus = 'ok' | 'parse-error' | 'profile-not-found' | 'loop' | 'unreadable' | 'error';

export interface ConsumerResolution {
  consumer: Consumer;
  profile: string;
  profileFrom: ProfileFrom;
  status: ConsumerStatus;
  /** The consumer's own name for the winning credential source (botocore's `method`, JS feature names), or `none`. */
  source: string | null;
  /** Sources from the selected profile down to the one holding the credentials (`assume-role`, `assume-role`, `login`). */
  chain: string[];
  /** Profile names along that chain (`admin`, `dev`); the last one holds the session. */
  chainProfiles: string[];
  loginSession: string | null;
  ssoSession: string | null;
  region: string | null;
  /** Why the consumer fails, in its own terms. */
  error: string | null;
}

const CREDENTIAL_SOURCES = ['EcsContainer', 'Ec2InstanceMetadata', 'Environment'];

interface Found {
  chain: string[];
  profiles: string[];
}

class Failure extends Error {
  constructor(
    readonly status: ConsumerStatus,
    message: string,
    /** JS SDK: false when the provider chain goes on to the next provider (CredentialsProviderError tryNextLink). */
    readonly stop = true,
  ) {
    super(message);
  }
}

/** Static keys in the environment: every consumer needs both variables. */
export function envKeys(env: Env): boolean {
  return Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
}

/** botocore's ProfileProviderBuilder.providers for one profile (sso, shared-credentials-file, login, process, config-file). */
function botocoreProfileChain(f: ConsumerFiles, name: string): string | null {
  const p = f.profiles.get(name);
  if (has(p, 'sso_role_name') || has(p, 'sso_account_id')) {
    const session = str(p, 'sso_session');
    const resolved = new Map(p);
    if (session !== undefined) {
      const s = f.ssoSessions.get(session);
      if (!s) throw new Failure('error', `The specified sso-session does not exist: "${session}"`);
      for (const [k, v] of s) resolved.set(k, v);
    }
    const missing = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region'].filter((k) => !resolved.has(k));
    if (missing.length) throw new Failure('error', `The profile "${name}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}`);
    return 'sso';
  }
  const creds = f.credentialsProfiles.get(name);
  if (has(creds, 'aws_access_key_id')) {
    if (!has(creds, 'aws_secret_access_key')) throw new Failure('error', 'Partial credentials found in shared-credentials-file, missing: aws_secret_access_key');
    return 'shared-credentials-file';
  }
  if (has(p, 'login_session')) {
    const session = str(p, 'login_session') ?? '';
    if (f.loginCacheExists && !f.loginCacheExists(session)) {
      throw new Failure('error', `Unable to load a existing login session for session ${session}, Please reauthenticate with 'aws login'.`);
    }
    return 'login';
  }
  if (has(p, 'credential_process')) return 'custom-process';
  const config = f.configProfiles.get(name);
  if (has(config, 'aws_access_key_id')) {
    if (!has(config, 'aws_secret_access_key')) throw new Failure('error', 'Partial credentials found in config-file, missing: aws_secret_access_key');
    return 'config-file';
  }
  return null;
}

function botocoreAssumeRole(f: ConsumerFiles, env: Env, name: string, visited: string[]): Found {
  const p = f.profiles.get(name);
  const sourceProfile = str(p, 'source_profile');
  const credentialSource = str(p, 'credential_source');
  if (sourceProfile !== undefined && credentialSource !== undefined) throw new Failure('error', `The profile "${name}" contains both source_profile and credential_source.`);
  if (sourceProfile === undefined && credentialSource === undefined) throw new Failure('error', 'Partial credentials found in assume-role, missing: source_profile or credential_source');
  if (credentialSource !== undefined) {
    if (!CREDENTIAL_SOURCES.includes(credentialSource)) throw new Failure('error', `The credential source "${credentialSource}" referenced in profile "${name}" is not valid.`);
    if (credentialSource !== 'Environment') return { chain: ['assume-role', credentialSource], profiles: [name] };
    if (!envKeys(env)) throw new Failure('error', `No credentials found in credential_source referenced in profile ${name}`);
    return { chain: ['assume-role', 'env'], profiles: [name] };
  }
  const source = sourceProfile!;
  const sp = f.profiles.get(source);
  if (!sp) throw new Failure('error', `The source_profile "${source}" referenced in the profile "${name}" does not exist.`);
  const staticKeys = has(sp, 'aws_access_key_id') || has(sp, 'aws_secret_access_key');
  if (visited.includes(source) && (source !== name || !staticKeys)) {
    throw new Failure('loop', `Infinite loop in credential configuration detected. Attempting to load from profile ${source} which has already been visited. Visited profiles: ${visited.join(', ')}`);
  }
  visited.push(source);
  const roleVars = has(sp, 'role_arn') && !has(sp, 'web_identity_token_file');
  if (staticKeys || !roleVars) {
    const found = botocoreProfileChain(f, source);
    if (!found) throw new Failure('error', `The source profile "${source}" must have credentials.`);
    return { chain: ['assume-role', found], profiles: [name, source] };
  }
  const next = botocoreAssumeRole(f, env, source, visited);
  return { chain: ['assume-role', ...next.chain], profiles: [name, ...next.profiles] };
}

function botocoreCredentials(f: ConsumerFiles, env: Env, name: string, explicit: boolean): Found {
  if (!explicit && env.AWS_ACCESS_KEY_ID) {
    if (!env.AWS_SECRET_ACCESS_KEY) throw new Failure('error', 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY');
    return { chain: ['env'], profiles: [] };
  }
  const p = f.profiles.get(name);
  if (p && p.size > 0 && has(p, 'role_arn') && !has(p, 'web_identity_token_file')) return botocoreAssumeRole(f, env, name, [name]);
  const found = botocoreProfileChain(f, name);
  return found ? { chain: [found], profiles: [name] } : { chain: [], profiles: [] };
}

function isStatic(p: Values | undefined): boolean {
  return str(p, 'aws_access_key_id') !== undefined && str(p, 'aws_secret_access_key') !== undefined;
}

function jsIsAssumeRole(p: Values | undefined): boolean {
  if (str(p, 'role_arn') === undefined) return false;
  const sp = str(p, 'source_profile') !== undefined;
  const cs = str(p, 'credential_source') !== undefined;
  return (sp && !has(p, 'credential_source')) || (cs && !has(p, 'source_profile'));
}

const credSourceWithoutRole = (p: Values | undefined) => !str(p, 'role_arn') && Boolean(str(p, 'credential_source'));

/** credential-provider-ini resolveProfileData, with its cycle rule (visited starts empty). */
function jsProfile(f: ConsumerFiles, env: Env, name: string, visited: string[], recursiveAssume: boolean): Found {
  const p = f.profiles.get(name);
  if (visited.length > 0 && isStatic(p)) return { chain: ['static'], profiles: [name] };
  if (recursiveAssume || jsIsAssumeRole(p)) {
    const source = str(p, 'source_profile');
    if (source && visited.includes(source)) throw new Failure('loop', `Detected a cycle attempting to resolve credentials for profile ${name}. Profiles visited: ${visited.join(', ')}`, false);
    let inner: Found;
    if (source) inner = jsProfile(f, env, source, [...visited, source], credSourceWithoutRole(f.profiles.get(source)));
    else {
      const cs = str(p, 'credential_source') ?? '';
      if (!CREDENTIAL_SOURCES.includes(cs)) throw new Failure('error', `Unsupported credential source in profile ${name}. Got ${cs}, expected EcsContainer or Ec2InstanceMetadata or Environment.`, false);
      if (cs !== 'Environment') inner = { chain: [cs], profiles: [] };
      else if (envKeys(env)) inner = { chain: ['env'], profiles: [] };
      else throw new Failure('error', 'Unable to find environment variable credentials.', false);
    }
    if (credSourceWithoutRole(p)) return inner;
    return { chain: ['assume-role', ...inner.chain], profiles: [name, ...inner.profiles] };
  }
  if (isStatic(p)) return { chain: ['static'], profiles: [name] };
  if (str(p, 'credential_process') !== undefined) return { chain: ['process'], profiles: [name] };
  if (['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some((k) => str(p, k) !== undefined)) {
    const session = str(p, 'sso_session');
    if (session !== undefined) {
      const s = f.ssoSessions.get(session);
      const missing = ['sso_account_id', 'sso_role_name'].filter((k) => str(p, k) === undefined);
      if (!s || str(s, 'sso_start_url') === undefined || str(s, 'sso_region') === undefined || missing.length) {
        throw new Failure('error', `Incomplete SSO configuration in profile ${name} (sso-session "${session}")`);
      }
      return { chain: ['sso'], profiles: [name] };
    }
    const missing = ['sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'].filter((k) => str(p, k) === undefined);
    if (missing.length) throw new Failure('error', `Incomplete configuration. The fromSSO() argument hash must include ${missing.map((k) => `"${k}"`).join(', ')}`);
    return { chain: ['sso-legacy'], profiles: [name] };
  }
  const session = str(p, 'login_session');
  if (session !== undefined) {
    if (f.loginCacheExists && !f.loginCacheExists(session)) throw new Failure('error', `Failed to load a token for session ${session}, please re-authenticate using aws login`);
    return { chain: ['login'], profiles: [name] };
  }
  throw new Failure('error', `Could not resolve credentials using profile: [${name}] in configuration/credentials file(s).`, false);
}

function jsCredentials(f: ConsumerFiles, env: Env, name: string, flag: string | null): Found & { skipped?: Failure } {
  if (!(flag ?? env.AWS_PROFILE) && envKeys(env)) return { chain: ['env'], profiles: [] };
  try {
    return jsProfile(f, env, name, [], false);
  } catch (e) {
    if (!(e instanceof Failure) || e.stop) throw e;
    // The chain goes on: fromProcess, then nothing else on this machine (no web identity, no container, no IMDS).
    if (str(f.profiles.get(name), 'credential_process') !== undefined) return { chain: ['process'], profiles: [name] };
    return { chain: [], profiles: [], skipped: e };
  }
}

function regionFor(consumer: Consumer, f: ConsumerFiles, env: Env, name: string): string | null {
  if (consumer === 'js') {
    if (env.AWS_REGION !== undefined) return env.AWS_REGION;
    return str(f.credentialsProfiles.get(name), 'region') ?? str(f.configProfiles.get(name), 'region') ?? null;
  }
  const vars = consumer === 'cli-v2' ? ['AWS_REGION', 'AWS_DEFAULT_REGION'] : ['AWS_DEFAULT_REGION'];
  for (const v of vars) if (env[v] !== undefined) return env[v]!;
  return str(f.profiles.get(name), 'region') ?? null;
}

/** What one consumer resolves from its files and the environment. */
export function resolveConsumer(consumer: Consumer, f: ConsumerFiles, env: Env, flag: string | null): ConsumerResolution {
  const choice = consumerProfile(consumer, env, flag);
  const base: ConsumerResolution = {
    consumer,
    profile: choice.name,
    profileFrom: choice.from,
    status: 'ok',
    source: null,
    chain: [],
    chainProfiles: [],
    loginSession: null,
    ssoSession: null,
    region: null,
    error: null,
  };
  if (consumer !== 'js') {
    if (f.unreadable) return { ...base, status: 'unreadable', error: f.unreadable.message };
    if (f.rejected) return { ...base, status: 'parse-error', error: `Unable to parse config file: ${f.rejected.file} (line ${f.rejected.line}: ${f.rejected.message})` };
    if (choice.from !== 'default' && !f.profiles.has(choice.name)) {
      return { ...base, status: 'profile-not-found', error: `The config profile (${choice.name}) could not be found` };
    }
  }
  const p = f.profiles.get(choice.name);
  const out = { ...base, loginSession: str(p, 'login_session') ?? null, ssoSession: str(p, 'sso_session') ?? null, region: regionFor(consumer, f, env, choice.name) };
  try {
    const found: Found & { skipped?: Failure } =
      consumer === 'js' ? jsCredentials(f, env, choice.name, flag) : botocoreCredentials(f, env, choice.name, choice.from === '--profile');
    const error = found.skipped ? found.skipped.message : null;
    return { ...out, source: found.chain[0] ?? 'none', chain: found.chain, chainProfiles: found.profiles, error };
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    return { ...out, status: e.status, source: 'error', error: e.message };
  }
}

export type { DialectError };

/** The line of the first character that was not valid UTF-8 (decoded as U+FFFD), or null. */
export function invalidUtf8Line(text: string): number | null {
  const at = text.indexOf('\ufffd');
  return at < 0 ? null : text.slice(0, at).split(/\r\n|\n|\r/).length;
}
