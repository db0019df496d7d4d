/** Everything a check may touch. Tests build one over fixtures; the CLI builds one over the real machine. */
export interface Context {
  /** Snapshot of the environment variables; never process.env directly. */
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** The home folder the OS account database gives (passwd, the Windows profile), whatever HOME says; absent when unknown. */
  accountHome?: string;
  cwd: string;
  platform: NodeJS.Platform;
  /** The Node.js running login-doctor, as `process.version` gives it (`v20.20.2`). */
  nodeVersion: string;
  /** The current user id, or null where the platform has none (Windows). */
  uid: number | null;
  now(): Date;
  fs: FileAccess;
  spawn: Spawner;
  options: RunOptions;
  /** Memoizes shared results (parsed config, probes) so nothing is computed twice in one run. */
  memo: Memo;
  /** Time limits of the probes; tests shorten them instead of waiting for the real ones. */
  limits: ProbeLimits;
  /** Values that must never be printed; the runner redacts them from every finding. */
  secrets: SecretRegistry;
  /** Opens (and closes) a connection to an endpoint URL: null when it opens, else why not. Absent: not checked. */
  reach?(url: string, timeoutMs: number): Promise<string | null>;
}

export type Memo = <T>(key: string, compute: () => Promise<T>) => Promise<T>;

/** One memo per run: the first caller of a key computes it, later callers share its promise. */
export function createMemo(): Memo {
  const results = new Map<string, Promise<unknown>>();
  return <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    let p = results.get(key) as Promise<T> | undefined;
    if (!p) results.set(key, (p = compute()));
    return p;
  };
}

export interface ProbeLimits {
  /** One Python interpreter inspection. */
  pythonProbeMs: number;
  /** One `aws --version`. */
  awsVersionMs: number;
  /** One STS request of the live check. */
  stsRequestMs: number;
}

export const DEFAULT_PROBE_LIMITS: ProbeLimits = { pythonProbeMs: 10_000, awsVersionMs: 5_000, stsRequestMs: 5_000 };

export interface RunOptions {
  /** `--profile`, when given. */
  profile: string | null;
  allProfiles: boolean;
  offline: boolean;
  /** Extra interpreters from `--python`. */
  pythons: string[];
  anonymize: boolean;
  /** Reuse Python probe results from the user's cache folder (off: `--no-cache`, and in tests unless they opt in). */
  probeCache?: boolean;
}

export interface FileStat {
  kind: 'file' | 'directory' | 'symlink' | 'fifo' | 'socket' | 'device' | 'other';
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  birthtimeMs: number;
}

export type ReadResult =
  | { ok: true; text: string; size: number }
  | { ok: false; reason: 'missing' | 'not-a-file' | 'too-large' | 'denied' | 'error'; message: string; stat?: FileStat };

export interface FileAccess {
  /** Reads a regular file as UTF-8 up to maxBytes; never blocks on a FIFO or device. */
  readText(path: string, maxBytes: number): Promise<ReadResult>;
  /** stat that follows links; null when absent. */
  stat(path: string): Promise<FileStat | null>;
  /** stat of the link itself; null when absent. */
  lstat(path: string): Promise<FileStat | null>;
  readdir(path: string): Promise<string[] | null>;
  realpath(path: string): Promise<string | null>;
  /**
   * Whether this process could write the path, as the kernel judges it (access(2) W_OK: mode, owner, a read-only
   * mount, an immutable file), without writing anything: null when writable, else the errno code (EROFS, EPERM...).
   */
  writable?(path: string): Promise<string | null>;
}

export interface SpawnOptions {
  timeoutMs: number;
  /** Bytes of stdout and of stderr kept; the rest is dropped and `truncated` set. */
  maxOutputBytes?: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  /** Aborting kills the process group (SIGINT/SIGTERM of login-doctor itself). */
  signal?: AbortSignal;
}

export interface SpawnResult {
  /** null when killed or never started. */
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  truncated: boolean;
  /** Set when the process could not be started (ENOENT, EACCES...). */
  error: string | null;
  durationMs: number;
}

export type Spawner = (command: string, args: readonly string[], options: SpawnOptions) => Promise<SpawnResult>;

export interface SecretRegistry {
  add(value: string | undefined | null): void;
  redact(text: string): string;
}
