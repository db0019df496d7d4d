/**
 * HOMEs with the Python environments tools bring (pipx, uv tools, Homebrew formulas, the AWS SAM CLI), built
 * from real venvs at test time. "Real botocore" environments link this machine's pip botocore (pyenv python3,
 * 1.43.11) into the venv's own site-packages, as pipx and Homebrew install it; awscrt is absent or the test
 * stand-in (fixtures/python/awscrt-standin). Old botocore versions are the stub packages of python-env.ts.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { basePython, makeStubVenv, sitePackagesOf, writeScript, type StubPackages } from './python-env.js';

const STANDIN = fileURLToPath(new URL('../../fixtures/python/awscrt-standin/awscrt', import.meta.url));

export interface RealBotocore {
  /** The interpreter whose site-packages holds botocore (venvs are made from it). */
  python: string;
  package: string;
  distInfo: string;
  version: string;
}

/** This machine's pip botocore, or null (tests then skip with the reason). */
export function realBotocore(): RealBotocore | null {
  try {
    const out = execFileSync(
      'python3',
      ['-c', 'import sys, os, botocore, importlib.metadata as m; d = m.distribution("botocore"); print(sys.executable); print(os.path.dirname(botocore.__file__)); print(d._path); print(d.version)'],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' } },
    ).trim().split('\n');
    const [python, pkg, distInfo, version] = out as [string, string, string, string];
    return { python, package: pkg, distInfo, version };
  } catch {
    return null;
  }
}

export type Awscrt = 'absent' | 'complete' | 'no-padded-signature';

/**
 * A venv over the real botocore: --system-site-packages for botocore's own dependencies, botocore itself linked
 * into the venv's site-packages so its dist-info is the environment's.
 */
export function makeRealBotocoreVenv(real: RealBotocore, dir: string, awscrt: Awscrt, extra: Record<string, string> = {}): string {
  mkdirSync(dirname(dir), { recursive: true });
  execFileSync(real.python, ['-m', 'venv', '--system-site-packages', '--without-pip', dir], { stdio: 'ignore' });
  const site = sitePackagesOf(dir);
  symlinkSync(real.package, join(site, 'botocore'));
  symlinkSync(real.distInfo, join(site, `botocore-${real.version}.dist-info`));
  if (awscrt !== 'absent') {
    cpSync(STANDIN, join(site, 'awscrt'), { recursive: true });
    if (awscrt === 'no-padded-signature') writeFileSync(join(site, 'awscrt', '_variant.py'), "VARIANT = '0.28.4'\n");
  }
  for (const [rel, content] of Object.entries(extra)) writeFileSync(join(dir, rel), content);
  return join(dir, 'bin', 'python');
}

/** A stub-package venv (old botocore versions) from the Debian/first python3. */
export function makeStubToolVenv(dir: string, packages: StubPackages): string {
  const base = basePython();
  if (!base) throw new Error('no python3 to build venvs from');
  mkdirSync(dirname(dir), { recursive: true });
  return makeStubVenv(base, dir, packages);
}

/** A folder that looks like a venv (bin/python) whose python records every start in `marker` and does nothing else. */
export function makeTrapVenv(dir: string, marker: string) {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(join(dir, 'lib', 'python3.11', 'site-packages', 'requests-2.32.0.dist-info'), { recursive: true });
  writeScript(join(dir, 'bin', 'python'), `echo started >> '${marker}'\nexit 1\n`);
}

export function distInfo(site: string, name: string, version: string) {
  const d = join(site, `${name}-${version}.dist-info`);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'METADATA'), `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`);
}
