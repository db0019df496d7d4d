import { posix, win32 } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** node:path for the platform's rules (win32 or posix), whatever machine login-doctor runs on. */
export function pathApi(platform: NodeJS.Platform) {
  return platform === 'win32' ? win32 : posix;
}

/** The shared config and credentials files, as every SDK resolves them. */
export function configFilePaths(env: Env, home: string, platform: NodeJS.Platform): { config: string; credentials: string } {
  const p = pathApi(platform);
  return {
    config: expandHome(envValue(env, platform, 'AWS_CONFIG_FILE'), home) ?? p.join(home, '.aws', 'config'),
    credentials: expandHome(envValue(env, platform, 'AWS_SHARED_CREDENTIALS_FILE'), home) ?? p.join(home, '.aws', 'credentials'),
  };
}

function expandHome(value: string | undefined, home: string): string | undefined {
  if (!value) return undefined;
  return value === '~' || value.startsWith('~/') ? home + value.slice(1) : value;
}

/** The home folder login-doctor diagnoses: HOME on POSIX, USERPROFILE on Windows (as Python and os.homedir()). */
export function resolveHome(env: Env, platform: NodeJS.Platform, fallback: string): string {
  if (platform === 'win32') return envValue(env, platform, 'USERPROFILE') || envValue(env, platform, 'HOME') || fallback;
  return env.HOME || fallback;
}

/** An environment variable as the platform looks it up: names are case-insensitive on Windows (`Path`, `PATH`). */
export function envValue(env: Env, platform: NodeJS.Platform, name: string): string | undefined {
  if (platform !== 'win32') return env[name];
  if (env[name] !== undefined) return env[name];
  const upper = name.toUpperCase();
  const key = Object.keys(env).find((k) => k.toUpperCase() === upper && env[k] !== undefined);
  return key === undefined ? undefined : env[key];
}

/** Where a consumer's home came from: a variable, the OS account (passwd / the Windows profile), or nowhere. */
export type HomeSource = 'HOME' | 'USERPROFILE' | 'HOMEDRIVE+HOMEPATH' | 'account';

export interface ConsumerHome {
  /** The folder `~` becomes; '' means paths end up relative to the working directory; null: `~` is left unexpanded. */
  dir: string | null;
  source: HomeSource | null;
}

export interface ConsumerHomes {
  /** botocore, boto3 and the AWS CLI (v1 and v2, both Python): `os.path.expanduser('~')` for every ~/.aws path. */
  python: ConsumerHome;
  /** Node's `os.homedir()`: the JS SDK's login cache (`@aws-sdk/credential-provider-login`). */
  nodeHomedir: ConsumerHome;
  /** The JS SDK's `getHomeDir()` (`@smithy/core` shared-ini-file-loader): its config, credentials and SSO cache. */
  jsSdk: ConsumerHome;
}

/**
 * The home folder each consumer uses, as its own code decides (Python >= 3.8, which every botocore with login needs):
 * - Python on Windows (ntpath.expanduser): USERPROFILE if set, else HOMEDRIVE + HOMEPATH if HOMEPATH is set, else `~`
 *   stays as it is. HOME is ignored. On POSIX (posixpath.expanduser): HOME if set, even empty (then `/`), else passwd.
 * - Node's os.homedir() (libuv uv_os_homedir): USERPROFILE on Windows, HOME on POSIX, if set (even empty), else the account's.
 * - The JS SDK's getHomeDir(): the first non-empty of HOME, USERPROFILE, HOMEDRIVE (default `C:` + separator) + HOMEPATH,
 *   else os.homedir().
 * `accountHome` is the folder the OS account database gives (passwd, the Windows profile).
 */
export function consumerHomes(env: Env, platform: NodeJS.Platform, accountHome: string): ConsumerHomes {
  const get = (name: string) => envValue(env, platform, name);
  const account: ConsumerHome = { dir: accountHome, source: 'account' };
  let python: ConsumerHome;
  let nodeHomedir: ConsumerHome;
  if (platform === 'win32') {
    const profile = get('USERPROFILE');
    const homePath = get('HOMEPATH');
    if (profile !== undefined) python = { dir: profile, source: 'USERPROFILE' };
    else if (homePath !== undefined) python = { dir: ntpathJoin(get('HOMEDRIVE') ?? '', homePath), source: 'HOMEDRIVE+HOMEPATH' };
    else python = { dir: null, source: null };
    nodeHomedir = profile !== undefined ? { dir: profile, source: 'USERPROFILE' } : account;
  } else {
    const home = get('HOME');
    python = home !== undefined ? { dir: home.replace(/\/+$/, '') || '/', source: 'HOME' } : account;
    nodeHomedir = home !== undefined ? { dir: home, source: 'HOME' } : account;
  }
  const sep = pathApi(platform).sep;
  const [home, profile, homePath] = [get('HOME'), get('USERPROFILE'), get('HOMEPATH')];
  const jsSdk: ConsumerHome = home
    ? { dir: home, source: 'HOME' }
    : profile
      ? { dir: profile, source: 'USERPROFILE' }
      : homePath
        ? { dir: `${get('HOMEDRIVE') ?? `C:${sep}`}${homePath}`, source: 'HOMEDRIVE+HOMEPATH' }
        : nodeHomedir;
  return { python, nodeHomedir, jsSdk };
}

/** A drive (`C:`) or UNC share (`\\\\server\\share`) and the rest, as Python's ntpath.splitdrive. */
function ntSplitDrive(p: string): [string, string] {
  const unc = /^[\\/]{2}[^\\/]+[\\/][^\\/]+/.exec(p);
  if (unc) return [unc[0], p.slice(unc[0].length)];
  return /^[A-Za-z]:/.test(p) ? [p.slice(0, 2), p.slice(2)] : ['', p];
}

/** Python's ntpath.join of two parts: a rooted or other-drive second part replaces the first; no normalizing. */
function ntpathJoin(a: string, b: string): string {
  let [drive, rest] = ntSplitDrive(a);
  const [bDrive, bPath] = ntSplitDrive(b);
  const seps = '\\/';
  if (bPath !== '' && seps.includes(bPath[0]!)) {
    if (bDrive || !drive) drive = bDrive;
    rest = bPath;
  } else if (bDrive && bDrive !== drive && bDrive.toLowerCase() !== drive.toLowerCase()) {
    drive = bDrive;
    rest = bPath;
  } else {
    if (bDrive) drive = bDrive;
    if (rest !== '' && !seps.includes(rest.at(-1)!)) rest += '\\';
    rest += bPath;
  }
  if (rest !== '' && !seps.includes(rest[0]!) && drive !== '' && !drive.endsWith(':')) return `${drive}\\${rest}`;
  return drive + rest;
}

/** Whether two home folders are the same folder by name: case-insensitive on Windows, trailing separators ignored. */
export function sameHome(platform: NodeJS.Platform, a: string | null, b: string | null): boolean {
  if (a === null || b === null || a === '' || b === '') return a === b;
  const p = pathApi(platform);
  const norm = (d: string) => {
    const n = p.normalize(d);
    const trimmed = n.length > p.parse(n).root.length ? n.replace(/[\\/]+$/, '') : n;
    return platform === 'win32' ? trimmed.toLowerCase() : trimmed;
  };
  return norm(a) === norm(b);
}

export function joinPath(platform: NodeJS.Platform, ...parts: string[]): string {
  return pathApi(platform).join(...parts);
}

/** Python's ntpath.split: the head keeps the drive and loses trailing separators (unless it is only separators). */
function ntSplit(p: string): [string, string] {
  const [drive, rest] = ntSplitDrive(p);
  let i = rest.length;
  while (i > 0 && !'\\/'.includes(rest[i - 1]!)) i--;
  const head = rest.slice(0, i);
  return [drive + (head.replace(/[\\/]+$/, '') || head), rest.slice(i)];
}

/**
 * ntpath.expandvars: `'...'` is kept literally, `%VAR%`, `${VAR}`, `$VAR` (letters, digits, `_`, `-`), `%%` and `$$`;
 * an unknown variable stays as written, and an unclosed `'`, `%` or `${` keeps the rest of the path literally.
 */
const NT_VARS = /'[^']*(?:'|$)|%%|%([^%]*)%|%[\s\S]*$|\$\$|\$\{([^}]*)\}|\$\{[\s\S]*$|\$([A-Za-z0-9_-]*)/g;

function ntExpandVars(path: string, get: (name: string) => string | undefined): string {
  return path.replace(NT_VARS, (m, pct?: string, brace?: string, bare?: string) => {
    if (m === '%%') return '%';
    if (m === '$$') return '$';
    const name = pct ?? brace ?? bare;
    return name === undefined ? m : (get(name) ?? m);
  });
}

/**
 * os.path.expandvars then os.path.expanduser, as botocore applies them to AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE (configloader.raw_config_parse), by the rules of posixpath or ntpath.
 * `home` is what `~` becomes (consumerHomes().python.dir); null when Python leaves `~` as it is.
 */
export function pythonExpandPath(value: string, env: Env, platform: NodeJS.Platform, home: string | null): string {
  if (platform === 'win32') {
    const get = (name: string) => envValue(env, platform, name);
    const path = ntExpandVars(value, get);
    if (!path.startsWith('~') || home === null) return path;
    let i = 1;
    while (i < path.length && !'\\/'.includes(path[i]!)) i++;
    let userhome = home;
    if (i !== 1) {
      // ~user: guessed as a sibling of the current user's profile folder, only when that folder is named after USERNAME.
      const target = path.slice(1, i);
      const current = get('USERNAME');
      if (target !== current) {
        const [head, tail] = ntSplit(home);
        if (current !== tail) return path;
        userhome = ntpathJoin(head, target);
      }
    }
    return userhome + path.slice(i);
  }
  // posixpath: `$NAME` / `${NAME}` with ASCII word characters; unknown variables stay.
  const path = value.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => env[name.startsWith('{') ? name.slice(1, -1) : name] ?? whole);
  // ~user needs the password database: left as it is (Python also leaves an unknown user's ~user).
  if (!(path === '~' || path.startsWith('~/')) || home === null) return path;
  return home.replace(/\/+$/, '') + path.slice(1) || '/';
}
