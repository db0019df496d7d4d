/**
 * `node --import tsx bench/profile-scale.ts [runs]`: CPU profiles of the largest scale HOME (warm probe cache),
 * summed by self time per function and per file, to find where the scale goal's extra time goes.
 * BENCH_HOME=<index> picks another point of the curve; BENCH_KEEP=1 keeps the HOMEs and prints them (for timing designs by hand).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScaleHomes } from './homes.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.argv[2] ?? 5);
const homes = buildScaleHomes();
const h = homes[Number(process.env.BENCH_HOME ?? homes.length - 1)]!; // BENCH_HOME=0 profiles the five-profile HOME
const dir = mkdtempSync(join(tmpdir(), 'ld-prof-'));
const argv = [join(ROOT, 'bin', 'login-doctor.js'), '--offline', '--json', '--all-profiles', ...h.pythons.flatMap((p) => ['--python', p])];
const env = { PATH: process.env.PATH, HOME: h.home, AWS_PROFILE: 'dev', AWS_EC2_METADATA_DISABLED: 'true' };
const exec = (extra: string[]) => {
  try {
    execFileSync(process.execPath, [...extra, ...argv], { cwd: h.cwd, env, stdio: 'ignore' });
  } catch {
    // findings give a non-zero exit
  }
};
exec([]); // warm the probe cache
for (let i = 0; i < RUNS; i += 1) exec(['--cpu-prof', `--cpu-prof-dir=${dir}`]);

const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
for (const f of readdirSync(dir)) {
  const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Profile;
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  p.samples.forEach((id, i) => {
    const n = nodes.get(id)!;
    const ms = (p.timeDeltas[i] ?? 0) / 1000 / RUNS;
    const file = n.callFrame.url.replace(/^file:\/\//, '').replace(ROOT, '') || `(${n.callFrame.functionName})`;
    const fn = `${n.callFrame.functionName || '(anon)'} ${file}:${n.callFrame.lineNumber}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    total += ms;
  });
}
const top = (m: Map<string, number>, n: number) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${v.toFixed(1).padStart(6)} ms  ${k}`).join('\n');
console.log(`mean profiled time per run: ${total.toFixed(0)} ms over ${RUNS} runs\n\nby file:\n${top(byFile, 25)}\n\nby function (self):\n${top(byFn, 40)}`);
if (process.env.BENCH_KEEP === '1') {
  console.log(`\nprofiles: ${dir}`);
  for (const x of homes) console.log(`HOME=${x.home} cwd=${x.cwd} pythons=${x.pythons.join(',')}`);
} else {
  rmSync(dir, { recursive: true, force: true });
  for (const x of homes) rmSync(x.home, { recursive: true, force: true });
}
