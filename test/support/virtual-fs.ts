import { posix, win32 } from 'node:path';
import type { FileAccess, FileStat } from '../../src/engine/context.js';

/** One entry of a fixture tree: a folder, a file (text, mode) or a symlink. Parent folders are implied. */
export type VirtualEntry = 'dir' | { text: string; mode?: number } | { link: string };

/**
 * A FileAccess over an in-memory tree shaped like a real install on another OS (`C:\Program Files\…`,
 * `/opt/homebrew/…`), so platform rules run in-process on Linux. Windows paths compare case-insensitively.
 */
export function virtualFs(platform: NodeJS.Platform, tree: Record<string, VirtualEntry>): FileAccess & { reads: string[] } {
  const p = platform === 'win32' ? win32 : posix;
  const clean = (path: string) => {
    const n = p.normalize(path);
    return n.length > p.parse(n).root.length ? n.replace(/[\\/]+$/, '') : n;
  };
  const key = (path: string) => (platform === 'win32' ? clean(path).toLowerCase() : clean(path));
  const entries = new Map<string, { name: string; entry: VirtualEntry }>();
  const children = new Map<string, Set<string>>();
  const add = (path: string, entry: VirtualEntry) => {
    const k = key(path);
    if (!entries.has(k) || entry !== 'dir') entries.set(k, { name: clean(path), entry });
    const parent = p.dirname(clean(path));
    if (parent !== clean(path)) {
      const pk = key(parent);
      if (!children.has(pk)) children.set(pk, new Set());
      children.get(pk)!.add(p.basename(clean(path)));
      if (!entries.has(pk)) add(parent, 'dir');
    }
  };
  for (const [path, entry] of Object.entries(tree)) add(path, entry);

  const statOf = (entry: VirtualEntry, size = 0): FileStat => {
    const base = { size, uid: 501, gid: 20, mtimeMs: 0, birthtimeMs: 0 };
    if (entry === 'dir') return { kind: 'directory', mode: 0o755, ...base };
    if ('link' in entry) return { kind: 'symlink', mode: 0o777, ...base };
    return { kind: 'file', mode: entry.mode ?? 0o755, ...base, size: Buffer.byteLength(entry.text) };
  };
  /** Follows links in every component, like the OS does. */
  const resolve = (path: string, depth = 0): string | null => {
    if (depth > 20) return null;
    const n = p.normalize(path);
    const root = p.parse(n).root;
    let current = root;
    for (const part of n.slice(root.length).split(/[\\/]+/).filter(Boolean)) {
      current = p.join(current, part);
      const found = entries.get(key(current));
      if (!found) return null;
      if (typeof found.entry === 'object' && 'link' in found.entry) {
        const r = resolve(p.resolve(p.dirname(current), found.entry.link), depth + 1);
        if (r === null) return null;
        current = r;
      }
    }
    return entries.get(key(current))?.name ?? null;
  };
  const reads: string[] = [];
  return {
    reads,
    async readText(path, maxBytes) {
      reads.push(path);
      const real = resolve(path);
      const found = real === null ? undefined : entries.get(key(real));
      if (!found) return { ok: false, reason: 'missing', message: `ENOENT: ${path}` };
      if (found.entry === 'dir' || 'link' in found.entry) return { ok: false, reason: 'not-a-file', message: `${path} is a directory`, stat: statOf(found.entry) };
      const text = found.entry.text;
      if (Buffer.byteLength(text) > maxBytes) return { ok: false, reason: 'too-large', message: `${path} is too large`, stat: statOf(found.entry) };
      return { ok: true, text, size: Buffer.byteLength(text) };
    },
    async stat(path) {
      const real = resolve(path);
      return real === null ? null : statOf(entries.get(key(real))!.entry);
    },
    async lstat(path) {
      const parent = resolve(p.dirname(path));
      const found = parent === null ? undefined : entries.get(key(p.join(parent, p.basename(path))));
      return found ? statOf(found.entry) : null;
    },
    async readdir(path) {
      const real = resolve(path);
      if (real === null || entries.get(key(real))!.entry !== 'dir') return null;
      return [...(children.get(key(real)) ?? [])];
    },
    async realpath(path) {
      return resolve(path);
    },
  };
}
