import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Context, ReadResult } from '../../engine/context.js';
import type { FindingInput } from '../../engine/finding.js';

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
 * Directories from `from` upward. The walk never goes above the home folder's parent when cwd is inside home
 * (so ~/package.json counts but /home/package.json does not), and stops at the filesystem root otherwise.
 */
function ancestors(ctx: Context, from: string): string[] {
  const home = resolve(ctx.home);
  const stopAt = isInside(resolve(ctx.cwd), home) ? dirname(home) : null;
  const out: string[] = [];
  for (let dir = resolve(from); dir !== stopAt; dir = dirname(dir)) {
    out.push(dir);
    if (dirname(dir) === dir) break;
  }
  return out;
}

/** The project the user is in: from cwd up to the nearest directory with a project manifest or lock file. */
export function findProjectRoot(ctx: Context): Promise<ProjectRoot> {
  return ctx.memo('project-root', async () => {
    const searched: string[] = [];
    for (const dir of ancestors(ctx, ctx.cwd)) {
      searched.push(dir);
      const entries = new Set((await ctx.fs.readdir(dir)) ?? []);
      if ([...entries].some((n) => PROJECT_MARKERS.has(n) || REQUIREMENTS_FILE.test(n))) return { root: dir, searched, entries };
    }
    return { root: null, searched, entries: new Set<string>() };
  });
}

/** The nearest directory above `root` (same bounds) whose entries pass `test`, with the directories passed on the way. */
export async function findAbove(
  ctx: Context,
  root: string,
  test: (dir: string, entries: Set<string>) => Promise<boolean>,
): Promise<{ dir: string; entries: Set<string>; between: string[] } | null> {
  const between: string[] = [];
  for (const dir of ancestors(ctx, root).slice(1)) {
    between.push(dir);
    const entries = new Set((await ctx.fs.readdir(dir)) ?? []);
    if (await test(dir, entries)) return { dir, entries, between };
  }
  return null;
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

/** A read or parse failure, kept for a `project-file-unreadable` (or `sdk-file-unreadable`) finding. */
export interface UnreadableFile {
  path: string;
  message: string;
}

/** The info finding for a project file that could not be read or parsed: its pins were not checked. */
export function unreadableFinding(code: 'project-file-unreadable' | 'sdk-file-unreadable', u: UnreadableFile): FindingInput {
  return {
    code,
    status: 'info',
    title: `Could not read ${u.path}`,
    detail: `${u.message}\nIts pins were not checked.`,
    fix: { text: 'Fix or regenerate the file if the project uses it, then run login-doctor again.', commands: [] },
    evidence: { file: u.path },
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
