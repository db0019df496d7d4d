import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Status } from '../../src/engine/finding.js';
import { isDeclared } from '../../src/engine/finding-codes.js';
import type { JsonReport } from '../../src/report/json.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/login-doctor.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  home: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
}

/**
 * Runs the built CLI as a user would, with a clean environment: HOME and what the test passes. No AWS_*
 * variable of the developer's shell leaks in, and instance metadata is off. PATH is empty unless the test
 * passes one, so the machine's own aws and python never change a result they are not the subject of.
 */
export function runCli(args: string[], o: CliOptions): Promise<CliResult> {
  // The probe cache would write into the fixture HOME: tests that are about it pass LOGIN_DOCTOR_NO_CACHE: undefined.
  const env: Record<string, string> = { PATH: '', HOME: o.home, AWS_EC2_METADATA_DISABLED: 'true', LOGIN_DOCTOR_NO_CACHE: '1' };
  for (const [k, v] of Object.entries(o.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: o.cwd ?? o.home, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 60_000);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const undeclared = undeclaredFinding(stdout);
      if (undeclared) reject(new Error(`${undeclared} is not declared in src/engine/finding-codes.ts`));
      else resolve({ code, stdout, stderr });
    });
    child.stdin.end(o.input ?? '');
  });
}

/**
 * Every CLI test doubles as a check of the finding catalog: a JSON report naming a code, check and status the
 * catalog does not declare fails the test (refresh-test findings do not pass the runner's own guard).
 */
function undeclaredFinding(stdout: string): string | null {
  let report: unknown;
  try {
    report = JSON.parse(stdout);
  } catch {
    return null;
  }
  const findings = (report as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(findings)) return null;
  for (const f of findings as Array<{ check: string; code: string; status: Status }>) {
    if (!isDeclared(f.check, f.code, f.status)) return `${f.check} reporting ${f.code} with status ${f.status}`;
  }
  return null;
}

export async function runJson(args: string[], o: CliOptions): Promise<{ code: number | null; report: JsonReport; stderr: string }> {
  const r = await runCli(['--json', ...args], o);
  let report: JsonReport;
  try {
    report = JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}):\n${r.stdout}\n--- stderr:\n${r.stderr}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

export function fixtureHome(name: string): string {
  return `${FIXTURES}homes/${name}`;
}
