/**
 * `npm run bench`: wall time and peak RSS of login-doctor against the commands users run today, on the same
 * realistic HOME. A benchmark, not a test: it prints a table and writes JSON for comparing commits.
 * Targets (issue "Speed and hardening"): offline diagnosis median <= 300 ms and <= 0.75x `aws configure list`;
 * --version/--help <= 100 ms; peak RSS <= 120 MB.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installSize } from './install-size.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

// Measures one run of a command from a Python parent: os.wait4 gives the child's own peak RSS.
const MEASURE = `
import os, sys, time, json
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY); os.dup2(fd, 1); os.dup2(fd, 2)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
print(json.dumps({"ms": (time.perf_counter() - t) * 1000, "rssKb": ru.ru_maxrss, "exit": os.waitstatus_to_exitcode(status)}))
`;

interface Sample {
  ms: number;
  rssKb: number;
  exit: number;
}

function measure(argv: string[], env: NodeJS.ProcessEnv): Sample {
  const r = spawnSync('python3', ['-c', MEASURE, ...argv], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`measuring ${argv.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Sample;
}

function sec1Pem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'sec1' }).toString();
}

function buildHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'ld-bench-home-'));
  const aws = join(home, '.aws');
  mkdirSync(join(aws, 'login', 'cache'), { recursive: true, mode: 0o700 });
  mkdirSync(join(aws, 'sso', 'cache'), { recursive: true, mode: 0o700 });
  const account = '111122223333';
  const logins = ['default', 'dev', 'prod', 'sandbox'];
  const expires = new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  let config = '';
  for (const name of logins) {
    const session = `arn:aws:iam::${account}:user/${name}-user`;
    config += `[${name === 'default' ? 'default' : `profile ${name}`}]\nlogin_session = ${session}\nregion = us-east-1\n\n`;
    const token = {
      accessToken: { accessKeyId: 'ASIABENCHMARK0000001', secretAccessKey: 'bench-secret', sessionToken: 'bench-session', accountId: account, expiresAt: expires },
      tokenType: 'aws_sigv4',
      clientId: 'arn:aws:signin:::devtools/same-device',
      refreshToken: 'bench-refresh',
      idToken: 'e30.e30.sig',
      dpopKey: sec1Pem(),
    };
    const file = join(aws, 'login', 'cache', `${createHash('sha256').update(session).digest('hex')}.json`);
    writeFileSync(file, JSON.stringify(token), { mode: 0o600 });
  }
  config += '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n';
  config += '[profile sso-admin]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\nregion = us-east-1\n\n';
  config += '[profile sso-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Developer\nregion = us-east-1\n\n';
  config += '[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n\n';
  config += '[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/deploy\nsource_profile = dev\nregion = us-east-1\n\n';
  config += '[profile tool]\ncredential_process = /usr/bin/false\nregion = us-east-1\n';
  writeFileSync(join(aws, 'config'), config, { mode: 0o600 });
  writeFileSync(join(aws, 'credentials'), '[static]\naws_access_key_id = AKIABENCHMARK0000001\naws_secret_access_key = bench-static\n', { mode: 0o600 });
  const sso = { startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accessToken: 'bench-sso', expiresAt: expires, clientId: 'c', clientSecret: 's', registrationExpiresAt: '2099-01-01T00:00:00Z', refreshToken: 'r' };
  writeFileSync(join(aws, 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`), JSON.stringify(sso), { mode: 0o600 });
  writeFileSync(join(aws, 'sso', 'cache', `${createHash('sha1').update('https://legacy.awsapps.com/start').digest('hex')}.json`), JSON.stringify({ ...sso, startUrl: 'https://legacy.awsapps.com/start' }), { mode: 0o600 });
  return home;
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

function stats(samples: Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  return { medianMs: Math.round(median), minMs: Math.round(ms[0]!), maxMs: Math.round(ms.at(-1)!), peakRssMb: Math.round(Math.max(...samples.map((s) => s.rssKb)) / 102.4) / 10, exit: samples[0]!.exit };
}

const home = buildHome();
const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, AWS_PROFILE: 'dev', AWS_EC2_METADATA_DISABLED: 'true' };
const pythons = ['python3', '/usr/bin/python3'].filter((p) => p === 'python3' || existsSync(p));
const ld = [process.execPath, join(ROOT, 'bin', 'login-doctor.js')];
const commands: Array<{ name: string; argv: string[]; anchor?: boolean }> = [
  { name: 'login-doctor --offline --json', argv: [...ld, '--offline', '--json', ...pythons.flatMap((p) => ['--python', p])] },
  { name: 'login-doctor --version', argv: [...ld, '--version'] },
  { name: 'login-doctor --help', argv: [...ld, '--help'] },
  ...whichAll('aws', env.PATH ?? '').map((aws) => ({ name: `${aws} configure list`, argv: [aws, 'configure', 'list'], anchor: true })),
  { name: 'python3 boto3 get_credentials', argv: ['python3', '-c', 'import boto3; boto3.Session().get_credentials()'], anchor: true },
];

console.log(`login-doctor bench: ${RUNS} runs each (+1 warm-up), ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
const results = commands.map((c) => {
  measure(c.argv, env);
  const samples = Array.from({ length: RUNS }, () => measure(c.argv, env));
  return { name: c.name, anchor: Boolean(c.anchor), ...stats(samples) };
});

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\n${pad('command', 52)} ${pad('median', 8)} ${pad('min–max', 12)} ${pad('peak RSS', 9)} exit`);
for (const r of results) {
  console.log(`${pad(r.name, 52)} ${pad(`${r.medianMs} ms`, 8)} ${pad(`${r.minMs}–${r.maxMs}`, 12)} ${pad(`${r.peakRssMb} MB`, 9)} ${r.exit}`);
}
const diagnosis = results[0]!;
console.log('\nratios (login-doctor --offline --json / anchor):');
for (const a of results.filter((r) => r.anchor)) console.log(`  ${pad(a.name, 50)} ${(diagnosis.medianMs / a.medianMs).toFixed(2)}x`);
const fp = installSize(ROOT);
console.log(`\ninstall footprint: ${fp.productionPackages} production packages, ${Math.round(fp.installedKb / 1024)} MB on disk (${Math.round(fp.installedFilesKb / 1024)} MB of files), tarball ${fp.tarballKb} KB`);
const targets = {
  offlineMedianMs: { target: 300, actual: diagnosis.medianMs },
  versionMedianMs: { target: 100, actual: results[1]!.medianMs },
  helpMedianMs: { target: 100, actual: results[2]!.medianMs },
  peakRssMb: { target: 120, actual: Math.max(...results.filter((r) => r.name.startsWith('login-doctor')).map((r) => r.peakRssMb)) },
};
console.log('\ntargets:');
for (const [k, v] of Object.entries(targets)) console.log(`  ${pad(k, 18)} ${v.actual <= v.target ? 'met ' : 'MISSED'} (${v.actual} vs ${v.target})`);

const out = join(ROOT, 'bench', 'results');
mkdirSync(out, { recursive: true });
const doc = { date: new Date().toISOString(), commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(), runs: RUNS, machine: { cores: cpus().length, node: process.version }, results, footprint: fp, targets };
writeFileSync(join(out, 'latest.json'), JSON.stringify(doc, null, 2));
writeFileSync(join(out, `${doc.date.replace(/[:.]/g, '-')}.json`), JSON.stringify(doc, null, 2));
console.log(`\nresults written to bench/results/latest.json`);
