/**
 * Throwaway Python environments over the machine's real botocore (pyenv `python3`, botocore 1.43.11), one per
 * awscrt variant, made at test time and cached for the rest of this test process (removed at exit).
 *
 * API
 *   const env = await pythonEnv('complete' | 'no-padded-signature' | 'absent')
 *   env.python           // path of the venv's python (sees the system site-packages: boto3, botocore, awscli v1)
 *   env.variant, env.dir
 *   await runPython(env, code, { env })   // runs `python -c code` with exactly the env given (+ PATH)
 *   await runPythonArgs(env, ['-m', 'awscli', 'sts', 'get-caller-identity'], { env })   // any arguments (pip AWS CLI v1)
 *   pythonAvailable()    // null, or why the real botocore is unusable here (tests skip with that reason)
 *
 * Each venv is `python3 -m venv --system-site-packages --without-pip`; the stand-in package
 * (fixtures/python/awscrt-standin, see its README) is copied into its site-packages, with `_variant.py` for 0.28.4.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';

export type AwscrtVariant = 'complete' | 'no-padded-signature' | 'absent';

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

const STANDIN = fileURLToPath(new URL('../../fixtures/python/awscrt-standin/awscrt', import.meta.url));
const BASE_PYTHON = process.env.LOGIN_DOCTOR_TEST_PYTHON ?? 'python3';

let root: Promise<string> | null = null;
const envs = new Map<AwscrtVariant, Promise<PythonEnv>>();

function run(command: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<PythonResult> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && code === null ? String(error) : '') });
    });
  });
}

function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir() };
}

function testRoot(): Promise<string> {
  root ??= mkdtemp(join(tmpdir(), 'ld-pyenvs-')).then((dir) => {
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  });
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

export function pythonEnv(variant: AwscrtVariant): Promise<PythonEnv> {
  let p = envs.get(variant);
  if (!p) {
    p = (async () => {
      const dir = join(await testRoot(), variant);
      const made = await run(BASE_PYTHON, ['-m', 'venv', '--system-site-packages', '--without-pip', dir], baseEnv());
      if (made.code !== 0) throw new Error(`python3 -m venv failed: ${made.stderr}`);
      const python = join(dir, 'bin', 'python');
      const site = await run(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], baseEnv());
      if (site.code !== 0) throw new Error(`venv python does not run: ${site.stderr}`);
      if (variant !== 'absent') {
        const target = join(site.stdout.trim(), 'awscrt');
        await cp(STANDIN, target, { recursive: true });
        if (variant === 'no-padded-signature') await writeFile(join(target, '_variant.py'), "VARIANT = '0.28.4'\n");
      }
      return { variant, dir, python };
    })();
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

export async function removePythonEnvs(): Promise<void> {
  if (root) await rm(await root, { recursive: true, force: true });
  root = null;
  envs.clear();
}
