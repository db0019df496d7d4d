import { homedir } from 'node:os';
import type { Context, RunOptions } from '../engine/context.js';
import { createSecretRegistry } from '../engine/secrets.js';
import { resolveHome } from '../aws/paths.js';
import { nodeFileAccess } from './fs.js';
import { nodeSpawner } from './spawn.js';

/** The real machine, as checks see it. */
export function createRealContext(options: RunOptions): Context {
  const env = { ...process.env };
  const memo = new Map<string, Promise<unknown>>();
  return {
    env,
    home: resolveHome(env, process.platform, homedir()),
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
