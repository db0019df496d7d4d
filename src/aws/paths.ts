import { posix, win32 } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

function pathApi(platform: NodeJS.Platform) {
  return platform === 'win32' ? win32 : posix;
}

/** The shared config and credentials files, as every SDK resolves them. */
export function configFilePaths(env: Env, home: string, platform: NodeJS.Platform): { config: string; credentials: string } {
  const p = pathApi(platform);
  return {
    config: expandHome(env.AWS_CONFIG_FILE, home) ?? p.join(home, '.aws', 'config'),
    credentials: expandHome(env.AWS_SHARED_CREDENTIALS_FILE, home) ?? p.join(home, '.aws', 'credentials'),
  };
}

function expandHome(value: string | undefined, home: string): string | undefined {
  if (!value) return undefined;
  return value === '~' || value.startsWith('~/') ? home + value.slice(1) : value;
}

/** The home folder login-doctor diagnoses: HOME on POSIX, USERPROFILE on Windows (as Python and os.homedir()). */
export function resolveHome(env: Env, platform: NodeJS.Platform, fallback: string): string {
  if (platform === 'win32') return env.USERPROFILE || env.HOME || fallback;
  return env.HOME || fallback;
}

export function joinPath(platform: NodeJS.Platform, ...parts: string[]): string {
  return pathApi(platform).join(...parts);
}
