/**
 * Lock files as the package managers write them: which version of each package a project resolves to,
 * with the line it is recorded on. Pure parsers (text in); they throw on text that is not the format.
 * Here: package-lock.json v1/v2/v3 (npm) and yarn.lock classic (v1) and berry (v2+). pnpm-lock.ts and
 * python-lockfiles.ts hold the formats that need a YAML or TOML parser, loaded only when such a file exists.
 */

export interface LockedPackage {
  name: string;
  version: string;
  /** 1-based line of the entry's version (or its key when the version has no line of its own). */
  line: number;
  /** Where in the dependency tree, when the format says (npm: `node_modules/a/node_modules/b`). */
  location?: string;
}

export type JsLockKind = 'package-lock.json' | 'pnpm-lock.yaml' | 'yarn.lock';
export type PythonLockKind = 'poetry.lock' | 'uv.lock' | 'Pipfile.lock';

export const JS_LOCKFILES: readonly JsLockKind[] = ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock'];
export const PYTHON_LOCKFILES: readonly PythonLockKind[] = ['poetry.lock', 'uv.lock', 'Pipfile.lock'];

/** Finds lines in order: each lookup starts where the previous one ended, as entries appear in document order. */
export class LineCursor {
  private readonly lines: string[];
  private next = 0;
  constructor(text: string) {
    this.lines = text.split(/\r\n|\n|\r/);
  }
  /** 1-based line of the first line from the cursor that contains needle; the cursor moves past it. 0 when absent. */
  find(needle: string, limit = Infinity): number {
    const end = Math.min(this.lines.length, this.next + limit);
    for (let i = this.next; i < end; i++) {
      if (this.lines[i]!.includes(needle)) {
        this.next = i + 1;
        return i + 1;
      }
    }
    return 0;
  }
  get position(): number {
    return this.next;
  }
  reset(position: number): void {
    this.next = position;
  }
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** package-lock.json / npm-shrinkwrap.json: `packages` (v2, v3) or the nested `dependencies` tree (v1). */
export function parsePackageLock(text: string): LockedPackage[] {
  const doc = JSON.parse(text) as unknown;
  if (!isObject(doc)) throw new Error('not a JSON object');
  const cursor = new LineCursor(text);
  const out: LockedPackage[] = [];
  const entryLine = (key: string, version: string): number => {
    const keyLine = cursor.find(`${JSON.stringify(key)}: {`);
    if (keyLine === 0) return 0;
    const start = cursor.position;
    const versionLine = cursor.find(`"version": ${JSON.stringify(version)}`, 40);
    if (versionLine === 0) cursor.reset(start);
    return versionLine || keyLine;
  };
  if (isObject(doc.packages)) {
    for (const [location, entry] of Object.entries(doc.packages)) {
      if (location === '' || !isObject(entry) || typeof entry.version !== 'string') continue;
      const name = typeof entry.name === 'string' ? entry.name : location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
      if (entry.link === true) continue;
      out.push({ name, version: entry.version, line: entryLine(location, entry.version), location });
    }
    return out;
  }
  const walk = (deps: unknown, parent: string) => {
    if (!isObject(deps)) return;
    for (const [name, entry] of Object.entries(deps)) {
      if (!isObject(entry) || typeof entry.version !== 'string') continue;
      const location = `${parent}node_modules/${name}`;
      out.push({ name, version: entry.version, line: entryLine(name, entry.version), location });
      walk(entry.dependencies, `${location}/`);
    }
  };
  if (!isObject(doc.dependencies) && doc.lockfileVersion === undefined) throw new Error('no "packages" or "dependencies" object');
  walk(doc.dependencies, '');
  return out;
}

/** Name of a yarn descriptor: `"@scope/name@^1"`, `name@npm:^1`, `name@patch:...`. */
function descriptorName(descriptor: string): string {
  const d = descriptor.trim().replace(/^"|"$/g, '');
  const at = d.indexOf('@', 1);
  return at > 0 ? d.slice(0, at) : d;
}

/**
 * yarn.lock, classic and berry: an unindented header of descriptors ending in `:`, then an indented
 * `version "1.2.3"` (classic) or `version: 1.2.3` (berry). Line-based: both layouts are the same shape.
 */
export function parseYarnLock(text: string): LockedPackage[] {
  const lines = text.split(/\r\n|\n|\r/);
  const out: LockedPackage[] = [];
  let current: string | null = null;
  let sawHeader = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      if (!line.endsWith(':')) throw new Error(`line ${i + 1}: expected "<descriptor>:"`);
      sawHeader = true;
      const header = line.slice(0, -1);
      current = header === '__metadata' || header === '"__metadata"' ? null : descriptorName(header.split(',')[0]!);
      continue;
    }
    const m = /^\s{2}version:?\s+"?([^"\s]+)"?\s*$/.exec(line);
    if (m && current) {
      out.push({ name: current, version: m[1]!, line: i + 1 });
      current = null;
    }
  }
  if (!sawHeader && text.trim() !== '') throw new Error('no lock entries');
  return out;
}
