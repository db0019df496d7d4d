import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { FIXTURES, fixtureHome, REPO_ROOT } from '../../support/cli.js';

const hook = fileURLToPath(new URL('../../support/register-module-trace.mjs', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'ld-lazy-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** Which of the project checks' parser libraries a run loads. */
function parserLibsLoadedBy(args: string[], cwd: string): string[] {
  const trace = join(temp, `${Math.random().toString(36).slice(2)}.txt`);
  // The tools checks compare the machine's own Python versions (pep440) whatever the project is: not this test's subject.
  const r = spawnSync(process.execPath, ['--import', hook, join(REPO_ROOT, 'bin/login-doctor.js'), ...args, '--skip', 'tools'], {
    env: { PATH: '', HOME: fixtureHome('jsdeps-plain'), LOGIN_DOCTOR_MODULE_TRACE: trace, LOGIN_DOCTOR_NO_CACHE: '1' },
    cwd,
    encoding: 'utf8',
  });
  assert.notEqual(r.status, 2, r.stderr);
  // The bundle (scripts/build-bundle.mjs) carries the packages in its chunks, each module under a `// node_modules/<path>` comment.
  const urls = readFileSync(trace, 'utf8').trim().split('\n');
  const bundled = urls.filter((u) => u.includes('/dist/bundle/')).map((u) => readFileSync(fileURLToPath(u), 'utf8').match(/^\/\/ node_modules\/.*$/gm)?.join('\n') ?? '');
  const modules = [...urls, ...bundled].join('\n');
  return ['/yaml/', '/smol-toml/', '/semver/', '/@renovatebot/pep440/'].filter((lib) => modules.includes(`node_modules${lib}`));
}

test('--help and --version load no lock file or version parser', () => {
  assert.deepEqual(parserLibsLoadedBy(['--version'], temp), []);
  assert.deepEqual(parserLibsLoadedBy(['--help'], temp), []);
});

// The file-format parsers load only for projects that have such files (version libraries are shared with
// other checks, so only yaml and smol-toml are asserted here).
test('a run loads only the file parsers the project needs', () => {
  const parsers = (cwd: string) => parserLibsLoadedBy(['--offline', '--json'], `${FIXTURES}projects/${cwd}`).filter((l) => l === '/yaml/' || l === '/smol-toml/');
  assert.deepEqual(parsers('npm-lock-v1'), []);
  assert.deepEqual(parsers('pnpm-lock-v9'), ['/yaml/']);
  assert.deepEqual(parsers('py-uv'), ['/smol-toml/']);
});
