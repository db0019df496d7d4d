import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shouldSpin, Spinner } from '../../src/cli/spinner.js';

const tty = { stderrIsTTY: true, json: false, markdown: false, ci: false, github: false, term: 'xterm' };

describe('spinner', () => {
  it('only for a person at a terminal', () => {
    assert.equal(shouldSpin(tty), true);
    assert.equal(shouldSpin({ ...tty, stderrIsTTY: false }), false);
    assert.equal(shouldSpin({ ...tty, json: true }), false);
    assert.equal(shouldSpin({ ...tty, markdown: true }), false);
    assert.equal(shouldSpin({ ...tty, ci: true }), false);
    assert.equal(shouldSpin({ ...tty, github: true }), false);
    assert.equal(shouldSpin({ ...tty, term: 'dumb' }), false);
  });

  it('shows progress and clears its line when stopped', () => {
    let written = '';
    const s = new Spinner((t) => (written += t), true);
    s.start(5);
    s.update(2, 5);
    assert.equal(s.line(), '\r| Checking... 2/5', 'ASCII frames spell the ellipsis too');
    s.stop();
    assert.ok(written.endsWith('\r\u001b[K'));
  });

  it('a non-TTY run prints no spinner frames on stderr', async () => {
    const { runCli } = await import('../support/cli.js');
    const r = await runCli(['--offline'], { home: '/nonexistent-home-spinner', cwd: '/' });
    assert.doesNotMatch(r.stderr, /Checking…|\r/);
  });
});
