import { parseLoginCache, type LoginCacheParse } from '../../aws/login-cache.js';
import type { Context, ReadResult } from '../../engine/context.js';

/** The largest read any login cache check makes (caches.login-writable); caches.login stops at a smaller limit. */
const SHARED_MAX_BYTES = 1024 * 1024;

export type LoginCacheRead = { ok: true; read: Extract<ReadResult, { ok: true }>; parsed: LoginCacheParse } | { ok: false; read: Extract<ReadResult, { ok: false }> };

async function readAndParse(ctx: Context, path: string, maxBytes: number): Promise<LoginCacheRead> {
  const read = await ctx.fs.readText(path, maxBytes);
  if (!read.ok) return { ok: false, read };
  const parsed = parseLoginCache(read.text);
  for (const secret of parsed.secrets) ctx.secrets.add(secret);
  return { ok: true, read, parsed };
}

/**
 * A login cache file read and parsed once per run for every check that needs it (one per profile and folder),
 * with exactly the result of `ctx.fs.readText(path, maxBytes)`: a file the shared read got whole within maxBytes
 * is shared; anything else (missing, unreadable, larger than maxBytes) is read again with the caller's limit.
 */
export async function readLoginCacheFile(ctx: Context, path: string, maxBytes: number): Promise<LoginCacheRead> {
  const shared = await ctx.memo(`login-cache-file:${path}`, () => readAndParse(ctx, path, SHARED_MAX_BYTES));
  if (shared.read.ok && shared.read.size <= maxBytes && maxBytes <= SHARED_MAX_BYTES) return shared;
  return readAndParse(ctx, path, maxBytes);
}
