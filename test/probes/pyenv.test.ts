import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolvePyenvShim } from '../../src/probes/pyenv.js';
import { fixtureContext } from '../support/context.js';
import { writeScript } from '../support/python-envs.js';

describe('resolvePyenvShim', () => {
  let root: string;
  let pyenv: string;
  let shim: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ld-pyenv-'));
    pyenv = join(root, 'pyenv');
    for (const v of ['3.11.7', '3.12.1', '3.12.9']) {
      mkdirSync(join(pyenv, 'versions', v, 'bin'), { recursive: true });
      writeScript(join(pyenv, 'versions', v, 'bin', 'python3'), 'exit 0\n');
    }
    mkdirSync(join(pyenv, 'shims'));
    shim = join(pyenv, 'shims', 'python3');
    writeScript(shim, `#!/usr/bin/env bash\nset -e\nexport PYENV_ROOT="${pyenv}"\nexec "${pyenv}/libexec/pyenv" exec "$program" "$@"\n`);
    writeFileSync(join(pyenv, 'version'), '3.11.7\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('uses the global version file, then .python-version up the tree, then PYENV_VERSION', async () => {
    const project = join(root, 'project', 'sub');
    mkdirSync(project, { recursive: true });
    assert.equal(await resolvePyenvShim(fixtureContext({ home: root, cwd: project }), shim), join(pyenv, 'versions', '3.11.7', 'bin', 'python3'));
    writeFileSync(join(root, 'project', '.python-version'), '# pinned\n3.12\n');
    assert.equal(await resolvePyenvShim(fixtureContext({ home: root, cwd: project }), shim), join(pyenv, 'versions', '3.12.9', 'bin', 'python3'), 'a prefix picks the newest');
    assert.equal(
      await resolvePyenvShim(fixtureContext({ home: root, cwd: project, env: { PYENV_VERSION: '3.12.1' } }), shim),
      join(pyenv, 'versions', '3.12.1', 'bin', 'python3'),
    );
  });

  it('system searches PATH without the shims; a non-shim is not resolved', async () => {
    const sys = join(root, 'usr-bin');
    mkdirSync(sys, { recursive: true });
    writeScript(join(sys, 'python3'), 'exit 0\n');
    const ctx = fixtureContext({ home: root, env: { PYENV_VERSION: 'system', PATH: `${join(pyenv, 'shims')}:${sys}` } });
    assert.equal(await resolvePyenvShim(ctx, shim), join(sys, 'python3'));
    assert.equal(await resolvePyenvShim(ctx, join(sys, 'python3')), null);
    assert.equal(await resolvePyenvShim(fixtureContext({ home: root, env: { PYENV_VERSION: '3.99' } }), shim), null);
  });
});
