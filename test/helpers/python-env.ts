import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

/** A real python3 to build venvs from: Debian's, else the first on PATH. Null when the machine has none. */
export function basePython(): string | null {
  const candidates = ['/usr/bin/python3', ...(process.env.PATH ?? '').split(':').filter(Boolean).map((d) => join(d, 'python3'))];
  return candidates.find((p) => existsSync(p)) ?? null;
}

export interface StubPackages {
  /** botocore: version, whether credentials.py has LoginProvider, and which EC method _build_dpop_header calls. */
  botocore?: { version: string; login: boolean; signature?: 'padded' | 'unpadded'; importError?: string };
  /** awscrt: __version__, whether awscrt.crypto.EC exists and has decode_der_signature_to_padded_pair. */
  awscrt?: { version: string; ec: boolean; padded: boolean };
  boto3?: string;
}

function distInfo(site: string, name: string, version: string) {
  const dir = join(site, `${name}-${version}.dist-info`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'METADATA'), `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`);
  writeFileSync(join(dir, 'INSTALLER'), 'pip\n');
  writeFileSync(join(dir, 'RECORD'), '');
}

/** Writes minimal botocore/awscrt/boto3 modules plus dist-info metadata into a site-packages folder. */
export function writeStubPackages(site: string, p: StubPackages) {
  if (p.botocore) {
    const b = p.botocore;
    mkdirSync(join(site, 'botocore'), { recursive: true });
    writeFileSync(join(site, 'botocore', '__init__.py'), `__version__ = '${b.version}'\n`);
    const call = b.signature === 'unpadded' ? 'r, s = EC.decode_der_signature(signature)' : 'r = EC.decode_der_signature_to_padded_pair(signature, pad_to=32)';
    const body = b.importError
      ? `raise ImportError('${b.importError}')\n`
      : b.login
        ? `EC = None\nclass LoginProvider(object):\n    METHOD = 'login'\n\ndef _build_dpop_header(private_key, uri, uid=None, ts=None):\n    signature = private_key.sign(b'')\n    ${call}\n`
        : `class SSOProvider(object):\n    METHOD = 'sso'\n`;
    writeFileSync(join(site, 'botocore', 'credentials.py'), body);
    distInfo(site, 'botocore', b.version);
  }
  if (p.awscrt) {
    const a = p.awscrt;
    mkdirSync(join(site, 'awscrt'), { recursive: true });
    writeFileSync(join(site, 'awscrt', '__init__.py'), `__version__ = '${a.version}'\n`);
    writeFileSync(join(site, 'awscrt', 'auth.py'), '');
    const ec = a.ec
      ? `class EC(object):\n    @staticmethod\n    def decode_der_signature(signature):\n        return (b'', b'')\n${a.padded ? '    @staticmethod\n    def decode_der_signature_to_padded_pair(signature, pad_to):\n        return b""\n' : ''}`
      : '';
    writeFileSync(join(site, 'awscrt', 'crypto.py'), ec);
    distInfo(site, 'awscrt', a.version);
  }
  if (p.boto3) {
    mkdirSync(join(site, 'boto3'), { recursive: true });
    writeFileSync(join(site, 'boto3', '__init__.py'), `__version__ = '${p.boto3}'\n`);
    distInfo(site, 'boto3', p.boto3);
  }
}

export function sitePackagesOf(venv: string): string {
  const lib = join(venv, 'lib');
  const version = readdirSync(lib).find((e) => e.startsWith('python'))!;
  return join(lib, version, 'site-packages');
}

/** A real venv (python -m venv --without-pip) with stub packages; returns its bin/python. */
export function makeStubVenv(base: string, dir: string, packages: StubPackages): string {
  execFileSync(base, ['-m', 'venv', '--without-pip', dir], { stdio: 'ignore' });
  writeStubPackages(sitePackagesOf(dir), packages);
  return join(dir, 'bin', 'python');
}

/** An executable shell script. */
export function writeScript(path: string, body: string) {
  writeFileSync(path, body.startsWith('#!') ? body : `#!/bin/sh\n${body}`);
  chmodSync(path, 0o755);
}

/**
 * Whether a missing real peer is an error: on Linux CI (.ci/run, the Linux job of .github/workflows/ci.yml),
 * which installs every peer. The peers are Linux packages, so macOS and Windows runners skip with the reason.
 */
export function peersRequired(env: Readonly<Record<string, string | undefined>> = process.env, platform: NodeJS.Platform = process.platform): boolean {
  return env.CI === 'true' && platform === 'linux';
}

export function peerMissing(t: { skip(message?: string): void }, reason: string) {
  if (peersRequired()) throw new Error(`real peer missing in CI: ${reason}`);
  const why = process.platform === 'linux' ? reason : `${reason} (the real peers are Linux packages; not available on ${process.platform})`;
  console.log(`# skipped: ${why}`);
  t.skip(why);
}
