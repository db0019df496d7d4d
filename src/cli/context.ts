import { homedir, userInfo } from 'node:os';
import type { Context, RunOptions } from '../engine/context.js';
import { createSecretRegistry } from '../engine/secrets.js';
import { resolveHome } from '../aws/paths.js';
import { nodeFileAccess } from '../probes/fs.js';
import { nodeSpawner } from '../probes/spawn.js';

/** The account's home from the OS (passwd / the Windows profile): os.homedir() would return an empty HOME as is. */
function osAccountHome(): string {
  try {
    return userInfo().homedir || homedir();
  } catch {
    return homedir();
  }
}

/** The real machine, as checks see it. */
export function createRealContext(options: RunOptions): Context {
  const env = { ...process.env };
  const memo = new Map<string, Promise<unknown>>();
  const accountHome = osAccountHome();
  return {
    env,
    home: resolveHome(env, process.platform, accountHome),
    accountHome,
    cwd: process.cwd(),
    platform: process.platform,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    now: () => new Date(),
    fs: nodeFileAccess,
    spawn: nodeSpawner,
    options,
    memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
      let p = memo.get(key) as Promise<T> | undefined;
      if (!p) {
        p = compute();
        memo.set(key, p);
      }
      return p;
    },
    secrets: createSecretRegistry(),
  };
}
