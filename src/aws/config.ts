import { invalidUtf8Line } from './consumer-model.js';
import { parseIni, parsePythonIni, shlexSplit, type ConsumerValue, type DialectSection, type IniError, type ParsedIni } from './ini.js';

/** Where a setting came from, for file:line in findings. */
export interface Setting {
  value: string;
  file: string;
  line: number;
}

export interface ProfileData {
  name: string;
  /** `[default]` / `[profile NAME]` in the config file. */
  configSection: { file: string; line: number } | null;
  /** `[NAME]` in the credentials file. */
  credentialsSection: { file: string; line: number } | null;
  configValues: Map<string, Setting>;
  credentialsValues: Map<string, Setting>;
}

export interface NamedSection {
  name: string;
  file: string;
  line: number;
  values: Map<string, Setting>;
}

export interface ConfigFileProblem {
  file: string;
  line: number;
  message: string;
  fatalForBotocore: boolean;
}

export interface AwsConfig {
  configPath: string;
  credentialsPath: string;
  profiles: Map<string, ProfileData>;
  ssoSessions: Map<string, NamedSection>;
  services: Map<string, NamedSection>;
  /** Bare `[NAME]` sections in the config file: every SDK ignores them. */
  bareSections: NamedSection[];
  parseErrors: ConfigFileProblem[];
}

/** Builds the profile map from both files exactly as botocore's build_profile_map does. */
export function buildAwsConfig(
  configPath: string,
  configText: string | null,
  credentialsPath: string,
  credentialsText: string | null,
): AwsConfig {
  const result: AwsConfig = {
    configPath,
    credentialsPath,
    profiles: new Map(),
    ssoSessions: new Map(),
    services: new Map(),
    bareSections: [],
    parseErrors: [],
  };
  const profile = (name: string): ProfileData => {
    let p = result.profiles.get(name);
    if (!p) {
      p = { name, configSection: null, credentialsSection: null, configValues: new Map(), credentialsValues: new Map() };
      result.profiles.set(name, p);
    }
    return p;
  };
  const settings = (file: string, entries: ParsedIni['sections'][number]['entries']) => {
    const out = new Map<string, Setting>();
    for (const [key, e] of entries) out.set(key, { value: e.value, file, line: e.line });
    return out;
  };
  const addErrors = (file: string, errors: IniError[]) => {
    for (const e of errors) result.parseErrors.push({ file, ...e });
  };

  if (configText !== null) {
    const parsed = parseIni(configText);
    addErrors(configPath, parsed.errors);
    for (const section of parsed.sections) {
      const header = section.header.trim();
      const values = settings(configPath, section.entries);
      const named = (prefix: string) => unquote(header.slice(prefix.length).trim());
      if (header === 'default') {
        const p = profile('default');
        p.configSection = { file: configPath, line: section.line };
        mergeInto(p.configValues, values);
      } else if (/^profile\s/.test(header)) {
        const p = profile(named('profile'));
        p.configSection = { file: configPath, line: section.line };
        mergeInto(p.configValues, values);
      } else if (/^sso-session\s/.test(header)) {
        const name = named('sso-session');
        result.ssoSessions.set(name, { name, file: configPath, line: section.line, values });
      } else if (/^services\s/.test(header)) {
        const name = named('services');
        result.services.set(name, { name, file: configPath, line: section.line, values });
      } else {
        result.bareSections.push({ name: header, file: configPath, line: section.line, values });
      }
    }
  }
  if (credentialsText !== null) {
    const parsed = parseIni(credentialsText);
    addErrors(credentialsPath, parsed.errors);
    for (const section of parsed.sections) {
      const p = profile(section.header.trim());
      p.credentialsSection = { file: credentialsPath, line: section.line };
      mergeInto(p.credentialsValues, settings(credentialsPath, section.entries));
    }
  }
  return fromPython(result, configText, credentialsText) ?? result;
}

/**
 * The profiles exactly as botocore and the AWS CLI build them (configparser, then build_profile_map), whenever they
 * accept both files: the checks that follow this reader (selection, region, caches, live check) then diagnose the
 * view of a real consumer. When they refuse a file, config-parse-error says so and the lenient reading stays.
 */
function fromPython(lenient: AwsConfig, configText: string | null, credentialsText: string | null): AwsConfig | null {
  const parse = (text: string | null) => (text === null ? { ok: true as const, sections: [] } : parsePythonIni(text, invalidUtf8Line(text)));
  const config = parse(configText);
  const credentials = parse(credentialsText);
  if (!config.ok || !credentials.ok) return null;
  const out: AwsConfig = { ...lenient, profiles: new Map(), ssoSessions: new Map(), services: new Map(), bareSections: [] };
  const settings = (file: string, s: DialectSection) => new Map([...s.values].map(([k, v]) => [k, { value: textOf(v.value), file, line: v.line }]));
  const profile = (name: string): ProfileData => {
    let p = out.profiles.get(name);
    if (!p) out.profiles.set(name, (p = { name, configSection: null, credentialsSection: null, configValues: new Map(), credentialsValues: new Map() }));
    return p;
  };
  const file = lenient.configPath;
  for (const s of config.sections) {
    const second = () => {
      const parts = shlexSplit(s.header);
      return parts && parts.length === 2 ? parts[1]! : null;
    };
    // A later section of the same name replaces the earlier one (a dict assignment in build_profile_map).
    const named = (target: Map<string, NamedSection>) => {
      const name = second();
      if (name !== null) target.set(name, { name, file, line: s.line, values: settings(file, s) });
    };
    if (s.header.startsWith('profile') || s.header === 'default') {
      const name = s.header === 'default' ? 'default' : second();
      if (name === null) continue;
      const p = profile(name);
      p.configSection = { file, line: s.line };
      p.configValues = settings(file, s);
    } else if (s.header.startsWith('sso-session')) named(out.ssoSessions);
    else if (s.header.startsWith('services')) named(out.services);
    else out.bareSections.push({ name: s.header, file, line: s.line, values: settings(file, s) });
  }
  for (const s of credentials.sections) {
    const p = profile(s.header);
    p.credentialsSection = { file: lenient.credentialsPath, line: s.line };
    p.credentialsValues = settings(lenient.credentialsPath, s);
  }
  return out;
}

/** A nested block (`s3 =` then indented lines) as one text of `key = value` lines. */
function textOf(v: ConsumerValue): string {
  return typeof v === 'string' ? v : Object.entries(v).map(([k, x]) => `${k} = ${x}`).join('\n');
}

function mergeInto(target: Map<string, Setting>, source: Map<string, Setting>) {
  for (const [k, v] of source) target.set(k, v);
}

function unquote(name: string): string {
  const m = /^"(.*)"$/.exec(name) ?? /^'(.*)'$/.exec(name);
  return m ? m[1]! : name;
}

/** A profile's value as every SDK sees it: the credentials file overrides the config file. */
export function getSetting(profile: ProfileData, key: string): Setting | undefined {
  return profile.credentialsValues.get(key) ?? profile.configValues.get(key);
}

export type ProfileKind = 'login' | 'sso' | 'sso-legacy' | 'assume-role' | 'web-identity' | 'process' | 'static' | 'none';

export function profileKind(profile: ProfileData): ProfileKind {
  const has = (key: string) => getSetting(profile, key) !== undefined;
  if (has('login_session')) return 'login';
  if (has('sso_session')) return 'sso';
  if (has('sso_start_url')) return 'sso-legacy';
  if (has('role_arn') && has('web_identity_token_file')) return 'web-identity';
  if (has('role_arn')) return 'assume-role';
  if (has('web_identity_token_file')) return 'web-identity';
  if (has('credential_process')) return 'process';
  if (has('aws_access_key_id')) return 'static';
  return 'none';
}

/** Where a file path setting points, for "file:line" in details. */
export function where(setting: { file: string; line: number }): string {
  return `${setting.file}:${setting.line}`;
}

export interface SessionChain {
  /** The profiles from the one asked for to the one whose own settings give the credentials (`admin`, `dev`). */
  profiles: string[];
  /** The last profile, when the chain resolves; null on a loop, a missing source_profile or a credential_source. */
  holder: string | null;
  problem: 'loop' | 'missing-source' | 'credential-source' | null;
}

/** Longer chains than this are not configured by people; stop instead of walking a generated file forever. */
const MAX_CHAIN = 32;

/**
 * Follows role_arn + source_profile to the profile that really holds the session, as botocore's AssumeRoleProvider
 * does (a source profile with static keys, or without role_arn, ends the chain; a profile naming itself ends it
 * only when it has static keys).
 */
export function sessionChain(config: AwsConfig, name: string): SessionChain {
  const profiles = [name];
  let current = config.profiles.get(name);
  while (current && getSetting(current, 'role_arn') && !getSetting(current, 'web_identity_token_file')) {
    if (getSetting(current, 'credential_source')) return { profiles, holder: null, problem: 'credential-source' };
    const source = getSetting(current, 'source_profile')?.value.trim();
    if (!source) return { profiles, holder: current.name, problem: null };
    const next = config.profiles.get(source);
    if (!next) return { profiles: [...profiles, source], holder: null, problem: 'missing-source' };
    const staticKeys = getSetting(next, 'aws_access_key_id') !== undefined;
    if (profiles.includes(source) && !(source === current.name && staticKeys)) return { profiles: [...profiles, source], holder: null, problem: 'loop' };
    if (source === current.name || profiles.length >= MAX_CHAIN) return { profiles, holder: source, problem: null };
    profiles.push(source);
    if (staticKeys) return { profiles, holder: source, problem: null };
    current = next;
  }
  return { profiles, holder: profiles[profiles.length - 1]!, problem: null };
}
