/**
 * Every speed design gives the same JSON as the slow path: the CLI's main() from the TypeScript sources, without the
 * bundle and the launcher's early probe start, with --no-cache. Compared on fixture HOMEs with the real interpreters of the test suite: real botocore
 * with stand-in awscrt versions, Debian's python3 (awscrt 0.16.8) where present, stub environments, none.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, lutimesSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonReport } from '../../src/report/json.js';
import { fixtureHome, REPO_ROOT, runCli, type CliResult } from '../support/cli.js';
import { basePython, makeVenv, pythonAvailable, pythonEnv, sitePackagesOf, writeScript, writeStubPackages } from '../support/python-envs.js';

const MAIN = join(REPO_ROOT, 'src', 'cli', 'main.ts');
const TSX = import.meta.resolve('tsx');

/** The CLI from its TypeScript sources, without bin/ and the bundle: no --version/--help shortcut, no early probe start. */
function runSlow(args: string[], env: Record<string, string>, cwd: string): Promise<CliResult> {
  const code = `import { main } from ${JSON.stringify(MAIN)}; process.exitCode = await main(process.argv.slice(1));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', code, '--', ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, stdout, stderr }));
  });
}

function parse(r: CliResult): JsonReport {
  try {
    return JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

/** The report without what legitimately differs between runs: the time, and which probe answers were cached. */
function comparable(report: JsonReport): unknown {
  return {
    ...report,
    generatedAt: null,
    findings: report.findings.map((f) => (f.code === 'python-interpreters' ? { ...f, evidence: { ...f.evidence, fromCache: null } } : f)),
  };
}

function fromCache(report: JsonReport): string[] {
  return report.findings.find((f) => f.code === 'python-interpreters')!.evidence.fromCache as string[];
}

/** Files written a while ago: the cache stores nothing whose files changed within the last second. */
function backdate(dir: string) {
  const old = new Date(Date.now() - 3600_000);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) backdate(path);
    if (e.isSymbolicLink()) lutimesSync(path, old, old);
    else utimesSync(path, old, old);
  }
  utimesSync(dir, old, old);
}

describe('fast paths give the slow path\'s JSON', { skip: basePython() ? false : 'no python3 to build environments' }, () => {
  let root: string;
  let cacheHome: string;
  let bin: string;
  const pythons: string[] = [];
  let stubs: Record<string, string>;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ld-fast-'));
    cacheHome = join(root, 'cache');
    bin = join(root, 'bin');
    mkdirSync(bin);
    const base = basePython()!;
    stubs = {
      healthy: makeVenv(join(root, 'healthy'), { base, stubs: { botocore: { version: '1.42.11', login: true, signature: 'padded' }, awscrt: { version: '0.29.1', ec: true, padded: true }, boto3: '1.42.11' } }),
      noCrt: makeVenv(join(root, 'noCrt'), { base, stubs: { botocore: { version: '1.43.0', login: true, signature: 'padded' }, boto3: '1.43.0' } }),
      noLogin: makeVenv(join(root, 'noLogin'), { base, stubs: { botocore: { version: '1.40.76', login: false } } }),
      broken: makeVenv(join(root, 'broken'), { base, stubs: { botocore: { version: '1.43.0', login: true, importError: 'No module named dateutil' } } }),
      none: makeVenv(join(root, 'none'), { base, stubs: {} }),
    };
    pythons.push(...Object.values(stubs));
    if ((await pythonAvailable()) === null) {
      for (const variant of ['complete', 'no-padded-signature', 'absent'] as const) pythons.push((await pythonEnv(variant)).python);
    }
    if (existsSync('/usr/bin/python3')) pythons.push('/usr/bin/python3');
    for (const p of pythons) if (p !== '/usr/bin/python3') backdate(join(p, '..', '..'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const envFor = (home: string, cache: boolean): Record<string, string> => ({
    PATH: bin,
    HOME: home,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...(cache ? { XDG_CACHE_HOME: cacheHome } : { LOGIN_DOCTOR_NO_CACHE: '1' }),
  });
  const args = () => ['--json', '--offline', '--all-profiles', ...pythons.flatMap((p) => ['--python', p])];

  for (const name of ['healthy-login', 'multi', 'empty']) {
    it(`${name}: early start, cold cache and warm cache equal main() with --no-cache`, async () => {
      const home = fixtureHome(name);
      rmSync(cacheHome, { recursive: true, force: true });
      const slow = parse(await runSlow([...args(), '--no-cache'], envFor(home, false), home));
      const early = parse(await runCli([...args(), '--no-cache'], { home, env: envFor(home, false) }));
      const cold = parse(await runCli(args(), { home, env: { ...envFor(home, true), LOGIN_DOCTOR_NO_CACHE: undefined } }));
      const warm = parse(await runCli(args(), { home, env: { ...envFor(home, true), LOGIN_DOCTOR_NO_CACHE: undefined } }));
      assert.deepEqual(comparable(early), comparable(slow));
      assert.deepEqual(comparable(cold), comparable(slow));
      assert.deepEqual(comparable(warm), comparable(slow));
      assert.deepEqual(fromCache(slow), []);
      assert.deepEqual(fromCache(cold), []);
      // Every interpreter with a report is answered from the cache on the second run.
      const probed = slow.findings.filter((f) => f.check === 'tools.python' && typeof f.evidence.python === 'string' && f.code !== 'python-probe-failed');
      assert.ok(probed.length > 0);
      // (The isolated venv without botocore is answered from its files, without Python, cache or not.)
      assert.deepEqual(new Set(fromCache(warm)), new Set(pythons.filter((p) => p !== stubs.none)));
      assert.equal(existsSync(join(home, '.cache')), false, 'nothing written into the fixture HOME');
    });
  }

  it('stores entries 0600 in a 0700 folder, and no temp file stays', async () => {
    const home = fixtureHome('healthy-login');
    rmSync(cacheHome, { recursive: true, force: true });
    await runCli(args(), { home, env: { ...envFor(home, true), LOGIN_DOCTOR_NO_CACHE: undefined } });
    const dir = join(cacheHome, 'login-doctor');
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const files = readdirSync(dir);
    assert.equal(files.length, pythons.length - 1, 'one entry per started interpreter');
    for (const f of files) {
      assert.match(f, /^python-probe-[0-9a-f]{40}\.json$/);
      assert.equal(statSync(join(dir, f)).mode & 0o777, 0o600);
    }
  });

  it('a changed environment is probed again, the others still come from the cache', async () => {
    const home = fixtureHome('healthy-login');
    const env = { ...envFor(home, true), LOGIN_DOCTOR_NO_CACHE: undefined };
    rmSync(cacheHome, { recursive: true, force: true });
    const copy = join(root, 'changing');
    cpSync(join(root, 'noCrt'), copy, { recursive: true });
    backdate(copy);
    const python = join(copy, 'bin', 'python');
    const run = async () => parse(await runCli(['--json', '--offline', '--python', python, '--python', stubs.healthy!], { home, env }));
    await run();
    const before = await run();
    assert.deepEqual(new Set(fromCache(before)), new Set([python, stubs.healthy]));
    assert.ok(before.findings.some((f) => f.code === 'python-awscrt-missing' && f.evidence.python === python));

    writeStubPackages(sitePackagesOf(copy), { awscrt: { version: '0.29.1', ec: true, padded: true } });
    const afterChange = await run();
    assert.deepEqual(fromCache(afterChange), [stubs.healthy]);
    assert.ok(afterChange.findings.some((f) => f.code === 'python-ok' && f.evidence.python === python), 'the new awscrt is seen');
    const slow = parse(await runSlow(['--json', '--offline', '--no-cache', '--python', python, '--python', stubs.healthy!], envFor(home, false), home));
    assert.deepEqual(comparable(afterChange), comparable(slow));
  });

  it('a corrupt, group-writable or foreign entry is ignored, and --no-cache reads none', async () => {
    const home = fixtureHome('healthy-login');
    const env = { ...envFor(home, true), LOGIN_DOCTOR_NO_CACHE: undefined };
    const probe = ['--json', '--offline', '--python', stubs.healthy!];
    rmSync(cacheHome, { recursive: true, force: true });
    const expected = comparable(parse(await runCli(probe, { home, env })));
    const dir = join(cacheHome, 'login-doctor');
    const [file] = readdirSync(dir);
    const entry = join(dir, file!);
    const good = readFileSync(entry, 'utf8');
    assert.deepEqual(fromCache(parse(await runCli(probe, { home, env }))), [stubs.healthy]);
    assert.deepEqual(fromCache(parse(await runCli([...probe, '--no-cache'], { home, env }))), []);

    // A planted answer (healthy -> "no botocore") must never be believed when the file is not trustworthy.
    const planted = JSON.parse(good) as { value: { botocore: { present: boolean } } };
    planted.value.botocore.present = false;
    const cases: Array<[string, () => void]> = [
      ['corrupt', () => writeFileSync(entry, good.slice(0, good.length / 2), { mode: 0o600 })],
      ['group-writable', () => (writeFileSync(entry, JSON.stringify(planted)), chmodSync(entry, 0o660))],
    ];
    if (process.getuid?.() === 0) cases.push(['owned by another user', () => (writeFileSync(entry, JSON.stringify(planted)), chmodSync(entry, 0o600), chownSync(entry, 4242, 4242))]);
    for (const [what, spoil] of cases) {
      rmSync(entry, { force: true });
      spoil();
      const r = parse(await runCli(probe, { home, env }));
      assert.deepEqual(fromCache(r), [], what);
      assert.deepEqual(comparable(r), expected, what);
    }
  });

  it('an isolated venv without botocore or awscrt is not started; --no-cache starts it', async () => {
    const home = fixtureHome('healthy-login');
    const venv = join(root, 'not-started');
    const site = join(venv, 'lib', 'python3.11', 'site-packages');
    mkdirSync(join(site, 'requests'), { recursive: true });
    mkdirSync(join(venv, 'bin'));
    writeFileSync(join(venv, 'pyvenv.cfg'), 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n');
    const marker = join(root, 'not-started-ran');
    const python = join(venv, 'bin', 'python');
    writeScript(python, `: > ${marker}\nexit 3\n`);
    const shared = { home, env: { ...envFor(home, true), LOGIN_DOCTOR_NO_CACHE: undefined } };
    const fast = parse(await runCli(['--json', '--offline', '--python', python], shared));
    assert.equal(existsSync(marker), false, 'the interpreter was started');
    const summary = fast.findings.find((f) => f.code === 'python-interpreters')!;
    assert.deepEqual(summary.evidence.withoutBotocore, [python]);

    // Any sign that botocore or awscrt may be visible means the probe runs.
    for (const entry of ['awscrt', 'botocore-1.43.0.dist-info', 'distutils-precedence.pth']) {
      mkdirSync(join(site, entry));
      await runCli(['--json', '--offline', '--python', python], shared);
      assert.equal(existsSync(marker), true, entry);
      rmSync(marker);
      rmSync(join(site, entry), { recursive: true });
    }
    await runCli(['--json', '--offline', '--no-cache', '--python', python], shared);
    assert.equal(existsSync(marker), true, '--no-cache runs every probe');
  });

  it('--version and --help print what the CLI prints', async () => {
    const home = fixtureHome('empty');
    for (const a of [['--version'], ['-V'], ['--help'], ['-h']]) {
      const fast = await runCli(a, { home });
      const slow = await runSlow(a, envFor(home, false), home);
      assert.equal(fast.code, 0);
      assert.equal(fast.stdout, slow.stdout, a[0]);
      assert.equal(fast.stderr, slow.stderr);
    }
    assert.match((await runCli(['--version'], { home })).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

it('no fixture HOME holds a probe cache (a run without --no-cache against a fixture HOME would leave one)', () => {
  const homes = join(REPO_ROOT, 'fixtures/homes');
  assert.deepEqual(
    readdirSync(homes).filter((name) => existsSync(join(homes, name, '.cache'))),
    [],
  );
});
