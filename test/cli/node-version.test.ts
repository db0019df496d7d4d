// The Node.js login-doctor runs on: one environment finding, and no AWS SDK NodeVersionSupportWarning on stderr.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { nodeSupport } from '../../src/knowledge/node-releases.js';
import { REPO_ROOT, runCli, runJson } from '../support/cli.js';
import { FakeAws } from '../support/fake-aws.js';
import { makeLoginHome, type LoginHome } from '../support/login-home.js';

const major = Number.parseInt(process.versions.node, 10);

describe('the Node.js version, as a user runs login-doctor', () => {
  let fake: FakeAws;
  let h: LoginHome;
  before(async () => {
    fake = new FakeAws();
    await fake.start();
    h = await makeLoginHome({ fake, expiresInS: 60 });
  });
  after(async () => {
    await fake.stop();
    await h.cleanup();
  });

  it('the SDK this package depends on warns on this Node unless switched off (what the next test relies on)', { skip: major >= 22 ? `Node ${process.version} gets no SDK warning` : false }, () => {
    const script = "const { STSClient } = require('@aws-sdk/client-sts'); new STSClient({ region: 'us-east-1' });";
    const warned = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, env: { PATH: '' }, encoding: 'utf8' });
    assert.match(warned.stderr, /NodeVersionSupportWarning/);
    const quiet = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, env: { PATH: '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, encoding: 'utf8' });
    assert.equal(quiet.stderr, '');
  });

  it('a live run (fake AWS) prints no SDK warning on stderr, pretty or --json', async () => {
    const env = { ...h.env, ...fake.env() };
    const pretty = await runCli(['--profile', 'dev'], { home: h.home, env });
    const json = await runJson(['--profile', 'dev'], { home: h.home, env });
    assert.ok(json.report.findings.some((f) => f.code === 'sts-identity'), 'the live check ran against the fake');
    for (const stderr of [pretty.stderr, json.stderr]) {
      assert.doesNotMatch(stderr, /NodeVersionSupportWarning|Warning:/);
    }
    assert.doesNotMatch(pretty.stdout, /NodeVersionSupportWarning/);
  });

  it('environment.node names this Node once, with the fix when it is past end of life', async () => {
    const { report } = await runJson(['--offline', '--only', 'environment.node'], { home: h.home });
    const findings = report.findings.filter((f) => f.check === 'environment.node');
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f!.evidence.node, process.version);
    if (nodeSupport(process.version, new Date()).kind === 'end-of-life') {
      assert.equal(f!.code, 'node-end-of-life');
      assert.equal(f!.status, 'info');
      assert.match(f!.fix!.text, /supported Node\.js LTS release/);
    } else {
      assert.equal(f!.code, 'node-ok');
      assert.equal(f!.status, 'pass');
      assert.equal(f!.fix, null);
    }
  });
});
