import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../support/cli.js';
import { tempHome } from '../support/temp-home.js';

const BIN = join(REPO_ROOT, 'bin', 'login-doctor.js');
// util-linux `script` gives the doctor a real terminal (stdin, stdout and stderr are a pty).
const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;
const skip = hasScript ? false : 'needs util-linux `script` (Linux) to provide a terminal';

function inTerminal(home: string, args: string[], input: string): string {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    input,
    env: { PATH: process.env.PATH, HOME: home, TERM: 'xterm', AWS_EC2_METADATA_DISABLED: 'true', LOGIN_DOCTOR_NO_CACHE: '1' },
    cwd: home,
    timeout: 60_000,
    encoding: 'utf8',
  });
  return r.stdout;
}

const CONFIG = '[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/alice\n';

describe('on a terminal', { skip }, () => {
  it('--fix asks; "n" leaves the file alone, "y" applies the change', () => {
    const fx = tempHome({ '.aws/config': CONFIG });
    try {
      const config = join(fx.home, '.aws', 'config');
      const args = ['--offline', '--profile', 'dev', '--only', 'environment,config', '--fix', '--no-color'];
      // First the region question (Enter takes the suggestion), then the confirmation.
      const no = inTerminal(fx.home, args, '\nn\n');
      assert.match(no, /Apply this change\? \[y\/N\]/);
      assert.match(no, /skipped/);
      assert.equal(readFileSync(config, 'utf8'), CONFIG);
      const yes = inTerminal(fx.home, args, '\ny\n');
      assert.match(yes, /done\r?\nAfter 1 fix: 0 failed, 0 warnings\./);
      assert.equal(readFileSync(config, 'utf8'), `${CONFIG}region = us-east-1\n`);
    } finally {
      fx.cleanup();
    }
  });

  it('shows a spinner on the terminal, but not with --ci or --json', () => {
    const fx = tempHome({ '.aws/config': CONFIG });
    try {
      assert.match(inTerminal(fx.home, ['--offline', '--profile', 'dev', '--no-color'], ''), /Checking… \d+\/\d+/);
      assert.doesNotMatch(inTerminal(fx.home, ['--offline', '--profile', 'dev', '--ci'], ''), /Checking…/);
      assert.doesNotMatch(inTerminal(fx.home, ['--offline', '--profile', 'dev', '--json'], ''), /Checking…/);
    } finally {
      fx.cleanup();
    }
  });
});
