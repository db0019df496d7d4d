import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { escapeData, escapeProperty, renderGithubAnnotations } from '../../src/report/github.js';
import { runCli } from '../support/cli.js';
import { finding, HOSTILE } from '../support/findings.js';
import { tempHome } from '../support/temp-home.js';

/** Decodes like the runner (actions/runner ActionCommand unescape), to prove the round trip. */
function unescape(s: string, property: boolean): string {
  let out = s.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
  if (property) out = out.replace(/%3A/g, ':').replace(/%2C/g, ',');
  return out.replace(/%25/g, '%');
}

describe('GitHub workflow commands', () => {
  it('escapes data and properties as GitHub requires', () => {
    assert.equal(escapeData('100%\r\nx'), '100%25%0D%0Ax');
    assert.equal(escapeProperty('a: b, c%\n'), 'a%3A b%2C c%25%0A');
    assert.equal(unescape(escapeProperty(HOSTILE), true), HOSTILE);
    assert.equal(unescape(escapeData(HOSTILE), false), HOSTILE);
  });

  it('one ::error per fail, ::warning per warn, none for others; hostile text stays on one line', () => {
    const out = renderGithubAnnotations([
      finding({ title: HOSTILE, detail: HOSTILE, fix: { text: HOSTILE, commands: [HOSTILE] } }),
      finding({ status: 'warn', code: 'region-env-python', title: 'w' }),
      finding({ status: 'pass', code: 'region-ok' }),
      finding({ status: 'info', code: 'x-info' }),
      finding({ status: 'skip', code: 'x-skip' }),
    ]);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^::error title=[^:\r\n]*::/);
    assert.match(lines[1]!, /^::warning title=login-doctor%3A w::\[region-env-python\] w%0AThe refresh needs a region\.%0AFix: Set the region\.%0A  \$ aws configure/);
    const [, props, data] = /^::error (.*?)::(.*)$/.exec(lines[0]!)!;
    // The property value has no raw ':' or ',' so the runner cannot split it wrongly.
    assert.doesNotMatch(props!.slice('title='.length), /[:,\r\n]/);
    assert.doesNotMatch(data!, /[\r\n\u001b]/);
    const message = unescape(data!, false);
    assert.match(message, /Fix: /);
    assert.ok(message.includes('::error::injected'), 'the injected text is data, not a command');
  });
});

describe('--github through the CLI', () => {
  const fx = tempHome({ '.aws/config': '[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/alice\n' });
  after(fx.cleanup);

  it('prints annotations and appends the step summary', async () => {
    const summary = join(fx.home, 'summary.md');
    const r = await runCli(['--offline', '--profile', 'dev'], { home: fx.home, env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^::error title=login-doctor%3A Login profile "dev" has no region%3A the refresh will fail::\[region-missing\] .*Fix: .*%0A  \$ aws configure set region us-east-1 --profile dev$/m);
    const md = readFileSync(summary, 'utf8');
    assert.match(md, /\| ❌ fail \| `config\.region` \| `region-missing` \|/);
    // Appended, not overwritten.
    await runCli(['--offline', '--profile', 'dev', '--github'], { home: fx.home, env: { GITHUB_STEP_SUMMARY: summary } });
    assert.equal(readFileSync(summary, 'utf8').match(/### login-doctor/g)?.length, 2);
  });

  it('hostile text from a config file is escaped in the title and the message', async () => {
    const hostile = tempHome({ '.aws/config': '[evil%41:a,b]\nx = 1\n' });
    try {
      const r = await runCli(['--offline', '--github'], { home: hostile.home });
      const line = r.stdout.split('\n').find((l) => l.startsWith('::warning'))!;
      assert.match(line, /^::warning title=login-doctor%3A \[evil%2541%3Aa%2Cb\] in the config file is not a profile::\[config-bare-section\] \[evil%2541:a,b\] in the config file/);
    } finally {
      hostile.cleanup();
    }
  });

  it('an unwritable step summary is reported, not fatal', async () => {
    const r = await runCli(['--offline', '--profile', 'dev', '--github'], { home: fx.home, env: { GITHUB_STEP_SUMMARY: join(fx.home, 'no', 'dir', 's.md') } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot append to GITHUB_STEP_SUMMARY/);
    assert.match(r.stdout, /^::error /m);
  });

  it('with --json the annotations go to stderr and stdout stays JSON', async () => {
    const r = await runCli(['--offline', '--profile', 'dev', '--json', '--github'], { home: fx.home });
    JSON.parse(r.stdout);
    assert.match(r.stderr, /^::error /m);
  });
});
