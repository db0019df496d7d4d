/**
 * The project walk for the non-Python, non-JS consumers: which manifest files exist in the project folder and
 * its subfolders, bounded in depth and in directories so a huge tree stays fast, and skipping dependency,
 * build and vendored folders (their manifests are other people's projects). Plus what every language's
 * rules share: reading files once, the finding shape, the bridge fix.
 */
import { posix } from 'node:path';
import type { Context } from '../../engine/context.js';
import type { FindingCode } from '../../engine/finding-codes.js';
import type { Evidence, FindingInput, Status } from '../../engine/finding.js';
import { loginBridge } from '../../knowledge/other-sdks.js';
import { errorMessage, findAbove, findProjectRoot, MAX_LOCKFILE_BYTES, type UnreadableFile } from './project-root.js';

export const MAX_SCAN_DEPTH = 4;
export const MAX_SCAN_DIRS = 400;

const SKIP_DIRS = new Set([
  'node_modules', 'target', 'build', 'dist', 'out', 'bin', 'obj', 'vendor', 'vendored', '_vendor', 'third_party', 'third-party',
  'venv', '__pycache__', 'Pods', 'site-packages', 'testdata', 'fixtures', '__fixtures__',
]);

const FILE_NAMES = new Set([
  'go.mod', 'go.sum', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'gradle.lockfile', 'gradle.properties', 'libs.versions.toml',
  'Directory.Packages.props', 'packages.lock.json', 'Cargo.toml', 'Cargo.lock', '.terraform.lock.hcl', 'package.json',
  'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'composer.lock', 'cdk.json',
]);

function interesting(name: string): boolean {
  return FILE_NAMES.has(name) || name.endsWith('.csproj') || name.endsWith('.tf');
}

/** Markers that make a folder a project for this scan when the Python/JS project root finds none. */
const ROOT_MARKERS = ['go.mod', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'Cargo.toml', 'Directory.Packages.props', 'composer.json', 'cdk.json'];

function isMarker(entries: Set<string>): boolean {
  return ROOT_MARKERS.some((m) => entries.has(m)) || [...entries].some((n) => n.endsWith('.csproj') || n.endsWith('.sln') || n.endsWith('.tf'));
}

export interface ScannedFile {
  /** Path relative to the scan root, with forward slashes. */
  rel: string;
  /** Its folder relative to the root ('' for the root). */
  dir: string;
  name: string;
}

export interface Scan {
  root: string;
  files: ScannedFile[];
  /** The walk stopped at MAX_SCAN_DIRS. */
  truncated: boolean;
}

/** The folder to scan: the project root, else the nearest folder with a Go/Java/.NET/Rust/Terraform marker, else cwd (never HOME itself or /). */
async function scanRoot(ctx: Context): Promise<{ root: string; recurse: boolean } | null> {
  const { root } = await findProjectRoot(ctx);
  const here = new Set((await ctx.fs.readdir(ctx.cwd)) ?? []);
  const mine = isMarker(here) ? ctx.cwd : ((await findAbove(ctx, ctx.cwd, async (_d, e) => isMarker(e)))?.dir ?? null);
  // The folder nearest to cwd wins: a Go service inside a repo whose root has package.json is scanned from the service.
  const chosen = [root, mine].filter((d): d is string => d !== null).sort((a, b) => b.length - a.length)[0] ?? null;
  const broad = (dir: string) => posix.resolve(dir) === posix.resolve(ctx.home) || posix.dirname(dir) === dir;
  if (chosen) return { root: chosen, recurse: !broad(chosen) };
  return broad(ctx.cwd) ? null : { root: ctx.cwd, recurse: true };
}

/** Breadth-first walk; names with a dot are taken for files unless they are known (stat costs more than a missed `my.app/` folder). */
export function scanProject(ctx: Context): Promise<Scan | null> {
  return ctx.memo('sdk-scan', async () => {
    const where = await scanRoot(ctx);
    if (!where) return null;
    const files: ScannedFile[] = [];
    let level = [''];
    let visited = 0;
    let truncated = false;
    for (let depth = 0; depth <= (where.recurse ? MAX_SCAN_DEPTH : 0) && level.length; depth += 1) {
      const next: string[] = [];
      await Promise.all(
        level.map(async (dir) => {
          if (visited >= MAX_SCAN_DIRS) {
            truncated = true;
            return;
          }
          visited += 1;
          const entries = (await ctx.fs.readdir(posix.join(where.root, dir))) ?? [];
          await Promise.all(
            entries.map(async (name) => {
              const rel = dir ? `${dir}/${name}` : name;
              if (interesting(name)) {
                if ((await ctx.fs.stat(posix.join(where.root, rel)))?.kind === 'file') files.push({ rel, dir, name });
                return;
              }
              if (depth === MAX_SCAN_DEPTH || SKIP_DIRS.has(name) || name.includes('.')) return;
              if ((await ctx.fs.lstat(posix.join(where.root, rel)))?.kind === 'directory') next.push(rel);
            }),
          );
        }),
      );
      level = next.sort();
    }
    files.sort((a, b) => comparePaths(a.rel, b.rel));
    return { root: where.root, files, truncated };
  });
}

const PLAIN = /^[A-Za-z0-9./-]*$/;
let rootCollator: Intl.Collator | undefined;

/**
 * The order of the Unicode root collation (what `localeCompare` gives in English locales: case-insensitive first,
 * then lowercase before uppercase; '-' < '.' < '/' < digits < letters), whatever the user's locale. Paths of ASCII
 * letters, digits, '.', '-' and '/' are compared without ICU, whose collator costs 10-20 ms to start.
 */
export function comparePaths(a: string, b: string): number {
  if (!PLAIN.test(a) || !PLAIN.test(b)) return (rootCollator ??= new Intl.Collator('und')).compare(a, b);
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  // Same letters: the first difference in case decides, lowercase first.
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i] === la[i] ? -1 : 1;
  return 0;
}

/** What each language's rules get. */
export interface PinInput {
  ctx: Context;
  scan: Scan;
  /** fail when a diagnosed profile uses login_session, warn otherwise. */
  breaking: Status;
  /** The login profile to name in the bridge and in quoted errors. */
  loginProfile: string;
  read(file: ScannedFile): Promise<string | null>;
  /** Runs a parser; a throw becomes a project-file-unreadable finding and null. */
  parse<T>(file: ScannedFile, parser: (text: string) => T): Promise<T | null>;
  unreadable: UnreadableFile[];
}

export interface PinResult {
  findings: FindingInput[];
  /** Files whose pins were checked. */
  checked: string[];
  /** Consumers found that cannot chain a role onto a login profile, with the file that shows them. */
  chainBlind: { consumer: 'go' | 'terraformProvider' | 'php'; file: string }[];
}

export function makePinInput(ctx: Context, scan: Scan, breaking: Status, loginProfile: string): PinInput {
  const cache = new Map<string, Promise<string | null>>();
  const unreadable: UnreadableFile[] = [];
  const read = (file: ScannedFile) => {
    let p = cache.get(file.rel);
    if (!p) {
      p = ctx.fs.readText(posix.join(scan.root, file.rel), MAX_LOCKFILE_BYTES).then((r) => {
        if (r.ok) return r.text;
        unreadable.push({ path: file.rel, message: r.message });
        return null;
      });
      cache.set(file.rel, p);
    }
    return p;
  };
  return {
    ctx,
    scan,
    breaking,
    loginProfile,
    read,
    unreadable,
    async parse(file, parser) {
      const text = await read(file);
      if (text === null) return null;
      try {
        return parser(text);
      } catch (error) {
        unreadable.push({ path: file.rel, message: `could not be parsed: ${errorMessage(error)}` });
        return null;
      }
    },
  };
}

/** Files named `name` in `dir` or the nearest folder above it (within the scan). */
export function nearest(scan: Scan, dir: string, name: string): ScannedFile | null {
  for (let d = dir; ; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
    const f = scan.files.find((x) => x.dir === d && x.name === name);
    if (f) return f;
    if (d === '') return null;
  }
}

/** Folders above `dir` inside the scan, nearest first. */
export function ancestorsOf(dir: string): string[] {
  const out: string[] = [];
  let d = dir;
  while (d !== '') {
    d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '';
    out.push(d);
  }
  return out;
}

export interface PinFindingSpec {
  code: FindingCode;
  status: Status;
  file: string;
  line: number;
  /** What was found, e.g. `github.com/aws/aws-sdk-go-v2/config v1.29.0`. */
  found: string;
  minimum: string;
  /** Ends the title after `file:line: found`. */
  problem: string;
  why: string;
  fix: string;
  commands: string[];
  /** Adds the credential_process bridge as the second fix. */
  bridge: boolean;
  evidence?: Evidence;
}

export function pinFinding(input: PinInput, s: PinFindingSpec): FindingInput {
  const at = s.line > 0 ? `${s.file}:${s.line}` : s.file;
  const bridge = loginBridge(input.ctx, input.loginProfile);
  return {
    code: s.code,
    status: s.status,
    title: `${at}: ${s.found} ${s.problem}`,
    detail: `${s.why}\nFound ${s.found} at ${input.scan.root}/${at}; minimum: ${s.minimum}.`,
    fix: {
      text: s.bridge ? `${s.fix}\n${bridge.text}` : s.fix,
      commands: s.bridge ? [...s.commands, bridge.command] : s.commands,
    },
    evidence: { file: s.file, line: s.line, found: s.found, minimum: s.minimum, ...s.evidence },
  };
}
