/**
 * Install footprint for `npm run bench`: the tarball `npm pack` writes, and node_modules as a user's install
 * holds it (the package plus the production packages package-lock.json pins). Built without the registry,
 * the npm cache or the network (test/support/pack.ts), so it measures this commit, not today's registry.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { packAndInstall, treeSize } from '../test/support/pack.js';

export interface InstallSize {
  tarballKb: number;
  /** node_modules on disk (file blocks, as `du -sk` counts). */
  installedKb: number;
  /** The files' own sizes. */
  installedFilesKb: number;
  /** Packages installed beside login-doctor. */
  productionPackages: number;
}

export function installSize(root: string): InstallSize {
  const inst = packAndInstall(root);
  try {
    const size = treeSize(join(inst.prefix, 'node_modules'));
    return {
      tarballKb: Math.round(inst.tarballBytes / 1024),
      installedKb: Math.round(size.diskBytes / 1024),
      installedFilesKb: Math.round(size.bytes / 1024),
      productionPackages: inst.productionPackages.length,
    };
  } finally {
    rmSync(join(inst.prefix, '..'), { recursive: true, force: true });
  }
}
