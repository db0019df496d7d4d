import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageOrigin, pythonEnvKind } from '../../src/aws/python-env.js';
import { pythonUpgradeFix } from '../../src/knowledge/python-fixes.js';

const base = { prefix: '/usr', basePrefix: '/usr', conda: false, pipx: false, uvTool: false, externallyManaged: false };

describe('pythonEnvKind and the fix for each kind', () => {
  it('classifies pipx, uv tool, conda, venv, EXTERNALLY-MANAGED and plain installs', () => {
    assert.equal(pythonEnvKind({ ...base, prefix: '/home/a/.local/share/pipx/venvs/mytool' }), 'pipx');
    assert.equal(pythonEnvKind({ ...base, prefix: '/home/a/.local/share/uv/tools/mytool' }), 'uv-tool');
    assert.equal(pythonEnvKind({ ...base, prefix: '/opt/conda/envs/x', conda: true }), 'conda');
    assert.equal(pythonEnvKind({ ...base, prefix: '/p/.venv' }), 'venv');
    assert.equal(pythonEnvKind({ ...base, externallyManaged: true }), 'externally-managed');
    assert.equal(pythonEnvKind({ ...base, prefix: '/root/.pyenv/versions/3.11.7', basePrefix: '/root/.pyenv/versions/3.11.7' }), 'system');
  });

  it('names the tool or environment in the commands', () => {
    const t = { executable: '/x/bin/python', hasBoto3: false, userSite: false };
    assert.deepEqual(pythonUpgradeFix({ platform: 'linux', env: {} }, { ...t, prefix: '/h/.local/share/pipx/venvs/mytool', kind: 'pipx' }, 'Why.').commands, [
      "pipx inject mytool 'botocore[crt]>=1.42.11' 'awscrt>=0.29.1'",
    ]);
    assert.deepEqual(pythonUpgradeFix({ platform: 'linux', env: {} }, { ...t, prefix: '/h/.local/share/uv/tools/mytool', kind: 'uv-tool' }, 'Why.').commands, [
      "uv tool install --with 'botocore[crt]>=1.42.11' --with 'awscrt>=0.29.1' mytool",
    ]);
    assert.deepEqual(pythonUpgradeFix({ platform: 'linux', env: {} }, { ...t, prefix: '/opt/conda/envs/x', kind: 'conda', hasBoto3: true }, 'Why.').commands, [
      "conda install -p /opt/conda/envs/x -c conda-forge 'botocore>=1.42.11' 'boto3>=1.42.11' 'awscrt>=0.29.1'",
    ]);
    assert.deepEqual(pythonUpgradeFix({ platform: 'linux', env: {} }, { ...t, prefix: '/usr', kind: 'system', userSite: true }, 'Why.').commands, [
      "/x/bin/python -m pip install --upgrade --user 'botocore[crt]>=1.42.11' 'awscrt>=0.29.1'",
    ]);
    assert.deepEqual(pythonUpgradeFix({ platform: 'win32', env: {} }, { ...t, executable: 'C:\\P\\.venv\\Scripts\\python.exe', prefix: 'C:\\P\\.venv', kind: 'venv' }, 'Why.').commands, [
      "& 'C:\\P\\.venv\\Scripts\\python.exe' -m pip install --upgrade 'botocore[crt]>=1.42.11' 'awscrt>=0.29.1'",
    ]);
  });

  it('tells where a package came from', () => {
    assert.equal(packageOrigin('/home/a/.local/lib/python3.11/site-packages', '/usr', '/home/a/.local/lib/python3.11/site-packages'), 'user site');
    assert.equal(packageOrigin('/usr/lib/python3/dist-packages', '/usr', null), 'Debian dist-packages');
    assert.equal(packageOrigin('/p/.venv/lib/python3.12/site-packages', '/p/.venv', null), 'environment');
    assert.equal(packageOrigin(null, '/usr', null), 'elsewhere');
  });
});
