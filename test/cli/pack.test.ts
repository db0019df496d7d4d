// The published package, installed as a user gets it (test/support/pack.ts: npm pack, no registry, no npm cache,
// no network), must start and find everything it needs, and this test must notice when it cannot.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { parseFindingDocs } from '../../src/report/finding-docs.js';
import { fixtureHome, REPO_ROOT } from '../support/cli.js';
import { packAndInstall, type PackedInstall } from '../support/pack.js';

const DOCS = parseFindingDocs(readFileSync(join(REPO_ROOT, 'docs', 'findings.md'), 'utf8'));
const work: string[] = [];
after(() => {
  for (const dir of work) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  work.push(dir);
  return dir;
}

/** A clean environment: the fixture HOME, no PATH (no python3, no aws, no npm), nothing else from this machine. */
function cleanEnv(): Record<string, string> {
  return { HOME: fixtureHome('region-missing'), PATH: '', LOGIN_DOCTOR_NO_CACHE: '1' };
}

/** `explain --json <code>` for every documented code, in one process that loads the installed bundle. */
const EXPLAIN_ALL = `
const { main } = await import(process.argv[1]);
const out = {};
for (const code of JSON.parse(process.argv[2])) {
  let text = '';
  const io = { out: (t) => (text += t), err: (t) => (text += t), isTTY: false, errIsTTY: false, stdinIsTTY: false, readStdin: async () => '', ask: async () => false };
  const exit = await main(['explain', '--json', code], io);
  out[code] = { exit, text };
}
process.stdout.write(JSON.stringify(out));
`;

/** Everything a user of the installed package relies on; returns what is broken (empty when all works). */
function problemsOf(inst: PackedInstall): string[] {
  const problems: string[] = [];
  const run = (args: string[]) => spawnSync(process.execPath, [inst.bin, ...args], { env: cleanEnv(), cwd: inst.prefix, encoding: 'utf8' });

  const version = run(['--version']);
  const expected = (JSON.parse(readFileSync(join(inst.packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  if (version.status !== 0 || version.stdout.trim() !== expected) problems.push(`--version: exit ${version.status}, ${version.stdout}${version.stderr}`);

  const json = run(['--json', '--offline', '--profile', 'dev']);
  try {
    const report = JSON.parse(json.stdout) as { schemaVersion: number; findings: { code: string; status: string }[] };
    if (json.status !== 1 || report.schemaVersion !== 1 || !report.findings.some((f) => f.code === 'region-missing' && f.status === 'fail')) {
      problems.push(`--json --offline: exit ${json.status}, codes ${report.findings.map((f) => f.code).join(' ')}`);
    }
  } catch {
    problems.push(`--json --offline: exit ${json.status}, not JSON: ${json.stdout.slice(0, 200)}${json.stderr.slice(0, 500)}`);
  }

  const codes = [...DOCS.keys()];
  const all = spawnSync(process.execPath, ['--input-type=module', '-e', EXPLAIN_ALL, pathToFileURL(join(inst.packageDir, 'dist/bundle/main.js')).href, JSON.stringify(codes)], {
    env: cleanEnv(),
    cwd: inst.prefix,
    encoding: 'utf8',
  });
  if (all.status !== 0) {
    problems.push(`explain <code>: the installed bundle did not load: ${all.stderr.slice(0, 500)}`);
    return problems;
  }
  const results = JSON.parse(all.stdout) as Record<string, { exit: number; text: string }>;
  for (const code of codes) {
    const r = results[code]!;
    let finding: { code?: string; text?: string } | undefined;
    try {
      finding = (JSON.parse(r.text) as { finding?: { code: string; text: string } }).finding;
    } catch {
      finding = undefined;
    }
    if (r.exit !== 0 || finding?.code !== code || finding.text !== DOCS.get(code)!.text) problems.push(`explain ${code}: exit ${r.exit}, ${r.text.slice(0, 200)}`);
  }

  const pretty = run(['explain', '--no-color', 'region-missing']);
  if (pretty.status !== 0 || !pretty.stdout.includes('Status: fail') || !pretty.stdout.includes('Fix:')) problems.push(`explain region-missing (pretty): ${pretty.stdout}${pretty.stderr}`);
  return problems;
}

/** The files a user needs and nothing else: the launcher, the bundle with its rendered help, the findings docs, README, the licence. */
function unexpectedFiles(files: readonly string[]): string[] {
  return files.filter((f) => !/^(bin\/login-doctor\.js|dist\/bundle\/[\w.-]+\.js|dist\/bundle\/help\.txt|docs\/findings\.md|README\.md|LICENSE|package\.json)$/.test(f));
}

/** A copy of what npm pack reads, with the repository's node_modules linked in, for a deliberately broken package. */
function brokenCopy(mutate: (dir: string) => void): string {
  const dir = tempDir('ld-broken-');
  for (const entry of ['package.json', 'package-lock.json', 'README.md', 'bin', 'dist', 'docs']) cpSync(join(REPO_ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  mutate(dir);
  return dir;
}

describe('the npm package, installed without the registry, cache or network', { timeout: 300_000 }, () => {
  let inst: PackedInstall;
  before(() => {
    inst = packAndInstall(REPO_ROOT, tempDir('ld-pack-'));
  });

  it('contains exactly what a user needs: the launcher, the bundle, README, LICENSE and docs/findings.md', () => {
    assert.deepEqual(unexpectedFiles(inst.files), []);
    for (const needed of ['bin/login-doctor.js', 'dist/bundle/main.js', 'dist/bundle/early-start.js', 'dist/bundle/help.txt', 'docs/findings.md', 'README.md', 'LICENSE', 'package.json']) {
      assert.ok(inst.files.includes(needed), needed);
    }
    assert.ok(inst.productionPackages.length > 10, 'production packages placed beside it');
    assert.ok(!inst.productionPackages.some((p) => /typescript|tsx|fast-check/.test(p)), 'no dev dependency installed');
  });

  it('runs from the installed copy: --version, an offline diagnosis, explain <code> for every documented code', () => {
    assert.deepEqual(problemsOf(inst), []);
  });

  it('notices a runtime file left out of "files" (docs/findings.md)', () => {
    const repo = brokenCopy((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { files: string[] };
      manifest.files = manifest.files.filter((f) => f !== 'docs/findings.md');
      writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
    });
    const problems = problemsOf(packAndInstall(repo, tempDir('ld-pack-')));
    assert.ok(problems.some((p) => p.startsWith('explain ')), problems.join('\n'));
  });

  it('notices a dev dependency used at run time (the repository checkout would still run)', () => {
    const repo = brokenCopy((dir) => {
      const main = join(dir, 'dist', 'bundle', 'main.js');
      writeFileSync(main, `import 'fast-check';\n${readFileSync(main, 'utf8')}`);
    });
    const inRepo = spawnSync(process.execPath, [join(repo, 'bin', 'login-doctor.js'), '--json', '--offline', '--profile', 'dev'], { env: cleanEnv(), cwd: repo, encoding: 'utf8' });
    assert.equal(inRepo.status, 1, `the broken copy runs where dev dependencies are installed: ${inRepo.stderr}`);
    const problems = problemsOf(packAndInstall(repo, tempDir('ld-pack-')));
    assert.ok(problems.some((p) => p.startsWith('--json --offline')), problems.join('\n'));
  });
});
