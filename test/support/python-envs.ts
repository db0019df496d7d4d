/**
 * Python environments built at test time, all by one builder (`makeVenv`): a real venv
 * (`python -m venv --without-pip`) with, as the test asks,
 *   - stub packages: minimal botocore/awscrt/boto3 modules with dist-info (old versions, broken imports);
 *   - the machine's real botocore (pyenv `python3`, botocore 1.43.11): seen through --system-site-packages, and
 *     optionally linked into the venv's own site-packages as pipx and Homebrew install it;
 *   - the awscrt stand-in (fixtures/python/awscrt-standin, see its README) in one of its variants.
 *
 * API
 *   makeVenv(dir, { base?, stubs?, systemSite?, linkBotocore?, awscrt?, files? })   // returns bin/python
 *   const env = await pythonEnv('complete' | 'no-padded-signature' | 'absent')   // cached per test process
 *   env.python           // the venv's python (sees the system site-packages: boto3, botocore, awscli v1)
 *   await runPython(env, code, { env })   // runs `python -c code` with exactly the env given (+ PATH)
 *   await runPythonArgs(env, ['-m', 'awscli', 'sts', 'get-caller-identity'], { env })   // any arguments (pip AWS CLI v1)
 *   pythonAvailable()    // null, or why the real botocore is unusable here (tests skip with that reason)
 *   realBotocore()       // this machine's pip botocore, or null
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type AwscrtVariant = 'complete' | 'no-padded-signature' | 'absent';

export interface StubPackages {
  /** botocore: version, whether credentials.py has LoginProvider, and which EC method _build_dpop_header calls. */
  botocore?: { version: string; login: boolean; signature?: 'padded' | 'unpadded'; importError?: string };
  /** awscrt: __version__, whether awscrt.crypto.EC exists and has decode_der_signature_to_padded_pair. */
  awscrt?: { version: string; ec: boolean; padded: boolean };
  boto3?: string;
}

export interface RealBotocore {
  /** The interpreter whose site-packages holds botocore (venvs are made from it). */
  python: string;
  package: string;
  distInfo: string;
  version: string;
}

export interface VenvOptions {
  /** The interpreter the venv is made from; default basePython(). */
  base?: string;
  stubs?: StubPackages;
  /** --system-site-packages: the base interpreter's packages (real botocore and its dependencies) are visible. */
  systemSite?: boolean;
  /** Links this botocore into the venv's own site-packages, so its dist-info is the environment's (implies systemSite). */
  linkBotocore?: RealBotocore;
  /** Copies the awscrt stand-in into site-packages ('absent': none). */
  awscrt?: AwscrtVariant;
  /** Extra files, relative to the venv folder. */
  files?: Record<string, string>;
}

const STANDIN = fileURLToPath(new URL('../../fixtures/python/awscrt-standin/awscrt', import.meta.url));
const BASE_PYTHON = process.env.LOGIN_DOCTOR_TEST_PYTHON ?? 'python3';

function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir() };
}

/** A real python3 to build stub venvs from: Debian's, else the first on PATH. Null when the machine has none. */
export function basePython(): string | null {
  const candidates = ['/usr/bin/python3', ...(process.env.PATH ?? '').split(':').filter(Boolean).map((d) => join(d, 'python3'))];
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** A dist-info folder as pip leaves it. */
export function distInfo(site: string, name: string, version: string) {
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

/** The one venv builder: a real venv with what `o` asks for; returns its bin/python. */
export function makeVenv(dir: string, o: VenvOptions = {}): string {
  const base = o.base ?? o.linkBotocore?.python ?? basePython();
  if (!base) throw new Error('no python3 to build venvs from');
  mkdirSync(dirname(dir), { recursive: true });
  const system = o.systemSite || o.linkBotocore ? ['--system-site-packages'] : [];
  execFileSync(base, ['-m', 'venv', ...system, '--without-pip', dir], { stdio: 'ignore', env: baseEnv() });
  const site = sitePackagesOf(dir);
  if (o.stubs) writeStubPackages(site, o.stubs);
  if (o.linkBotocore) {
    symlinkSync(o.linkBotocore.package, join(site, 'botocore'));
    symlinkSync(o.linkBotocore.distInfo, join(site, `botocore-${o.linkBotocore.version}.dist-info`));
  }
  if (o.awscrt && o.awscrt !== 'absent') {
    cpSync(STANDIN, join(site, 'awscrt'), { recursive: true });
    if (o.awscrt === 'no-padded-signature') writeFileSync(join(site, 'awscrt', '_variant.py'), "VARIANT = '0.28.4'\n");
  }
  for (const [rel, content] of Object.entries(o.files ?? {})) writeFileSync(join(dir, rel), content);
  return join(dir, 'bin', 'python');
}

/** This machine's pip botocore, or null (tests then skip with the reason). */
export function realBotocore(): RealBotocore | null {
  try {
    const out = execFileSync(
      BASE_PYTHON,
      ['-c', 'import sys, os, botocore, importlib.metadata as m; d = m.distribution("botocore"); print(sys.executable); print(os.path.dirname(botocore.__file__)); print(d._path); print(d.version)'],
      { encoding: 'utf8', env: baseEnv() },
    ).trim().split('\n');
    const [python, pkg, dist, version] = out as [string, string, string, string];
    return { python, package: pkg, distInfo: dist, version };
  } catch {
    return null;
  }
}

/** A folder that looks like a venv (bin/python) whose python records every start in `marker` and does nothing else. */
export function makeTrapVenv(dir: string, marker: string) {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(join(dir, 'lib', 'python3.11', 'site-packages', 'requests-2.32.0.dist-info'), { recursive: true });
  writeScript(join(dir, 'bin', 'python'), `echo started >> '${marker}'\nexit 1\n`);
}

export interface PythonEnv {
  variant: AwscrtVariant;
  dir: string;
  python: string;
}

export interface PythonResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<PythonResult> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && code === null ? String(error) : '') });
    });
  });
}

let root: string | null = null;
const envs = new Map<AwscrtVariant, Promise<PythonEnv>>();

function testRoot(): string {
  if (!root) {
    const dir = mkdtempSync(join(tmpdir(), 'ld-pyenvs-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    root = dir;
  }
  return root;
}

let availability: Promise<string | null> | null = null;

/** null when python3 with botocore >= 1.41 and cryptography is here; else the reason. */
export function pythonAvailable(): Promise<string | null> {
  availability ??= run(BASE_PYTHON, ['-c', 'import botocore, boto3, cryptography; print(botocore.__version__)'], baseEnv()).then((r) =>
    r.code === 0 ? null : `${BASE_PYTHON} with boto3, botocore and cryptography is not available: ${r.stderr.trim().split('\n').pop() ?? ''}`,
  );
  return availability;
}

/** A venv over the real botocore (system site-packages) with the given awscrt stand-in, made once per test process. */
export function pythonEnv(variant: AwscrtVariant): Promise<PythonEnv> {
  let p = envs.get(variant);
  if (!p) {
    p = Promise.resolve().then(() => {
      const dir = join(testRoot(), variant);
      return { variant, dir, python: makeVenv(dir, { base: BASE_PYTHON, systemSite: true, awscrt: variant }) };
    });
    envs.set(variant, p);
  }
  return p;
}

/** Runs code in the env with exactly `env` (plus PATH); no variable of the test process leaks in. */
export function runPython(env: PythonEnv, code: string, o: { env: Record<string, string>; timeoutMs?: number }): Promise<PythonResult> {
  return runPythonArgs(env, ['-c', code], o);
}

export function runPythonArgs(env: PythonEnv, args: string[], o: { env: Record<string, string>; timeoutMs?: number }): Promise<PythonResult> {
  return run(env.python, args, { PATH: process.env.PATH ?? '/usr/bin:/bin', ...o.env }, o.timeoutMs);
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
