import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Installs the package the way a user gets it, with no npm resolution, no npm cache and no network:
 * `npm pack` (scripts off, an empty cache and config), the tarball unpacked into `node_modules/<name>`, and
 * beside it exactly the production packages package-lock.json lists (entries without `dev: true`),
 * linked from the repository's installed node_modules. A runtime file left out of `files`, or a dev
 * dependency imported at run time, therefore breaks the installed copy as it would break a user's.
 */
export interface PackedInstall {
  /** The folder that holds node_modules/. */
  prefix: string;
  /** node_modules/<name>, the unpacked tarball. */
  packageDir: string;
  /** The bin file package.json names for the package's own command. */
  bin: string;
  tarballBytes: number;
  /** Paths inside the tarball, relative to the package folder. */
  files: string[];
  /** package-lock paths of the production packages placed beside it. */
  productionPackages: string[];
}

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  link?: boolean;
}

/** npm with nothing from this machine: its own empty cache, user and global config, offline. */
function npmEnv(work: string): Record<string, string> {
  const userrc = join(work, 'npmrc-user');
  const globalrc = join(work, 'npmrc-global');
  writeFileSync(userrc, '');
  writeFileSync(globalrc, '');
  return {
    // npm's launcher needs node; the node running the tests is the one to use.
    PATH: dirname(process.execPath),
    HOME: work,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_userconfig: userrc,
    npm_config_globalconfig: globalrc,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

/** Reads a .tgz as npm writes it (ustar, with pax headers for long names) and writes its files under dest. */
export function extractTarball(tgz: Buffer, dest: string): string[] {
  const tar = gunzipSync(tgz);
  const files: string[] = [];
  let paxPath: string | null = null;
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, len: number) => header.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(345, 155);
    const body = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1] ?? null;
      continue;
    }
    const name = paxPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    paxPath = null;
    if (type !== '0' && type !== '5') continue;
    // npm puts every file under package/; anything escaping dest would be a broken tarball.
    const rel = name.replace(/^package\//, '');
    const target = resolve(dest, rel);
    if (!target.startsWith(resolve(dest) + sep)) throw new Error(`tarball entry outside the package: ${name}`);
    if (type === '5') {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, body);
    files.push(rel);
  }
  return files.sort();
}

/** package-lock paths (`node_modules/...`) of every production package, with their lock entries. */
export function productionLockEntries(repo: string): [string, LockEntry][] {
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  return Object.entries(lock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.link);
}

export function packAndInstall(repo: string, work = mkdtempSync(join(tmpdir(), 'ld-pack-'))): PackedInstall {
  const packDir = join(work, 'pack');
  mkdirSync(packDir, { recursive: true });
  // --ignore-scripts: the caller has built dist/ already; a prepack rebuild would race tests using dist/.
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', packDir], { cwd: repo, env: npmEnv(work), stdio: 'pipe' });
  const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  const tgz = readFileSync(join(packDir, tarball));

  const prefix = join(work, 'prefix');
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { name: string; bin: Record<string, string> };
  const packageDir = join(prefix, 'node_modules', manifest.name);
  const files = extractTarball(tgz, packageDir);

  const productionPackages: string[] = [];
  for (const [path, entry] of productionLockEntries(repo)) {
    const from = join(repo, path);
    if (!existsSync(from)) {
      // An optional package for another platform is legitimately absent.
      if (entry.optional) continue;
      throw new Error(`${path} is a production package in package-lock.json but is not installed; run npm ci`);
    }
    // A link to the installed package keeps this fast; a package with nested node_modules is copied without them,
    // since those are separate lock entries placed on their own turn.
    const to = join(prefix, path);
    mkdirSync(dirname(to), { recursive: true });
    if (existsSync(join(from, 'node_modules'))) cpSync(from, to, { recursive: true, filter: (src) => src !== join(from, 'node_modules') });
    else symlinkSync(from, to, 'dir');
    productionPackages.push(path);
  }
  const installed = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const binRel = installed.bin[manifest.name];
  if (!binRel) throw new Error(`package.json has no bin named ${manifest.name}`);
  return { prefix, packageDir, bin: join(packageDir, binRel), tarballBytes: tgz.length, files, productionPackages };
}

/**
 * Size of every file under dir, following the links to installed packages: `bytes` as `du -L --apparent-size`
 * counts the files, `diskBytes` the blocks they take (what `du -L` shows; many small files round up).
 */
export function treeSize(dir: string): { bytes: number; diskBytes: number } {
  const total = { bytes: 0, diskBytes: 0 };
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      const sub = treeSize(p);
      total.bytes += sub.bytes;
      total.diskBytes += sub.diskBytes + st.blocks * 512;
    } else if (st.isFile()) {
      total.bytes += st.size;
      total.diskBytes += st.blocks * 512;
    }
  }
  return total;
}
