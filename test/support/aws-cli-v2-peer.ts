/**
 * The real AWS CLI v2 test peers (shared/peers/aws-cli-v2: 2.36.7 and 2.32.6, built from the CLI's own source),
 * each extracted and started once (its Python files compiled) per test run, into .test-build/aws-cli-v2-peers/,
 * which `npm test` empties before every run; test processes share the trees and only read them. Use 2.36.7 as
 * the CLI oracle.
 *
 * API
 *   const reason = await awsCliV2PeerMissing()        // null, or why the peers cannot run here (tests: peerMissing)
 *   const peer = await awsCliV2Peer('2.36.7')          // { version, root, aws, lib, awscrt }
 *   const low = await awsCliV2Peer('2.36.7', 'no-padded-signature')
 *        // a separate copy whose awscrt stand-in says 0.28.4 and lacks EC.decode_der_signature_to_padded_pair,
 *        // like a source-built CLI >= 2.32.7 on an older awscrt (aws/aws-cli#9888)
 *   await runAwsCliV2(peer, ['sts', 'get-caller-identity'], { env, input? })   // { code, stdout, stderr }
 *
 * `peer.aws` is the tree's bin/aws, a /bin/sh launcher running `/usr/bin/python3 -I` on lib/; it needs nothing on
 * PATH. The folder holding the tarballs: LOGIN_DOCTOR_AWS_CLI_V2_PEERS, else shared/peers/aws-cli-v2 beside or
 * above the checkout.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';

export type PeerVersion = '2.36.7' | '2.32.6';
export type PeerAwscrt = 'as-built' | 'no-padded-signature';

export interface AwsCliV2Peer {
  version: PeerVersion;
  awscrt: PeerAwscrt;
  /** The extracted tree (bin/, lib/). */
  root: string;
  /** bin/aws, the launcher. */
  aws: string;
  /** lib/, which holds awscli and the awscrt stand-in. */
  lib: string;
}

/** The Debian modules the CLI imports at start-up (.ci/run installs their packages). */
const PYTHON_DEPS = ['colorama', 'docutils', 'cryptography', 'ruamel.yaml', 'prompt_toolkit', 'distro', 'dateutil', 'jmespath', 'urllib3'];
const PYTHON = '/usr/bin/python3';

function peersDir(): string | null {
  const candidates = [
    process.env.LOGIN_DOCTOR_AWS_CLI_V2_PEERS,
    join(REPO_ROOT, '..', 'shared', 'peers', 'aws-cli-v2'),
    join(REPO_ROOT, '..', '..', 'shared', 'peers', 'aws-cli-v2'),
  ].filter((d): d is string => Boolean(d));
  return candidates.find((d) => existsSync(join(d, 'aws-cli-2.36.7.tar.gz'))) ?? null;
}

function exec(command: string, args: string[], env: Record<string, string> = { PATH: '/usr/bin:/bin' }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout: String(stdout), stderr: String(stderr) || (error ? String(error) : '') });
    });
  });
}

let missing: Promise<string | null> | null = null;

export function awsCliV2PeerMissing(): Promise<string | null> {
  missing ??= (async () => {
    const dir = peersDir();
    if (!dir) return 'the AWS CLI v2 peer tarballs (shared/peers/aws-cli-v2) are not here; set LOGIN_DOCTOR_AWS_CLI_V2_PEERS';
    if (!existsSync(PYTHON)) return `${PYTHON} is missing (the peers run on Debian's python3)`;
    const r = await exec(PYTHON, ['-I', '-c', `import ${PYTHON_DEPS.join(', ')}`]);
    return r.code === 0 ? null : `${PYTHON} lacks the CLI's Debian dependencies: ${r.stderr.trim().split('\n').pop() ?? ''}`;
  })();
  return missing;
}

const peers = new Map<string, Promise<AwsCliV2Peer>>();
const SHARED = join(REPO_ROOT, '.test-build', 'aws-cli-v2-peers');

/** Lowers the stand-in as the peers' README says: __version__ 0.28.4 and no padded-pair method. */
async function lowerAwscrt(lib: string): Promise<void> {
  const crypto = join(lib, 'awscrt', 'crypto.py');
  const init = join(lib, 'awscrt', '__init__.py');
  const text = await readFile(crypto, 'utf8');
  const lowered = text.replace(/    @staticmethod\n    def decode_der_signature_to_padded_pair\([\s\S]*?\n\n/, '');
  const initText = await readFile(init, 'utf8');
  const initLowered = initText.replace(/^__version__ = '[^']+'$/m, "__version__ = '0.28.4'");
  if (lowered === text || initLowered === initText) throw new Error('the awscrt stand-in changed shape: cannot lower it');
  await writeFile(crypto, lowered);
  await writeFile(init, initLowered);
}

export function awsCliV2Peer(version: PeerVersion, awscrt: PeerAwscrt = 'as-built'): Promise<AwsCliV2Peer> {
  const key = `${version}:${awscrt}`;
  let p = peers.get(key);
  if (!p) {
    p = (async () => {
      const reason = await awsCliV2PeerMissing();
      if (reason) throw new Error(reason);
      const tarball = join(peersDir()!, `aws-cli-${version}.tar.gz`);
      const { size, mtimeMs } = statSync(tarball);
      // Named after the tarball's size and time, so a replaced tarball is never answered by an older tree.
      const dir = join(SHARED, `${version}-${awscrt}-${size}-${Math.trunc(mtimeMs)}`);
      const tree = (at: string): AwsCliV2Peer => ({ version, awscrt, root: join(at, version), aws: join(at, version, 'bin', 'aws'), lib: join(at, version, 'lib') });
      if (!existsSync(dir)) {
        // Prepared aside and renamed into place whole: a process that finds the folder finds a finished tree.
        await mkdir(SHARED, { recursive: true });
        const staging = await mkdtemp(join(SHARED, 'staging-'));
        try {
          const r = await exec('tar', ['-xzf', tarball, '-C', staging]);
          if (r.code !== 0) throw new Error(`extracting aws-cli-${version}.tar.gz failed: ${r.stderr}`);
          const staged = tree(staging);
          if (awscrt === 'no-padded-signature') await lowerAwscrt(staged.lib);
          // The first run compiles the tree's Python files; do it here, not inside a test's time limits.
          const warm = await exec(staged.aws, ['--version'], { PATH: '' });
          if (!warm.stdout.startsWith(`aws-cli/${version} `)) throw new Error(`${staged.aws} --version: ${warm.stdout}${warm.stderr}`);
        } catch (error) {
          await rm(staging, { recursive: true, force: true });
          throw error;
        }
        // Another test process may have finished the same tree first: then its copy is used and this one dropped.
        await rename(staging, dir).catch(async (e: unknown) => {
          await rm(staging, { recursive: true, force: true });
          if (!existsSync(dir)) throw e;
        });
      }
      return tree(dir);
    })();
    peers.set(key, p);
  }
  return p;
}

/** Runs the peer asynchronously (the fake AWS answers in this process) with exactly `env` (PATH empty unless given). */
export function runAwsCliV2(
  peer: AwsCliV2Peer,
  args: string[],
  o: { env: Record<string, string>; input?: string; timeoutMs?: number; onStdout?: (chunk: string, write: (s: string) => void) => void },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(peer.aws, args, { env: { PATH: '', AWS_EC2_METADATA_DISABLED: 'true', ...o.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 60_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      o.onStdout?.(stdout, (s) => child.stdin.write(s));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (o.input !== undefined) child.stdin.end(o.input);
    else if (!o.onStdout) child.stdin.end();
  });
}
