import { join, relative } from 'node:path';
import { isJsSdkPackage, JS_SDK_PACKAGES } from '../../aws/js-sdk-packages.js';
import { JS_LOCKFILES, parsePackageLock, parseYarnLock, type JsLockKind, type LockedPackage } from '../../aws/lockfiles.js';
import { parsePackageJson, type DeclaredJsDependency } from '../../aws/package-json.js';
import type { Context } from '../../engine/context.js';
import type { JsPackageManager } from '../../knowledge/package-managers.js';
import { errorMessage, findAbove, findProjectRoot, MAX_LOCKFILE_BYTES, MAX_MANIFEST_BYTES, readProjectFile, type UnreadableFile } from './project-root.js';

/** One copy of an SDK package on disk, read from its own package.json. */
export interface InstalledCopy {
  name: string;
  version: string;
  /** Directory relative to the project root, e.g. `node_modules/foo/node_modules/@aws-sdk/client-sts`. */
  path: string;
  /** The package whose node_modules holds this copy (it decides the copy's version); null at the top level. */
  requiredBy: string | null;
}

export interface JsLock {
  kind: JsLockKind;
  display: string;
  packages: LockedPackage[];
  yarnBerry: boolean;
}

export interface JsProject {
  root: string;
  packageJson: { display: string; dependencies: DeclaredJsDependency[] } | null;
  locks: JsLock[];
  /** Copies found under node_modules; null when there is no node_modules directory at all. */
  installed: InstalledCopy[] | null;
  /** True when the node_modules walk hit its bounds, so a copy may have been missed. */
  scanTruncated: boolean;
  packageManager: JsPackageManager;
  unreadable: UnreadableFile[];
}

/** Nested node_modules levels followed, and package directories looked into, per project. */
const MAX_NESTING = 8;
const MAX_PACKAGE_DIRS = 5000;
const MAX_PACKAGE_JSON_BYTES = 1024 * 1024;

async function readCopy(ctx: Context, root: string, dir: string, name: string, requiredBy: string | null): Promise<InstalledCopy | null> {
  const read = await ctx.fs.readText(join(dir, 'package.json'), MAX_PACKAGE_JSON_BYTES);
  if (!read.ok) return null;
  try {
    const pkg = JSON.parse(read.text) as { name?: unknown; version?: unknown };
    if (pkg.name !== name || typeof pkg.version !== 'string') return null;
    return { name, version: pkg.version, path: relative(root, dir), requiredBy };
  } catch {
    return null;
  }
}

/**
 * Every installed copy of the SDK packages under the node_modules directories from cwd up to the project root,
 * the way Node resolves them: top level, nested `node_modules` of any package (bounded), and pnpm's `.pnpm` store.
 * Only package.json files are read; user code is never loaded.
 */
async function scanInstalled(ctx: Context, root: string, dirs: readonly string[]): Promise<{ copies: InstalledCopy[] | null; truncated: boolean }> {
  const copies: InstalledCopy[] = [];
  const seenReal = new Set<string>();
  const seenDirs = new Set<string>();
  let anyNodeModules = false;
  let visited = 0;
  let truncated = false;
  const queue: { dir: string; depth: number; requiredBy: string | null }[] = dirs.map((d) => ({ dir: join(d, 'node_modules'), depth: 0, requiredBy: null }));

  const record = async (pkgDir: string, name: string, requiredBy: string | null) => {
    const real = (await ctx.fs.realpath(pkgDir)) ?? pkgDir;
    if (seenReal.has(real)) return;
    seenReal.add(real);
    const copy = await readCopy(ctx, root, pkgDir, name, requiredBy);
    if (copy) copies.push(copy);
  };

  while (queue.length > 0) {
    const { dir, depth, requiredBy } = queue.shift()!;
    const entries = await ctx.fs.readdir(dir);
    if (entries === null) continue;
    if (depth === 0) anyNodeModules = true;
    const packages: { name: string; path: string }[] = [];
    for (const entry of entries) {
      if (entry === '.pnpm') {
        // pnpm keeps every version as .pnpm/<scope>+<name>@<version>/node_modules/<scope>/<name>.
        for (const stored of (await ctx.fs.readdir(join(dir, entry))) ?? []) {
          const name = JS_SDK_PACKAGES.find((p) => stored.startsWith(`${p.replace('/', '+')}@`));
          if (name) await record(join(dir, entry, stored, 'node_modules', name), name, null);
        }
      } else if (entry.startsWith('.')) continue;
      else if (entry.startsWith('@')) {
        for (const scoped of (await ctx.fs.readdir(join(dir, entry))) ?? []) packages.push({ name: `${entry}/${scoped}`, path: join(dir, entry, scoped) });
      } else packages.push({ name: entry, path: join(dir, entry) });
    }
    const budget = Math.max(0, MAX_PACKAGE_DIRS - visited);
    if (packages.length > budget) truncated = true;
    const batch = packages.slice(0, budget);
    visited += batch.length;
    // One directory's packages at a time, in parallel: big node_modules have thousands of entries.
    await Promise.all(
      batch.map(async (pkg) => {
        if (isJsSdkPackage(pkg.name)) await record(pkg.path, pkg.name, requiredBy);
        const nested = join(pkg.path, 'node_modules');
        if ((await ctx.fs.stat(nested))?.kind !== 'directory') return;
        if (depth + 1 > MAX_NESTING) {
          truncated = true;
          return;
        }
        // Symlinked packages (workspaces, links) can lead back to a folder already queued.
        const real = (await ctx.fs.realpath(nested)) ?? nested;
        if (seenDirs.has(real)) return;
        seenDirs.add(real);
        queue.push({ dir: nested, depth: depth + 1, requiredBy: pkg.name });
      }),
    );
  }
  copies.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { copies: anyNodeModules ? copies : null, truncated };
}

/** A workspace root: pnpm-workspace.yaml, or a package.json with a `workspaces` field (npm, yarn). */
async function declaresWorkspaces(ctx: Context, dir: string, entries: Set<string>): Promise<boolean> {
  if (entries.has('pnpm-workspace.yaml')) return true;
  if (!entries.has('package.json')) return false;
  const read = await ctx.fs.readText(join(dir, 'package.json'), MAX_MANIFEST_BYTES);
  if (!read.ok) return false;
  try {
    const doc = JSON.parse(read.text) as { workspaces?: unknown };
    return doc.workspaces !== undefined && doc.workspaces !== null;
  } catch {
    return false;
  }
}

async function parseJsLock(kind: JsLockKind, text: string): Promise<LockedPackage[]> {
  if (kind === 'package-lock.json') return parsePackageLock(text);
  if (kind === 'yarn.lock') return parseYarnLock(text);
  return (await import('../../aws/pnpm-lock.js')).parsePnpmLock(text);
}

/** The lock file says which package manager the project uses; else package.json `packageManager`, else a pnpm store. */
function packageManagerOf(locks: readonly JsLock[], declared: string | null, hasPnpmStore: boolean): JsPackageManager {
  if (locks.some((l) => l.kind === 'pnpm-lock.yaml')) return 'pnpm';
  const yarn = locks.find((l) => l.kind === 'yarn.lock');
  if (yarn) return yarn.yarnBerry ? 'yarn-berry' : 'yarn-classic';
  if (locks.length === 0 && declared) {
    if (declared.startsWith('pnpm@')) return 'pnpm';
    if (declared.startsWith('yarn@')) return declared.startsWith('yarn@1.') ? 'yarn-classic' : 'yarn-berry';
  }
  if (locks.length === 0 && hasPnpmStore) return 'pnpm';
  return 'npm';
}

/** The JS project around cwd (nearest package.json), read once per run; null when there is none. */
export function loadJsProject(ctx: Context): Promise<JsProject | null> {
  return ctx.memo('js-project', async () => {
    const { root, searched, entries } = await findProjectRoot(ctx);
    if (root === null || !entries.has('package.json')) return null;
    // A workspace member has no lock file of its own: the lock and the hoisted node_modules are in the workspace root.
    const hasLock = JS_LOCKFILES.some((k) => entries.has(k));
    const workspace = hasLock ? null : await findAbove(ctx, root, (dir, names) => declaresWorkspaces(ctx, dir, names));
    const lockDir = workspace?.dir ?? root;
    const lockEntries = workspace?.entries ?? entries;
    const unreadable: UnreadableFile[] = [];
    let packageJson: JsProject['packageJson'] = null;
    let declaredManager: string | null = null;
    const manifest = await readProjectFile(ctx, root, 'package.json', MAX_MANIFEST_BYTES);
    if (!manifest.read.ok) unreadable.push({ path: manifest.path, message: manifest.read.message });
    else {
      try {
        const parsed = parsePackageJson(manifest.read.text);
        packageJson = { display: manifest.display, dependencies: parsed.dependencies };
        declaredManager = parsed.packageManager;
      } catch (error) {
        unreadable.push({ path: manifest.path, message: `not valid package.json: ${errorMessage(error)}` });
      }
    }
    const locks: JsLock[] = [];
    for (const kind of JS_LOCKFILES) {
      if (!lockEntries.has(kind)) continue;
      const file = await readProjectFile(ctx, root, relative(root, join(lockDir, kind)), MAX_LOCKFILE_BYTES);
      if (!file.read.ok) {
        unreadable.push({ path: file.path, message: file.read.message });
        continue;
      }
      try {
        locks.push({ kind, display: file.display, packages: await parseJsLock(kind, file.read.text), yarnBerry: kind === 'yarn.lock' && /^__metadata:/m.test(file.read.text) });
      } catch (error) {
        unreadable.push({ path: file.path, message: `not a valid ${kind}: ${errorMessage(error)}` });
      }
    }
    const { copies, truncated } = await scanInstalled(ctx, root, [...searched, ...(workspace?.between ?? [])]);
    const hasPnpmStore = (await ctx.fs.stat(join(lockDir, 'node_modules', '.pnpm')))?.kind === 'directory';
    const packageManager = packageManagerOf(locks, declaredManager, hasPnpmStore);
    return { root, packageJson, locks, installed: copies, scanTruncated: truncated, packageManager, unreadable };
  });
}

