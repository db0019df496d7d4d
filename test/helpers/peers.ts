import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './cli.js';

/** The shared peers folder (`../shared/peers` of the checkout, or of any folder above it), or LOGIN_DOCTOR_PEERS. */
export function peersDir(): string | null {
  if (process.env.LOGIN_DOCTOR_PEERS) return process.env.LOGIN_DOCTOR_PEERS;
  for (let dir = REPO_ROOT; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'peers');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

const extracted = new Map<string, string>();
process.on('exit', () => {
  for (const lib of extracted.values()) rmSync(dirname(dirname(lib)), { recursive: true, force: true });
});

/** Extracts a real AWS CLI v2 tree (e.g. `2.36.7`) into a temp folder once per process; its `lib` folder, or null. */
export function awsCliV2Lib(version: string): string | null {
  const cached = extracted.get(version);
  if (cached) return cached;
  const peers = peersDir();
  const tarball = peers && join(peers, 'aws-cli-v2', `aws-cli-${version}.tar.gz`);
  if (!tarball || !existsSync(tarball) || !existsSync('/usr/bin/python3')) return null;
  const dir = mkdtempSync(join(tmpdir(), 'ld-cli-v2-'));
  execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  const lib = join(dir, version, 'lib');
  extracted.set(version, lib);
  return lib;
}
