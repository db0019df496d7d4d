/**
 * `npm run bench`: wall time and peak RSS of login-doctor against the commands users run today, measured in
 * interleaved rounds (every command once per round, in a rotating order) so that load on a shared machine hits
 * all of them alike; ratios are taken pair by pair within a round. A benchmark, not a test: it prints each goal
 * with PASS/MISS and writes JSON for comparing commits.
 * Goals (speed issue): the full offline diagnosis <= 0.5x `aws configure list` (pip AWS CLI v1 and the AWS CLI v2
 * peer); --version/--help within 20 ms of `node -e 0`; 50 profiles + 10 Python environments + a four-language
 * project <= 1.5x the five-profile HOME; peak RSS <= 120 MB.
 * BENCH_RUNS sets the rounds; BENCH_BASELINE=<another checkout, built> adds its diagnosis for before/after ratios.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScaleHomes } from './homes.js';
import { installSize } from './install-size.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const BASELINE = process.env.BENCH_BASELINE ?? null;
const V2_PEER = join(ROOT, '..', '..', 'shared', 'peers', 'aws-cli-v2', 'aws-cli-2.36.7.tar.gz');
const SHARED_V2_PEER = '/work/shared/peers/aws-cli-v2/aws-cli-2.36.7.tar.gz';

// One Python parent runs every round: os.wait4 gives each child's own peak RSS; the order rotates per round.
const MEASURE = `
import os, sys, time, json
plan = json.load(sys.stdin)
out = [[] for _ in plan['commands']]
n = len(plan['commands'])
for rnd in range(plan['rounds'] + 1):
    for k in range(n):
        i = (k + rnd) % n
        c = plan['commands'][i]
        t = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.chdir(c['cwd'])
            fd = os.open(os.devnull, os.O_WRONLY); os.dup2(fd, 1); os.dup2(fd, 2)
            os.execvpe(c['argv'][0], c['argv'], c['env'])
        _, status, ru = os.wait4(pid, 0)
        ms = (time.perf_counter() - t) * 1000
        if rnd > 0:
            out[i].append({"ms": ms, "cpuMs": (ru.ru_utime + ru.ru_stime) * 1000, "rssKb": ru.ru_maxrss, "exit": os.waitstatus_to_exitcode(status)})
json.dump(out, sys.stdout)
`;

interface Sample {
  ms: number;
  /** User + system CPU time of the command and its children (the Python probes): steadier than wall time under load. */
  cpuMs: number;
  rssKb: number;
  exit: number;
}

interface Command {
  name: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function whichAll(name: string, path: string): string[] {
  const seen = new Set<string>();
  return path
    .split(delimiter)
    .map((dir) => join(dir, name))
    .filter((p) => {
      try {
        // /bin is often a link to /usr/bin: the same program twice is one anchor.
        const real = realpathSync(p);
        if (!statSync(real).isFile() || seen.has(real)) return false;
        seen.add(real);
        return true;
      } catch {
        return false;
      }
    });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function stats(samples: Sample[]) {
  const ms = samples.map((s) => s.ms);
  return {
    medianMs: Math.round(median(ms)),
    medianCpuMs: Math.round(median(samples.map((s) => s.cpuMs))),
    minMs: Math.round(Math.min(...ms)),
    maxMs: Math.round(Math.max(...ms)),
    peakRssMb: Math.round(Math.max(...samples.map((s) => s.rssKb)) / 102.4) / 10,
    exits: [...new Set(samples.map((s) => s.exit))],
  };
}

const temps: string[] = [];
process.on('exit', () => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

const homes = buildScaleHomes();
temps.push(...homes.map((h) => h.home));

const baseEnv = (home: string): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: home, AWS_PROFILE: 'dev', AWS_EC2_METADATA_DISABLED: 'true' });
const ld = (root: string) => [process.execPath, join(root, 'bin', 'login-doctor.js')];
const diag = (root: string, h: (typeof homes)[number], extra: string[] = []): Omit<Command, 'name'> => ({
  argv: [...ld(root), '--offline', '--json', '--all-profiles', ...extra, ...h.pythons.flatMap((p) => ['--python', p])],
  env: baseEnv(h.home),
  cwd: h.cwd,
});
const small = homes[0]!;

const commands: Command[] = [
  ...homes.map((h, i) => ({ name: i === 0 ? 'ld diagnosis' : `ld diagnosis: ${h.label}`, ...diag(ROOT, h) })),
  { name: 'ld diagnosis --no-cache', ...diag(ROOT, small, ['--no-cache']) },
  { name: 'ld --version', argv: [...ld(ROOT), '--version'], env: baseEnv(small.home), cwd: small.home },
  { name: 'ld --help', argv: [...ld(ROOT), '--help'], env: baseEnv(small.home), cwd: small.home },
  { name: 'node -e 0', argv: [process.execPath, '-e', '0'], env: baseEnv(small.home), cwd: small.home },
];
if (BASELINE) {
  commands.push({ name: 'baseline diagnosis', ...diag(BASELINE, small) });
  commands.push({ name: `baseline diagnosis: ${homes.at(-1)!.label}`, ...diag(BASELINE, homes.at(-1)!) });
}
const anchors: string[] = [];
const anchor = (name: string, argv: string[]) => {
  anchors.push(name);
  commands.push({ name, argv, env: baseEnv(small.home), cwd: small.home });
};
for (const aws of whichAll('aws', process.env.PATH ?? '')) anchor(`${aws} configure list`, [aws, 'configure', 'list']);
const peerTarball = [V2_PEER, SHARED_V2_PEER].find((p) => existsSync(p));
if (peerTarball) {
  const dir = mkdtempSync(join(tmpdir(), 'ld-bench-awsv2-'));
  temps.push(dir);
  execFileSync('tar', ['-xzf', peerTarball, '-C', dir]);
  const aws = join(dir, '2.36.7', 'bin', 'aws');
  execFileSync(aws, ['--version'], { stdio: 'ignore' }); // compiles its .pyc once, as an installed CLI has them
  anchor('AWS CLI v2 2.36.7 peer: aws configure list', [aws, 'configure', 'list']);
}
anchor('python3 boto3 get_credentials', ['python3', '-c', 'import boto3; boto3.Session().get_credentials()']);

console.log(`login-doctor bench: ${RUNS} interleaved rounds (+1 warm-up round), ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
const measured = spawnSync('python3', ['-c', MEASURE], {
  input: JSON.stringify({ rounds: RUNS, commands: commands.map((c) => ({ argv: c.argv, env: c.env, cwd: c.cwd })) }),
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (measured.status !== 0) throw new Error(`measuring failed: ${measured.stderr}`);
const samples = JSON.parse(measured.stdout) as Sample[][];
const byName = new Map(commands.map((c, i) => [c.name, samples[i]!]));
const results = commands.map((c, i) => ({ name: c.name, ...stats(samples[i]!) }));

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\n${pad('command', 62)} ${pad('median', 8)} ${pad('min–max', 12)} ${pad('CPU', 8)} ${pad('peak RSS', 9)} exit`);
for (const r of results) console.log(`${pad(r.name, 62)} ${pad(`${r.medianMs} ms`, 8)} ${pad(`${r.minMs}–${r.maxMs}`, 12)} ${pad(`${r.medianCpuMs} ms`, 8)} ${pad(`${r.peakRssMb} MB`, 9)} ${r.exits.join(',')}`);

/** Median over rounds of a / b, each pair measured in the same round. */
const pairRatio = (a: string, b: string) => median(byName.get(a)!.map((s, i) => s.ms / byName.get(b)![i]!.ms));
const pairDiff = (a: string, b: string) => median(byName.get(a)!.map((s, i) => s.ms - byName.get(b)![i]!.ms));

interface Goal {
  goal: string;
  actual: string;
  pass: boolean | null;
}
const goals: Goal[] = [];
const ratioGoal = (label: string, a: string, b: string, max: number | null) => {
  const r = pairRatio(a, b);
  goals.push({ goal: `${label} ${max === null ? '(info)' : `<= ${max}x`}`, actual: `${r.toFixed(2)}x`, pass: max === null ? null : r <= max });
};
const pipV1 = anchors.find((a) => /shims\/aws|bin\/aws configure/.test(a) && !a.startsWith('/usr/bin/aws') && !a.startsWith('AWS CLI v2'));
const v2Peer = anchors.find((a) => a.startsWith('AWS CLI v2'));
for (const a of [pipV1, v2Peer]) if (a) ratioGoal(`diagnosis / ${a}`, 'ld diagnosis', a, 0.5);
for (const a of anchors.filter((x) => x !== pipV1 && x !== v2Peer)) ratioGoal(`diagnosis / ${a}`, 'ld diagnosis', a, null);
if (pipV1) ratioGoal(`diagnosis --no-cache (first run after a pip change) / ${pipV1}`, 'ld diagnosis --no-cache', pipV1, null);
for (const v of ['--version', '--help']) {
  const d = pairDiff(`ld ${v}`, 'node -e 0');
  goals.push({ goal: `${v} - node -e 0 <= 20 ms`, actual: `${d.toFixed(1)} ms`, pass: d <= 20 });
}
for (const h of homes.slice(1)) ratioGoal(`scale: ${h.label} / 5 profiles`, `ld diagnosis: ${h.label}`, 'ld diagnosis', h === homes.at(-1) ? 1.5 : null);
// CPU time (user + system, with the children) hardly depends on what else the machine runs: a check on the wall-time ratio.
const last = homes.at(-1)!;
const cpuRatio = median(byName.get(`ld diagnosis: ${last.label}`)!.map((s, i) => s.cpuMs / byName.get('ld diagnosis')![i]!.cpuMs));
goals.push({ goal: `scale, CPU time: ${last.label} / 5 profiles (info)`, actual: `${cpuRatio.toFixed(2)}x`, pass: null });
const peak = Math.max(...results.filter((r) => r.name.startsWith('ld ')).map((r) => r.peakRssMb));
goals.push({ goal: 'peak RSS of login-doctor <= 120 MB', actual: `${peak} MB`, pass: peak <= 120 });
if (BASELINE) {
  ratioGoal('after / before (baseline), 5 profiles', 'ld diagnosis', 'baseline diagnosis', null);
  ratioGoal(`after / before (baseline), ${homes.at(-1)!.label}`, `ld diagnosis: ${homes.at(-1)!.label}`, `baseline diagnosis: ${homes.at(-1)!.label}`, null);
}

console.log('\ngoals (ratios: median over rounds of the pair measured in the same round):');
for (const g of goals) console.log(`  ${g.pass === null ? 'info' : g.pass ? 'PASS' : 'MISS'}  ${pad(g.goal, 96)} ${g.actual}`);
console.log('\nscale curve (work size -> median wall time, CPU time; warm probe cache):');
for (const h of homes) {
  const r = results.find((x) => x.name === (h === small ? 'ld diagnosis' : `ld diagnosis: ${h.label}`))!;
  console.log(`  ${pad(h.label, 52)} ${r.medianMs} ms, CPU ${r.medianCpuMs} ms`);
}

const fp = process.env.BENCH_FOOTPRINT === '0' ? null : installSize(ROOT);
if (fp) console.log(`\ninstall footprint: ${fp.productionPackages} production packages, ${Math.round(fp.installedKb / 1024)} MB on disk (${Math.round(fp.installedFilesKb / 1024)} MB of files), tarball ${fp.tarballKb} KB`);

const out = join(ROOT, 'bench', 'results');
mkdirSync(out, { recursive: true });
const doc = { date: new Date().toISOString(), commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(), runs: RUNS, machine: { cores: cpus().length, node: process.version }, results, goals, footprint: fp };
writeFileSync(join(out, 'latest.json'), JSON.stringify(doc, null, 2));
writeFileSync(join(out, `${doc.date.replace(/[:.]/g, '-')}.json`), JSON.stringify(doc, null, 2));
console.log(`\nresults written to bench/results/latest.json`);
