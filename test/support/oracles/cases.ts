import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { invalidUtf8Line, type FileContent } from '../../../src/aws/consumer-model.js';
import { isoSeconds, p256Sec1Pem, pythonJsonDumps, loginToken, ssoToken, writeLoginCache, writeSsoCache } from '../token-fixtures.js';

/**
 * One differential case: config and credentials file bodies (as bytes, so BOMs and non-UTF-8 survive),
 * where they are written, and the environment. Every HOME gets valid login and SSO caches, so resolving
 * credentials never needs the network.
 */
export interface DiffCase {
  name: string;
  /** Written at the file AWS_CONFIG_FILE names, or ~/.aws/config. */
  config: string | null;
  credentials: string | null;
  /** Non-UTF-8 bytes appended to the config file's last line. */
  badBytes?: boolean;
  bom?: boolean;
  /** Environment besides HOME; `{home}` in values is replaced. */
  env: Record<string, string>;
}

export const LOGIN_SESSIONS = ['arn:aws:iam::123456789012:user/alice', 'arn:aws:iam::123456789012:user/bob'];
export const START_URL = 'https://corp.awsapps.com/start';

const names = ['default', 'dev', 'admin', 'ops'];

function headers(name: string): string[] {
  if (name === 'default') return ['[default]', '[profile default]', '[ default ]', '[DEFAULT]'];
  return [`[profile ${name}]`, `[profile "${name}"]`, `[${name}]`, `[profile  ${name}]`, `[profiles ${name}]`, `[profile ${name}] # note`, `[ profile ${name} ]`];
}

const weighted = (pairs: Array<[string, number]>) => fc.oneof(...pairs.map(([v, weight]) => ({ arbitrary: fc.constant(v), weight })));

// Weighted towards working set-ups (login, roles onto login, sso) so most cases reach credential resolution.
const entryKinds = weighted([
  ['login', 6], ['role', 5], ['region', 4], ['sso', 3], ['static', 2], ['process', 2], ['sso-legacy', 1],
  ['role-env', 1], ['static-half', 1], ['empty-region', 1], ['nested', 1],
]);

function entry(kind: string, other: string, region: string, session: string): Array<[string, string]> {
  switch (kind) {
    case 'region':
      return [['region', region]];
    case 'empty-region':
      return [['region', '']];
    case 'login':
      return [['login_session', session]];
    case 'static':
      return [
        ['aws_access_key_id', 'AKIAEXAMPLEKEY00001'],
        ['aws_secret_access_key', 'fake-secret'],
      ];
    case 'static-half':
      return [['aws_access_key_id', 'AKIAEXAMPLEKEY00002']];
    case 'process':
      return [['credential_process', '{process}']];
    case 'sso':
      return [
        ['sso_session', 'corp'],
        ['sso_account_id', '123456789012'],
        ['sso_role_name', 'Dev'],
      ];
    case 'sso-legacy':
      return [
        ['sso_start_url', START_URL],
        ['sso_region', 'us-east-1'],
        ['sso_account_id', '123456789012'],
        ['sso_role_name', 'Dev'],
      ];
    case 'role':
      return [
        ['role_arn', 'arn:aws:iam::123456789012:role/r'],
        ['source_profile', other],
      ];
    case 'role-env':
      return [
        ['role_arn', 'arn:aws:iam::123456789012:role/r'],
        ['credential_source', 'Environment'],
      ];
    default:
      return [['s3', ''], ['  addressing_style', 'path']];
  }
}

const lineStyle = fc.record({
  delimiter: weighted([[' = ', 8], ['=', 2], [' =', 1], [': ', 2]]),
  indent: weighted([['', 12], ['  ', 1], ['\t', 1]]),
  comment: weighted([['', 12], [' # c', 1], [' ;c', 1], ['#c', 1]]),
});

/** `arb` in about `percent`% of the samples, otherwise null. */
const sometimes = <T>(arb: fc.Arbitrary<T>, percent: number) => fc.oneof({ arbitrary: fc.constant(null), weight: 100 - percent }, { arbitrary: arb, weight: percent });

const noise = fc.constantFrom('# a comment', '; a comment', '', 'not a setting', 'Region = eu-central-1', '  indented = 1', 'login_session = arn:aws:iam::123456789012:user/bob', '=x');

const section = (creds: boolean) =>
  fc.record({
    name: fc.constantFrom(...names),
    header: fc.oneof({ arbitrary: fc.constant(0), weight: 6 }, { arbitrary: fc.nat(6), weight: 4 }),
    entries: fc.uniqueArray(fc.record({ kind: entryKinds, other: fc.constantFrom(...names), style: lineStyle, region: fc.constantFrom('eu-west-1', 'us-east-2'), session: fc.nat(1) }), { maxLength: 3, selector: (e) => e.kind.replace(/^empty-|-half$|-env$|-legacy$/g, '') }),
    noise: sometimes(noise, 6),
  }).map((s) => {
    const hs = creds ? (s.name === 'default' ? ['[default]', '[profile default]', '[DEFAULT]'] : [`[${s.name}]`, `[profile ${s.name}]`, ` [${s.name}]`]) : headers(s.name);
    const lines = [hs[s.header % hs.length]!];
    for (const e of s.entries) {
      for (const [k, v] of entry(e.kind, e.other, e.region, LOGIN_SESSIONS[e.session]!)) {
        lines.push(`${k.startsWith(' ') ? '' : e.style.indent}${k}${e.style.delimiter}${v}${v === '' ? '' : e.style.comment}`);
      }
    }
    if (s.noise !== null) lines.push(s.noise);
    return lines;
  });

const file = (creds: boolean) =>
  fc.record({
    // Mostly one section per name; a repeated one (which botocore refuses) now and then.
    sections: fc.uniqueArray(section(creds), { minLength: 2, maxLength: 4, selector: (lines) => lines[0]!.replace(/[^a-z]|profiles?/g, '') }),
    repeat: sometimes(section(creds), 5),
    eol: fc.constantFrom('\n', '\n', '\r\n'),
    lead: sometimes(fc.constantFrom('region = us-west-1', '# header', ''), 8),
    ssoSession: fc.boolean(),
  }).map((f) => {
    const lines = [...(f.lead !== null ? [f.lead] : []), ...f.sections.flat(), ...(f.repeat ?? [])];
    if (!creds && f.ssoSession) lines.push('[sso-session corp]', `sso_start_url = ${START_URL}`, 'sso_region = us-east-1');
    return lines.join(f.eol) + f.eol;
  });


export const diffCase: fc.Arbitrary<DiffCase> = fc
  .record({
    config: sometimes(file(false), 92),
    credentials: sometimes(file(true), 50),
    rare: fc.nat(19),
    AWS_PROFILE: sometimes(weighted([['dev', 4], ['admin', 4], ['default', 1], ['', 1], ['missing', 1], [' dev', 1]]), 70),
    AWS_DEFAULT_PROFILE: sometimes(fc.constantFrom('', 'ops', 'dev'), 20),
    AWS_REGION: sometimes(fc.constantFrom('', 'ap-south-1'), 30),
    AWS_DEFAULT_REGION: sometimes(fc.constantFrom('', 'sa-east-1'), 30),
    AWS_CONFIG_FILE: sometimes(fc.constantFrom('', '~/alt/config', 'alt/config', '/dev/null', '{home}/missing', '$HOME/alt/config', '{home}/alt/config'), 30),
    AWS_SHARED_CREDENTIALS_FILE: sometimes(fc.constantFrom('', '~/alt/credentials', '/dev/null'), 20),
    // Unset, empty, absolute, ~/..., $HOME/..., relative, and a path that is a file (see writeCase).
    AWS_LOGIN_CACHE_DIRECTORY: sometimes(fc.constantFrom('', '{home}/lc', '~/lc', '$HOME/lc', 'lc', '{home}/afile'), 30),
    envKeys: fc.nat(3).map((n) => n === 0),
  })
  .map((r) => {
    const env: Record<string, string> = {};
    for (const k of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_LOGIN_CACHE_DIRECTORY'] as const) {
      if (r[k] !== null) env[k] = r[k]!;
    }
    if (r.envKeys) Object.assign(env, { AWS_ACCESS_KEY_ID: 'AKIAENVKEY000000001', AWS_SECRET_ACCESS_KEY: 'env-secret' });
    return { name: 'generated', config: r.config, credentials: r.credentials, badBytes: r.rare === 0, bom: r.rare === 1, env };
  });

const roots = new Set<string>();
process.on('exit', () => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

export interface WrittenCase {
  home: string;
  /** The full environment the consumers get. */
  env: Record<string, string>;
}

/** Writes the case's HOME (files where the environment points them, a decoy at ~/.aws/config, valid caches). */
export function writeCase(c: DiffCase, root = mkdtempSync(join(tmpdir(), 'ld-diff-'))): WrittenCase {
  roots.add(root);
  const home = join(root, 'home');
  mkdirSync(join(home, '.aws'), { recursive: true });
  const process = join(root, 'process.sh');
  writeFileSync(process, `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "AKIAPROCESS0000001", "SecretAccessKey": "process-secret"}'\n`);
  chmodSync(process, 0o755);
  // A comment glued to the command (`credential_process = x#c`) is part of the path for every consumer.
  for (const glued of ['#c', ';c']) writeFileSync(process + glued, readFileSync(process), { mode: 0o755 });
  const env: Record<string, string> = {
    HOME: home,
    PATH: '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    AWS_EC2_METADATA_DISABLED: 'true',
    // Nothing may leave the machine: any service call (SSO, STS) goes to a closed local port, once.
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_MAX_ATTEMPTS: '1',
  };
  for (const [k, v] of Object.entries(c.env)) env[k] = v.replaceAll('{home}', home);
  const target = (variable: string, fallback: string): string | null => {
    const v = env[variable];
    if (v === undefined) return join(home, '.aws', fallback);
    if (v === '' || v === '/dev/null' || v.endsWith('/missing')) return null;
    return v.replace(/^~|^\$HOME/, home).replace(/^alt\//, `${home}/alt/`);
  };
  const body = (text: string, bad: boolean, bom: boolean) => {
    const t = text.replaceAll('{process}', process);
    return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(t, 'utf8'), bad ? Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]) : Buffer.alloc(0)]);
  };
  const configAt = target('AWS_CONFIG_FILE', 'config');
  if (c.config !== null && configAt) {
    mkdirSync(dirname(configAt), { recursive: true });
    writeFileSync(configAt, body(c.config, c.badBytes ?? false, c.bom ?? false));
  }
  // A consumer that reads ~/.aws/config when it should not shows up through this decoy's region.
  if (configAt !== join(home, '.aws', 'config')) writeFileSync(join(home, '.aws', 'config'), '[default]\nregion = decoy-1\n[profile dev]\nregion = decoy-1\n');
  const credsAt = target('AWS_SHARED_CREDENTIALS_FILE', 'credentials');
  if (c.credentials !== null && credsAt) {
    mkdirSync(dirname(credsAt), { recursive: true });
    writeFileSync(credsAt, body(c.credentials, false, false));
  }
  const later = isoSeconds(new Date(Date.now() + 3_600_000));
  const key = p256Sec1Pem();
  // Login caches go to the one folder the user meant with AWS_LOGIN_CACHE_DIRECTORY (its expanded form; the working
  // directory, HOME, for ''), and also to the default folder: a consumer that reads another folder than its own rule
  // names fails, or finds the default one, and the model has to predict which.
  const loginDirs = [join(home, '.aws', 'login', 'cache')];
  const lcd = env.AWS_LOGIN_CACHE_DIRECTORY;
  if (lcd?.endsWith('/afile')) writeFileSync(lcd, 'not a folder\n');
  else if (lcd !== undefined) loginDirs.push(lcd === '' ? home : lcd.replace(/^~|^\$HOME/, home).replace(/^lc$/, join(home, 'lc')));
  // Valid caches also for the values a consumer reads with a glued comment (`value#c`), which are other sessions.
  for (const glued of ['', '#c', ';c', ' # c', ' ;c']) {
    for (const s of LOGIN_SESSIONS) for (const dir of loginDirs) writeLoginCache(home, s + glued, pythonJsonDumps(loginToken({ expiresAt: later, dpopKey: key })), dir);
    writeSsoCache(home, 'corp' + glued, JSON.stringify(ssoToken({ startUrl: START_URL, region: 'us-east-1', expiresAt: later })));
    writeSsoCache(home, START_URL + glued, JSON.stringify(ssoToken({ startUrl: START_URL + glued, region: 'us-east-1', expiresAt: later })));
  }
  return { home, env };
}

/** A file as the consumer model's FileContent: missing, a folder or a device is absent, as every consumer treats it. */
export function readForModel(path: string): FileContent {
  try {
    if (!statSync(path).isFile()) return { kind: 'absent' };
    const text = readFileSync(path).toString('utf8');
    return { kind: 'text', text, invalidUtf8Line: invalidUtf8Line(text) };
  } catch {
    return { kind: 'absent' };
  }
}
