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
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeStubPackages } from '../test/support/python-envs.js';
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
            out[i].append({"ms": ms, "rssKb": ru.ru_maxrss, "exit": os.waitstatus_to_exitcode(status)})
json.dump(out, sys.stdout)
`;

interface Sample {
  ms: number;
  rssKb: number;
  exit: number;
}

interface Command {
  name: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function sec1Pem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'sec1' }).toString();
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** `profiles` profiles cycling through login, sso-session, legacy SSO, assume-role on a login source, credential_process and static keys. */
function buildHome(name: string, profiles: number): string {
  const home = mkdtempSync(join(tmpdir(), `ld-bench-${name}-`));
  const aws = join(home, '.aws');
  mkdirSync(join(aws, 'login', 'cache'), { recursive: true, mode: 0o700 });
  mkdirSync(join(aws, 'sso', 'cache'), { recursive: true, mode: 0o700 });
  const account = '111122223333';
  const expires = new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const kinds = ['login', 'login', 'sso', 'role', 'legacy', 'login', 'process', 'sso', 'static', 'login'];
  let config = '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n';
  let credentials = '';
  for (let n = 0; n < profiles; n += 1) {
    const kind = kinds[n % kinds.length]!;
    const pname = n === 0 ? 'default' : n === 1 ? 'dev' : `p${n}`;
    const header = pname === 'default' ? '[default]' : `[profile ${pname}]`;
    if (kind === 'login') {
      const session = `arn:aws:iam::${account}:user/${pname}-user`;
      config += `${header}\nlogin_session = ${session}\nregion = us-east-1\n\n`;
      const token = {
        accessToken: { accessKeyId: 'ASIABENCHMARK0000001', secretAccessKey: 'bench-secret', sessionToken: 'bench-session', accountId: account, expiresAt: expires },
        tokenType: 'aws_sigv4',
        clientId: 'arn:aws:signin:::devtools/same-device',
        refreshToken: 'bench-refresh',
        idToken: 'e30.e30.sig',
        dpopKey: sec1Pem(),
      };
      writeFileSync(join(aws, 'login', 'cache', `${createHash('sha256').update(session).digest('hex')}.json`), JSON.stringify(token), { mode: 0o600 });
    } else if (kind === 'sso') config += `${header}\nsso_session = corp\nsso_account_id = ${account}\nsso_role_name = Role${n}\nregion = us-east-1\n\n`;
    else if (kind === 'legacy') config += `${header}\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = ${account}\nsso_role_name = ReadOnly\n\n`;
    else if (kind === 'role') config += `${header}\nrole_arn = arn:aws:iam::${account}:role/deploy${n}\nsource_profile = default\nregion = us-east-1\n\n`;
    else if (kind === 'process') config += `${header}\ncredential_process = /usr/bin/false\nregion = us-east-1\n\n`;
    else credentials += `[${pname}]\naws_access_key_id = AKIABENCHMARK${String(n).padStart(7, '0')}\naws_secret_access_key = bench-static\n\n`;
  }
  writeFileSync(join(aws, 'config'), config, { mode: 0o600 });
  writeFileSync(join(aws, 'credentials'), credentials, { mode: 0o600 });
  const sso = { startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accessToken: 'bench-sso', expiresAt: expires, clientId: 'c', clientSecret: 's', registrationExpiresAt: '2099-01-01T00:00:00Z', refreshToken: 'r' };
  writeFileSync(join(aws, 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`), JSON.stringify(sso), { mode: 0o600 });
  writeFileSync(join(aws, 'sso', 'cache', `${createHash('sha1').update('https://legacy.awsapps.com/start').digest('hex')}.json`), JSON.stringify({ ...sso, startUrl: 'https://legacy.awsapps.com/start' }), { mode: 0o600 });
  return home;
}

function venv(base: string, dir: string, systemSite: boolean): string {
  execFileSync(base, ['-m', 'venv', '--without-pip', ...(systemSite ? ['--system-site-packages'] : []), dir], { stdio: 'ignore' });
  return join(dir, 'bin', 'python');
}

function sitePackages(python: string): string {
  return run(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])']);
}

/**
 * Python environments as a developer machine has them: pipx and uv tool environments, a project .venv and
 * loose venvs; some with botocore (the real one through system site-packages, or small stand-ins), some without.
 * Returns the interpreters to pass with --python (tool environments are also where tool discovery looks).
 */
function buildPythonEnvs(home: string, project: string, count: number): string[] {
  const pyenvPython = run('python3', ['-c', 'import sys; print(sys.executable)']);
  const debian = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : pyenvPython;
  const out: string[] = [];
  const plans: Array<() => string> = [
    () => venv(pyenvPython, join(project, '.venv'), true),
    () => {
      const py = venv(debian, join(home, '.local', 'share', 'pipx', 'venvs', 'cfn-lint'), false);
      writeStubPackages(sitePackages(py), { botocore: { version: '1.42.30', login: true, signature: 'padded' }, boto3: '1.42.30' });
      writeFileSync(join(home, '.local', 'share', 'pipx', 'venvs', 'cfn-lint', 'pipx_metadata.json'), '{}');
      return py;
    },
    () => {
      const dir = join(home, '.local', 'share', 'uv', 'tools', 'ruff');
      const py = venv(debian, dir, false);
      writeFileSync(join(dir, 'uv-receipt.toml'), '[tool]\nrequirements = [{ name = "ruff" }]\n');
      return py;
    },
    () => venv(debian, join(home, 'venvs', 'debian-system'), true),
    () => {
      const dir = join(home, '.local', 'share', 'uv', 'tools', 'aws-sam-cli');
      const py = venv(debian, dir, false);
      writeStubPackages(sitePackages(py), { botocore: { version: '1.41.3', login: true, signature: 'unpadded' }, awscrt: { version: '0.28.4', ec: true, padded: false } });
      writeFileSync(join(dir, 'uv-receipt.toml'), '[tool]\nrequirements = [{ name = "aws-sam-cli" }]\n');
      return py;
    },
    () => venv(pyenvPython, join(home, 'venvs', 'empty'), false),
    () => {
      const py = venv(debian, join(home, '.local', 'share', 'pipx', 'venvs', 'black'), false);
      writeFileSync(join(home, '.local', 'share', 'pipx', 'venvs', 'black', 'pipx_metadata.json'), '{}');
      return py;
    },
    () => venv(pyenvPython, join(home, 'venvs', 'boto-real'), true),
    () => {
      const py = venv(debian, join(home, 'venvs', 'old-boto'), false);
      writeStubPackages(sitePackages(py), { botocore: { version: '1.40.76', login: false }, boto3: '1.40.76' });
      return py;
    },
    () => venv(debian, join(home, 'venvs', 'scripts'), false),
  ];
  for (const plan of plans.slice(0, count)) out.push(plan());
  return out;
}

/** A project with manifests in four languages (JS, Python, Go, Java). */
function buildProject(home: string): string {
  const project = join(home, 'project');
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', dependencies: { '@aws-sdk/credential-providers': '^3.936.0', '@aws-sdk/client-s3': '^3.936.0' } }));
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({
      name: 'app',
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', dependencies: { '@aws-sdk/credential-providers': '^3.936.0' } },
        'node_modules/@aws-sdk/credential-providers': { version: '3.940.0' },
        'node_modules/@aws-sdk/credential-provider-login': { version: '3.940.0' },
        'node_modules/@aws-sdk/client-s3': { version: '3.940.0' },
      },
    }),
  );
  writeFileSync(join(project, 'requirements.txt'), 'boto3==1.42.5\nbotocore[crt]==1.42.5\nawscrt==0.28.4\nrequests>=2\n');
  writeFileSync(join(project, 'pyproject.toml'), '[project]\nname = "app"\nversion = "1.0"\ndependencies = ["boto3>=1.42", "botocore[crt]>=1.42"]\n');
  writeFileSync(join(project, 'go.mod'), 'module example.com/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/aws/aws-sdk-go-v2/config v1.31.0\n\tgithub.com/aws/aws-sdk-go-v2/credentials v1.18.0\n)\n');
  writeFileSync(
    join(project, 'pom.xml'),
    '<project><modelVersion>4.0.0</modelVersion><groupId>e</groupId><artifactId>app</artifactId><version>1</version><dependencies><dependency><groupId>software.amazon.awssdk</groupId><artifactId>s3</artifactId><version>2.38.0</version></dependency></dependencies></project>\n',
  );
  return project;
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

// The scale curve: work size -> median. The first point is the benchmark HOME of the speed goals.
const SIZES = [
  { label: '5 profiles', profiles: 5, envs: 0, project: false },
  { label: '20 profiles, 4 Python envs, 4-language project', profiles: 20, envs: 4, project: true },
  { label: '50 profiles, 10 Python envs, 4-language project', profiles: 50, envs: 10, project: true },
];
const homes = SIZES.map((s) => {
  const home = buildHome(s.profiles === 5 ? 'small' : `p${s.profiles}`, s.profiles);
  temps.push(home);
  const project = s.project ? buildProject(home) : home;
  const pythons = s.envs ? buildPythonEnvs(home, project, s.envs) : [];
  return { ...s, home, cwd: project, pythons };
});

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
console.log(`\n${pad('command', 62)} ${pad('median', 8)} ${pad('min–max', 12)} ${pad('peak RSS', 9)} exit`);
for (const r of results) console.log(`${pad(r.name, 62)} ${pad(`${r.medianMs} ms`, 8)} ${pad(`${r.minMs}–${r.maxMs}`, 12)} ${pad(`${r.peakRssMb} MB`, 9)} ${r.exits.join(',')}`);

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
const peak = Math.max(...results.filter((r) => r.name.startsWith('ld ')).map((r) => r.peakRssMb));
goals.push({ goal: 'peak RSS of login-doctor <= 120 MB', actual: `${peak} MB`, pass: peak <= 120 });
if (BASELINE) {
  ratioGoal('after / before (baseline), 5 profiles', 'ld diagnosis', 'baseline diagnosis', null);
  ratioGoal(`after / before (baseline), ${homes.at(-1)!.label}`, `ld diagnosis: ${homes.at(-1)!.label}`, `baseline diagnosis: ${homes.at(-1)!.label}`, null);
}

console.log('\ngoals (ratios: median over rounds of the pair measured in the same round):');
for (const g of goals) console.log(`  ${g.pass === null ? 'info' : g.pass ? 'PASS' : 'MISS'}  ${pad(g.goal, 96)} ${g.actual}`);
console.log('\nscale curve (work size -> median, warm probe cache):');
for (const h of homes) console.log(`  ${pad(h.label, 52)} ${results.find((r) => r.name === (h === small ? 'ld diagnosis' : `ld diagnosis: ${h.label}`))!.medianMs} ms`);

const fp = process.env.BENCH_FOOTPRINT === '0' ? null : installSize(ROOT);
if (fp) console.log(`\ninstall footprint: ${fp.productionPackages} production packages, ${Math.round(fp.installedKb / 1024)} MB on disk (${Math.round(fp.installedFilesKb / 1024)} MB of files), tarball ${fp.tarballKb} KB`);

const out = join(ROOT, 'bench', 'results');
mkdirSync(out, { recursive: true });
const doc = { date: new Date().toISOString(), commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(), runs: RUNS, machine: { cores: cpus().length, node: process.version }, results, goals, footprint: fp };
writeFileSync(join(out, 'latest.json'), JSON.stringify(doc, null, 2));
writeFileSync(join(out, `${doc.date.replace(/[:.]/g, '-')}.json`), JSON.stringify(doc, null, 2));
console.log(`\nresults written to bench/results/latest.json`);
