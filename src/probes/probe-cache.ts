import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Context, FileStat } from '../engine/context.js';
import { pathApi } from '../aws/paths.js';
import { nodeWriteIo, writeAtomic } from './atomic-write.js';

/**
 * A cache of Python probe results, so a second run skips starting Python (~100-150 ms per interpreter).
 * An entry is used only when every file the probe's answer depends on is unchanged: the interpreter (link and
 * target), pyvenv.cfg, every sys.path folder and the user site (a pip/apt install or removal changes the folder),
 * the botocore/awscrt files and dist-info folders the probe read. Anything else (a missing, corrupt, foreign or
 * group-writable file, another key) is a miss. Entries live in the user's cache folder, never in ~/.aws.
 */
const ENTRY_VERSION = 1;
const MAX_ENTRY_BYTES = 256 * 1024;
/** A file changed within this window may change again within the same mtime tick: such an answer is not stored. */
const SETTLE_MS = 1000;

export interface CacheKey {
  interpreter: string;
  /** What else changes the answer without changing a file: HOME (the user site), BOTO_DISABLE_CRT, the loader. */
  env: Record<string, string | null>;
  script: string;
}

type Signature = string;

interface Entry<T> {
  v: number;
  key: CacheKey;
  watch: [string, Signature][];
  value: T;
}

const KEY_VARIABLES = ['HOME', 'BOTO_DISABLE_CRT', 'LD_LIBRARY_PATH', 'LD_PRELOAD', 'DYLD_LIBRARY_PATH', 'USERPROFILE', 'APPDATA'];

export function cacheKey(ctx: Context, interpreter: string, script: string): CacheKey {
  const env: Record<string, string | null> = {};
  for (const name of KEY_VARIABLES) env[name] = ctx.env[name] ?? null;
  return { interpreter, env, script: createHash('sha256').update(script).digest('hex') };
}

/** The per-user cache folder: XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%. Null when there is none. */
export function cacheDir(ctx: Context): string | null {
  const p = pathApi(ctx.platform);
  if (ctx.platform === 'win32') return ctx.env.LOCALAPPDATA && p.isAbsolute(ctx.env.LOCALAPPDATA) ? p.join(ctx.env.LOCALAPPDATA, 'login-doctor', 'Cache') : null;
  if (ctx.platform === 'darwin') return p.join(ctx.home, 'Library', 'Caches', 'login-doctor');
  const xdg = ctx.env.XDG_CACHE_HOME;
  return p.join(xdg && p.isAbsolute(xdg) ? xdg : p.join(ctx.home, '.cache'), 'login-doctor');
}

function entryPath(ctx: Context, dir: string, key: CacheKey): string {
  const id = createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 40);
  return pathApi(ctx.platform).join(dir, `python-probe-${id}.json`);
}

function signature(s: FileStat | null, link: FileStat | null): Signature {
  if (!s) return link ? `dangling:${link.size}:${link.mtimeMs}` : 'missing';
  return `${s.kind}:${s.size}:${s.mtimeMs}${link && link.kind === 'symlink' ? `|link:${link.size}:${link.mtimeMs}` : ''}`;
}

async function signatureOf(ctx: Context, path: string): Promise<{ sig: Signature; mtimeMs: number }> {
  const [s, link] = await Promise.all([ctx.fs.stat(path), ctx.fs.lstat(path)]);
  return { sig: signature(s, link), mtimeMs: Math.max(s?.mtimeMs ?? 0, link?.mtimeMs ?? 0) };
}

/** Ours, and writable by nobody else: a planted answer would hide a real problem. */
function trusted(ctx: Context, s: FileStat | null): boolean {
  if (!s) return false;
  if (ctx.platform === 'win32') return true;
  return (ctx.uid === null || s.uid === ctx.uid) && (s.mode & 0o022) === 0;
}

function sameKey(a: unknown, b: CacheKey): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The cached value for this key when every watched file is unchanged; null otherwise (never throws). */
export async function readCached<T>(ctx: Context, key: CacheKey, isValue: (v: unknown) => v is T): Promise<T | null> {
  const dir = cacheDir(ctx);
  if (!dir) return null;
  try {
    const file = entryPath(ctx, dir, key);
    const [dirStat, read] = await Promise.all([ctx.fs.stat(dir), ctx.fs.readText(file, MAX_ENTRY_BYTES)]);
    if (!read.ok || !trusted(ctx, dirStat)) return null;
    const fileStat = await ctx.fs.lstat(file);
    if (fileStat?.kind !== 'file' || !trusted(ctx, fileStat)) return null;
    const entry = JSON.parse(read.text) as Partial<Entry<unknown>>;
    if (entry.v !== ENTRY_VERSION || !sameKey(entry.key, key) || !Array.isArray(entry.watch) || entry.watch.length === 0) return null;
    if (!entry.watch.every((w) => Array.isArray(w) && w.length === 2 && typeof w[0] === 'string' && typeof w[1] === 'string')) return null;
    // Interpreters share folders (the base install, the user site): each is looked at once per run.
    const now = await Promise.all(entry.watch.map(([path]) => ctx.memo(`probe-cache-signature:${path}`, () => signatureOf(ctx, path))));
    if (now.some((n, i) => n.sig !== entry.watch![i]![1])) return null;
    return isValue(entry.value) ? entry.value : null;
  } catch {
    return null;
  }
}

/**
 * Stores a value with the signatures of the watched paths, atomically (temp file 0600, fsync, rename) in a 0700
 * folder. Skipped when a watched path changed since `startedMs` - SETTLE_MS: the answer may predate the change.
 * Best effort: a cache that cannot be written is no error.
 */
export async function writeCached<T>(ctx: Context, key: CacheKey, watch: readonly string[], value: T, startedMs: number): Promise<void> {
  const dir = cacheDir(ctx);
  if (!dir || watch.length === 0) return;
  try {
    const paths = [...new Set([key.interpreter, ...watch])].filter((w) => pathApi(ctx.platform).isAbsolute(w));
    const sigs = await Promise.all(paths.map((path) => signatureOf(ctx, path)));
    if (sigs.some((s) => s.mtimeMs > startedMs - SETTLE_MS)) return;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (!trusted(ctx, await ctx.fs.stat(dir))) return;
    const entry: Entry<T> = { v: ENTRY_VERSION, key, watch: paths.map((path, i) => [path, sigs[i]!.sig]), value };
    const file = entryPath(ctx, dir, key);
    // A diagnosis waits for this write: a file Windows holds busy is left for the next run.
    await writeAtomic(file, JSON.stringify(entry), nodeWriteIo(), { waitWhileBusy: false });
  } catch {
    // best effort
  }
}
