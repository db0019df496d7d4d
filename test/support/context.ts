import { createMemo, DEFAULT_PROBE_LIMITS, type Context, type FileAccess, type ProbeLimits, type RunOptions, type Spawner } from '../../src/engine/context.js';
import { createSecretRegistry } from '../../src/engine/secrets.js';
import { nodeFileAccess } from '../../src/probes/fs.js';
import { nodeSpawner } from '../../src/probes/spawn.js';

export interface FixtureContextOptions {
  home: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  now?: Date;
  platform?: NodeJS.Platform;
  options?: Partial<RunOptions>;
  spawn?: Spawner;
  uid?: number | null;
  nodeVersion?: string;
  /** Another file tree (test/support/virtual-fs.ts) for installs shaped like macOS or Windows. */
  fs?: FileAccess;
  accountHome?: string;
  limits?: Partial<ProbeLimits>;
}

/** A Context over a fixture HOME with an injected clock; never the real HOME or env. */
export function fixtureContext(o: FixtureContextOptions): Context {
  const now = o.now ?? new Date('2026-01-05T07:00:00Z');
  return {
    env: { HOME: o.home, PATH: '/usr/bin:/bin', ...o.env },
    home: o.home,
    ...(o.accountHome === undefined ? {} : { accountHome: o.accountHome }),
    cwd: o.cwd ?? o.home,
    platform: o.platform ?? 'linux',
    nodeVersion: o.nodeVersion ?? 'v22.12.0',
    uid: o.uid === undefined ? (process.getuid?.() ?? null) : o.uid,
    now: () => now,
    fs: o.fs ?? nodeFileAccess,
    spawn: o.spawn ?? nodeSpawner,
    options: { profile: null, allProfiles: false, offline: true, pythons: [], anonymize: false, ...o.options },
    memo: createMemo(),
    limits: { ...DEFAULT_PROBE_LIMITS, ...o.limits },
    secrets: createSecretRegistry(),
  };
}
