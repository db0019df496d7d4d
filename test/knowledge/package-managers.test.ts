import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsAddLatest, jsUpdate, jsWhy, pythonLockAdd } from '../../src/knowledge/package-managers.js';

describe('package manager fix commands', () => {
  it('keep each dependency in its field', () => {
    assert.equal(jsAddLatest('npm', 'linux', ['@aws-sdk/client-sts'], true), 'npm install --save-dev @aws-sdk/client-sts@latest');
    assert.equal(jsAddLatest('pnpm', 'linux', ['@aws-sdk/client-sts', '@aws-sdk/credential-providers'], false), 'pnpm add @aws-sdk/client-sts@latest @aws-sdk/credential-providers@latest');
    assert.equal(jsAddLatest('yarn-classic', 'linux', ['@aws-sdk/client-sts'], true), 'yarn add --dev @aws-sdk/client-sts@latest');
    assert.equal(jsAddLatest('yarn-berry', 'linux', ['@aws-sdk/client-sts'], true), 'yarn up @aws-sdk/client-sts@latest');
  });
  it('quote for PowerShell, where a bare leading @ is the splatting operator', () => {
    assert.equal(jsAddLatest('npm', 'win32', ['@aws-sdk/client-sts'], false), "npm install '@aws-sdk/client-sts@latest'");
    assert.equal(jsUpdate('npm', 'win32', '@aws-sdk/credential-provider-login'), "npm update '@aws-sdk/credential-provider-login'");
    assert.equal(jsWhy('pnpm', 'win32', '@aws-sdk/credential-provider-ini'), "pnpm why '@aws-sdk/credential-provider-ini'");
  });
  it('quote Python requirements, whose > and [ ] the shell would otherwise take', () => {
    assert.equal(pythonLockAdd('uv', 'linux', 'botocore[crt]>=1.42.11'), "uv add 'botocore[crt]>=1.42.11'");
    assert.equal(pythonLockAdd('poetry', 'win32', 'awscrt>=0.29.1'), "poetry add 'awscrt>=0.29.1'");
    assert.equal(pythonLockAdd('pipenv', 'darwin', 'boto3>=1.42.11'), "pipenv install 'boto3>=1.42.11'");
  });
});
