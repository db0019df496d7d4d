import { homedir, userInfo } from 'node:os';
import { createMemo, DEFAULT_PROBE_LIMITS, type Context, type RunOptions } from '../engine/context.js';
import { createSecretRegistry } from '../engine/secrets.js';
import { resolveHome } from '../aws/paths.js';
import { nodeFileAccess } from './fs.js';
import { tcpReachable } from './reachability.js';
import { nodeSpawner } from './spawn.js';

/** The account's home from the OS (passwd / the Windows profile): os.homedir() would return an empty HOME as is. */
function osAccountHome(): string {
  try {
    return userInfo().homedir || homedir();
  } catch {
    return homedir();
  }
}

/** The real machine, as checks see it. */
export function createRealContext(options: RunOptions, cwd: string = process.cwd()): Context {
  const env = { ...process.env };
  const accountHome = osAccountHome();
  return {
    env,
    home: resolveHome(env, process.platform, accountHome),
    accountHome,
    cwd,
    platform: process.platform,
    nodeVersion: process.version,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    now: () => new Date(),
    fs: nodeFileAccess,
    spawn: nodeSpawner,
    options,
    memo: createMemo(),
    limits: DEFAULT_PROBE_LIMITS,
    secrets: createSecretRegistry(),
    reach: tcpReachable,
  };
}
