// A profile with no credential settings: what the doctor says, checked against the real botocore and JS SDK.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import type { Finding } from '../../../src/engine/finding.js';
import { REPO_ROOT, runJson } from '../../support/cli.js';
import { tempHome } from '../../support/temp-home.js';
import { peerMissing } from '../../support/python-envs.js';

const CONFIG = '[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n';
const NO_IMDS = { AWS_EC2_METADATA_DISABLED: 'true' };

function sources(findings: Finding[]): Finding {
  const f = findings.find((x) => x.code === 'credential-sources');
  assert.ok(f, findings.map((x) => x.code).join(', '));
  return f;
}

describe('credential-sources when the profile holds no credentials', () => {
  it('metadata disabled: no consumer finds credentials (fail for a named profile, warn for the implicit default); with metadata: info', async () => {
    const fx = tempHome({ '.aws/config': CONFIG });
    try {
      const named = sources((await runJson(['--offline', '--profile', 'dev', '--only', 'config.sources'], { home: fx.home, env: NO_IMDS })).report.findings);
      assert.deepEqual([named.status, named.title], ['fail', 'No consumer finds credentials for "dev"']);
      assert.deepEqual(named.fix!.commands, ['aws login --profile dev']);
      assert.match(named.detail, /botocore raises "Unable to locate credentials" and the JS SDK "Could not load credentials from any providers"/);
      const implicit = sources((await runJson(['--offline', '--only', 'config.sources'], { home: fx.home, env: NO_IMDS })).report.findings);
      assert.deepEqual([implicit.status, implicit.fix!.commands], ['warn', ['aws login']]);
      const imds = sources((await runJson(['--offline', '--profile', 'dev', '--only', 'config.sources'], { home: fx.home, env: { AWS_EC2_METADATA_DISABLED: '' } })).report.findings);
      assert.deepEqual([imds.status, imds.title], ['info', 'Every consumer falls back to EC2 instance metadata for "dev"']);
    } finally {
      fx.cleanup();
    }
  });

  it('the real botocore and the real JS SDK fail with the texts the finding quotes', (t) => {
    const fx = tempHome({ '.aws/config': CONFIG });
    const env = { PATH: process.env.PATH ?? '', HOME: fx.home, AWS_PROFILE: 'dev', ...NO_IMDS };
    try {
      // Signing fails before any request: the endpoint is a closed local port.
      const py = spawnSync('python3', ['-c', "import boto3\ntry:\n    boto3.client('sts', endpoint_url='http://127.0.0.1:9').get_caller_identity()\nexcept Exception as e:\n    print(type(e).__name__, e)"], { env, encoding: 'utf8' });
      if (py.status !== 0 || /No module named/.test(py.stderr)) return peerMissing(t, `no python3 with boto3 here: ${py.stderr}`);
      assert.equal(py.stdout.trim(), 'NoCredentialsError Unable to locate credentials');
      const js = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', "import { fromNodeProviderChain } from '@aws-sdk/credential-providers'; try { await fromNodeProviderChain()(); } catch (e) { console.log(e.message.split('\\n')[0]); }"],
        { env, encoding: 'utf8', cwd: REPO_ROOT },
      );
      assert.match(js.stdout, /^Could not load credentials from any providers/);
    } finally {
      fx.cleanup();
    }
  });

  it('an undefined profile: named, the SDKs fail on the name; the implicit default, they go on down the chain (as the real botocore and JS SDK do)', async (t) => {
    const fx = tempHome({ '.aws/config': '[profile dev]\nregion = us-east-1\n' });
    try {
      const notFound = (args: string[]) => runJson(['--offline', '--only', 'config.profile', ...args], { home: fx.home, env: NO_IMDS }).then((r) => r.report.findings.find((f) => f.code === 'profile-not-found')!);
      const named = await notFound(['--profile', 'default']);
      assert.match(named.detail, /The SDKs fail with "The config profile \(default\) could not be found"/);
      const implicit = await notFound([]);
      assert.doesNotMatch(implicit.detail, /could not be found/);
      assert.match(implicit.detail, /botocore fails with "Unable to locate credentials" and the JS SDK with "Could not load credentials from any providers"/);
      const botocore = (profile: string | null) =>
        spawnSync('python3', ['-c', "import boto3\ntry:\n    boto3.client('sts', region_name='us-east-1', endpoint_url='http://127.0.0.1:9').get_caller_identity()\nexcept Exception as e:\n    print(type(e).__name__, e)"], {
          env: { PATH: process.env.PATH ?? '', HOME: fx.home, ...NO_IMDS, ...(profile ? { AWS_PROFILE: profile } : {}) },
          encoding: 'utf8',
        });
      const none = botocore(null);
      if (none.status !== 0 || /No module named/.test(none.stderr)) return peerMissing(t, `no python3 with boto3 here: ${none.stderr}`);
      assert.equal(none.stdout.trim(), 'NoCredentialsError Unable to locate credentials');
      assert.equal(botocore('default').stdout.trim(), 'ProfileNotFound The config profile (default) could not be found');
      const js = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', "import { fromNodeProviderChain } from '@aws-sdk/credential-providers'; try { await fromNodeProviderChain()(); } catch (e) { console.log(e.message.split('\\n')[0]); }"],
        { env: { PATH: process.env.PATH ?? '', HOME: fx.home, ...NO_IMDS }, encoding: 'utf8', cwd: REPO_ROOT },
      );
      assert.match(js.stdout, /^Could not load credentials from any providers/);
    } finally {
      fx.cleanup();
    }
  });
});
