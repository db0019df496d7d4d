import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Context, ReadResult } from '../../engine/context.js';

/** Manifests and lock files are text; anything larger than this is refused and reported, not read. */
export const MAX_MANIFEST_BYTES = 2 * 1024 * 1024;
export const MAX_LOCKFILE_BYTES = 32 * 1024 * 1024;

const PROJECT_MARKERS = new Set([
  'package.json',
  'package-lock.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'pyproject.toml',
  'poetry.lock',
  'uv.lock',
  'Pipfile',
  'Pipfile.lock',
  'setup.py',
  'setup.cfg',
]);
export const REQUIREMENTS_FILE = /^(requirements|constraints)[\w.-]*\.txt$/i;

export interface ProjectRoot {
  /** The nearest directory from cwd upward that holds a manifest or lock file; null when none. */
  root: string | null;
  /** Directories looked at, cwd first (up to and including root). */
  searched: string[];
  /** Entries of root, read once. */
  entries: Set<string>;
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/**
 * The project the user is in: from cwd up to the nearest directory with a project manifest or lock file.
 * The walk never goes above the home folder's parent when cwd is inside home (so ~/package.json counts but
 * /home/package.json does not), and stops at the filesystem root otherwise.
 */
export function findProjectRoot(ctx: Context): Promise<ProjectRoot> {
  return ctx.memo('project-root', async () => {
    const start = resolve(ctx.cwd);
    const home = resolve(ctx.home);
    const stopAt = isInside(start, home) ? dirname(home) : null;
    const searched: string[] = [];
    for (let dir = start; dir !== stopAt; dir = dirname(dir)) {
      searched.push(dir);
      const names = await ctx.fs.readdir(dir);
      const entries = new Set(names ?? []);
      if ([...entries].some((n) => PROJECT_MARKERS.has(n) || REQUIREMENTS_FILE.test(n))) return { root: dir, searched, entries };
      if (dirname(dir) === dir) break;
    }
    return { root: null, searched, entries: new Set<string>() };
  });
}

export interface ProjectFile {
  path: string;
  /** Path relative to the project root, for messages. */
  display: string;
  read: ReadResult;
}

/** Reads a project file through ctx.fs with a size cap. */
export async function readProjectFile(ctx: Context, root: string, name: string, maxBytes: number): Promise<ProjectFile> {
  const path = join(root, name);
  return { path, display: relative(root, path) || name, read: await ctx.fs.readText(path, maxBytes) };
}

/** A read or parse failure, kept for a `project-file-unreadable` finding. */
export interface UnreadableFile {
  path: string;
  message: string;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
