// `explain` on an 80-column terminal wraps like the diagnosis; piped, it is not wrapped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixtureHome, REPO_ROOT, runCli } from '../support/cli.js';

const BIN = join(REPO_ROOT, 'bin', 'login-doctor.js');
const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;

/** Runs the CLI on a pseudo-terminal `cols` wide (util-linux `script`, as the diagnosis test does). */
function inTerminal(args: string[], cols: number): string {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const home = fixtureHome('empty');
  const r = spawnSync('script', ['-qec', `stty cols ${cols}; PATH= ${quoted}`, '/dev/null'], {
    env: { PATH: '/usr/bin:/bin', HOME: home, NO_COLOR: '1', TERM: 'xterm', LOGIN_DOCTOR_NO_CACHE: '1' },
    cwd: home,
    encoding: 'utf8',
  });
  return r.stdout.replace(/\r/g, '');
}

/** Every line fits, except a line that is one unbreakable word or a command line (`$ ...`). */
function assertFits(out: string, cols: number): void {
  for (const l of out.split('\n')) {
    if (/^ +\$ /.test(l) || !/\S\s+\S/.test(l.trim())) continue;
    assert.ok([...l].length <= cols, `too wide (${[...l].length}): ${JSON.stringify(l)}`);
  }
}

describe('explain on a terminal', { skip: hasScript ? false : 'needs util-linux `script` for a terminal' }, () => {
  const TEXT = 'botocore.exceptions.NoRegionError: You must specify a region.';

  it('an error text: wrapped to 80 columns with a hanging indent; commands whole on their own line; piped: one line each', async () => {
    const out = inTerminal(['explain', TEXT], 80);
    assertFits(out, 80);
    const lines = out.split('\n');
    const cause = lines.findIndex((l) => l.startsWith('  Cause: '));
    assert.ok(cause >= 0 && lines[cause + 1]!.startsWith('         ') && lines[cause + 1]!.trim(), 'the cause wraps under its text');
    assert.ok(lines.includes('    $ aws configure set region us-east-1'), 'the fix command is whole');
    assert.ok(lines.includes('  Confirm on this machine: login-doctor --only config.region'));
    const piped = await runCli(['explain', TEXT], { home: fixtureHome('empty'), env: { NO_COLOR: '1' } });
    assert.ok(piped.stdout.split('\n').some((l) => l.startsWith('  Cause: ') && l.length > 80), 'piped output keeps the cause on one line');
  });

  it('a finding code: its documentation wrapped to 80 columns, never inside a `command`', async () => {
    const out = inTerminal(['explain', 'config-files-missing'], 80);
    assertFits(out, 80);
    assert.doesNotMatch(out, /`aws\n|`aws configure\n/, 'a quoted command is not split');
    assert.match(out, /`aws configure sso`/);
    const piped = await runCli(['explain', 'config-files-missing'], { home: fixtureHome('empty'), env: { NO_COLOR: '1' } });
    assert.ok(piped.stdout.split('\n').some((l) => l.length > 80));
  });
});
