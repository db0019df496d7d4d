import assert from 'node:assert/strict';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/cli.js';
import { peersRequired } from '../support/python-envs.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  container?: string;
  strategy?: { matrix: Record<string, unknown[]> };
  steps: Step[];
}

const workflow = parse(readFileSync(join(REPO_ROOT, '.github', 'workflows', 'ci.yml'), 'utf8'), { strict: true, uniqueKeys: true }) as {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
};
const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Every (runner, node) pair a job's matrix expands to. */
function combos(job: Job): string[] {
  const m = job.strategy?.matrix ?? {};
  const oses = (m.os as string[] | undefined) ?? [job['runs-on']];
  return oses.flatMap((os) => ((m.node as number[] | undefined) ?? []).map((node) => `${os.replace(/-latest$/, '')}/${node}`));
}

describe('.github/workflows/ci.yml', () => {
  it('runs on pushes and pull requests, read-only', () => {
    assert.ok('push' in workflow.on && 'pull_request' in workflow.on);
  });

  it('tests ubuntu, macos and windows with Node 20, 22 and 24', () => {
    const all = Object.values(workflow.jobs).flatMap(combos).sort();
    const expected = ['ubuntu', 'macos', 'windows'].flatMap((os) => [20, 22, 24].map((n) => `${os}/${n}`)).sort();
    assert.deepEqual(all, expected);
    for (const job of Object.values(workflow.jobs)) {
      const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
      assert.equal(node?.with?.['node-version'], '${{ matrix.node }}');
    }
  });

  it('pins every action to a major version and runs only what exists in this repository', () => {
    for (const [id, job] of Object.entries(workflow.jobs)) {
      for (const step of job.steps) {
        if (step.uses) assert.match(step.uses, /^actions\/(checkout|setup-node)@v\d+$/, `${id}: ${step.uses}`);
        for (const m of (step.run ?? '').matchAll(/npm (?:run )?(\w+)/g)) {
          if (m[1] !== 'ci') assert.ok(scripts[m[1]!], `${id} runs npm ${m[1]}, which package.json does not define`);
        }
      }
    }
  });

  it('the Linux job runs .ci/run (the same command as here) in Debian 12 with the peers', () => {
    const linux = workflow.jobs.linux!;
    assert.equal(linux['runs-on'], 'ubuntu-latest');
    assert.match(linux.container ?? '', /^debian:bookworm/);
    assert.equal(linux.steps.at(-1)!.run, '.ci/run');
    accessSync(join(REPO_ROOT, '.ci', 'run'), constants.X_OK);
    assert.match(readFileSync(join(REPO_ROOT, '.ci', 'run'), 'utf8'), /export CI=true[\s\S]*npm test/);
    const peers = linux.steps.map((s) => s.run ?? '').join('\n');
    assert.match(peers, /botocore==1\.43\.11/);
    assert.match(peers, /pyenv" rehash/);
  });

  it('macOS and Windows run npm test, Windows through Git Bash because the test script is POSIX sh', () => {
    const other = Object.values(workflow.jobs).find((j) => combos(j).some((c) => c.startsWith('windows')))!;
    const tests = other.steps.filter((s) => /npm test/.test(s.run ?? ''));
    assert.deepEqual(tests.map((s) => s.if), ["runner.os != 'Windows'", "runner.os == 'Windows'"]);
    assert.match(tests[1]!.run!, /--script-shell "C:\\Program Files\\Git\\bin\\bash\.exe"$/);
    assert.match(scripts.test!, /\$\(find \.test-build /);
  });

  it('missing real peers fail only Linux CI; macOS and Windows runners skip them', () => {
    assert.equal(peersRequired({ CI: 'true' }, 'linux'), true);
    assert.equal(peersRequired({ CI: 'true' }, 'darwin'), false);
    assert.equal(peersRequired({ CI: 'true' }, 'win32'), false);
    assert.equal(peersRequired({}, 'linux'), false);
  });
});
