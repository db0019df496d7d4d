import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { homedir, userInfo } from 'node:os';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { configFilePaths, consumerHomes, envValue, sameHome } from '../../src/aws/paths.js';
import { basePython, peerMissing } from '../support/python-envs.js';

type Env = Record<string, string | undefined>;

/** HOME-like values that matter: unset, empty, a trailing separator, Git Bash's and Windows' shapes. */
const value = fc.constantFrom(undefined, '', '/home/alice', '/home/alice/', '/', 'C:\\Users\\alice', 'H:\\', '\\Users\\bob', 'D:', 'c:rel', '\\\\srv\\share');
const envs = fc.record({ HOME: value, USERPROFILE: value, HOMEDRIVE: value, HOMEPATH: value }).map((e) => {
  const env: Env = {};
  for (const [k, v] of Object.entries(e)) if (v !== undefined) env[k] = v;
  return env;
});
const samples = fc.sample(envs, { numRuns: 120, seed: 17 });

const account = userInfo().homedir;

describe('home folder per consumer, against the consumers\' own code', () => {
  it('matches Python\'s ntpath.expanduser (Windows) and posixpath.expanduser (POSIX), which botocore uses for ~/.aws', (t) => {
    const python = basePython();
    if (!python) return peerMissing(t, 'no python3 on this machine');
    // The real stdlib modules, with os.environ set exactly to each sample (ntpath runs on any OS).
    const script = `
import json, os, sys, ntpath, posixpath
out = []
for env in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update(env)
    out.append([ntpath.expanduser('~'), posixpath.expanduser('~')])
print(json.dumps(out))`;
    const r = spawnSync(python, ['-E', '-c', script], { input: JSON.stringify(samples), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const real = JSON.parse(r.stdout) as [string, string][];
    samples.forEach((env, i) => {
      const win = consumerHomes(env, 'win32', 'C:\\Users\\account').python;
      assert.equal(win.dir ?? '~', real[i]![0], `win32 ${JSON.stringify(env)}`);
      const posix = consumerHomes(env, 'darwin', account).python;
      assert.equal(posix.dir, real[i]![1], `posix ${JSON.stringify(env)}`);
    });
  });

  it('matches the JS SDK\'s own getHomeDir and Node\'s os.homedir() on this platform (run in this process)', () => {
    const require = createRequire(import.meta.url);
    const configModule = require.resolve('@smithy/core/config');
    const saved = { ...process.env };
    try {
      for (const env of samples) {
        for (const k of ['HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH']) delete process.env[k];
        Object.assign(process.env, env);
        // A fresh copy each time: getHomeDir caches its os.homedir() fallback per process.
        delete require.cache[configModule];
        const { getHomeDir } = require('@smithy/core/config') as { getHomeDir(): string };
        const ours = consumerHomes(env, process.platform, account);
        assert.equal(ours.nodeHomedir.dir, homedir(), `os.homedir() ${JSON.stringify(env)}`);
        assert.equal(ours.jsSdk.dir, getHomeDir(), `getHomeDir() ${JSON.stringify(env)}`);
      }
    } finally {
      for (const k of ['HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH']) delete process.env[k];
      Object.assign(process.env, saved);
      delete require.cache[configModule];
    }
  });
});

describe('home folder per consumer on Windows', () => {
  it('Git Bash: HOME set to another folder splits the JS SDK from botocore and os.homedir()', () => {
    const h = consumerHomes({ HOME: 'H:\\', USERPROFILE: 'C:\\Users\\alice', HOMEDRIVE: 'C:', HOMEPATH: '\\Users\\alice' }, 'win32', 'C:\\Users\\alice');
    assert.deepEqual(h.python, { dir: 'C:\\Users\\alice', source: 'USERPROFILE' });
    assert.deepEqual(h.nodeHomedir, { dir: 'C:\\Users\\alice', source: 'USERPROFILE' });
    assert.deepEqual(h.jsSdk, { dir: 'H:\\', source: 'HOME' });
  });

  it('without USERPROFILE: HOMEDRIVE+HOMEPATH for Python and the JS SDK (C:\\ by default there), the account for Node', () => {
    const h = consumerHomes({ HOMEPATH: '\\Users\\bob' }, 'win32', 'C:\\Users\\bob');
    assert.deepEqual(h.python, { dir: '\\Users\\bob', source: 'HOMEDRIVE+HOMEPATH' });
    assert.deepEqual(h.jsSdk, { dir: 'C:\\\\Users\\bob', source: 'HOMEDRIVE+HOMEPATH' });
    assert.deepEqual(h.nodeHomedir, { dir: 'C:\\Users\\bob', source: 'account' });
    assert.deepEqual(consumerHomes({}, 'win32', 'C:\\Users\\bob').python, { dir: null, source: null });
  });

  it('reads variable names case-insensitively, as Windows does', () => {
    assert.equal(envValue({ UserProfile: 'C:\\Users\\x' }, 'win32', 'USERPROFILE'), 'C:\\Users\\x');
    assert.equal(envValue({ UserProfile: 'C:\\Users\\x' }, 'linux', 'USERPROFILE'), undefined);
    assert.equal(consumerHomes({ UserProfile: 'C:\\Users\\x' }, 'win32', 'C:\\other').python.dir, 'C:\\Users\\x');
  });

  it('compares folders case-insensitively on Windows only, ignoring a trailing separator', () => {
    assert.equal(sameHome('win32', 'C:\\Users\\Alice\\', 'c:/users/alice'), true);
    assert.equal(sameHome('linux', '/home/Alice', '/home/alice'), false);
    assert.equal(sameHome('darwin', '/Users/alice/', '/Users/alice'), true);
    assert.equal(sameHome('linux', '', '/'), false);
  });
});

it('the shared reader finds AWS_CONFIG_FILE in any letter case on Windows (a copied process.env keeps the case it was set with)', () => {
  const env = { Aws_Config_File: 'D:\\aws\\config', aws_shared_credentials_file: 'D:\\aws\\creds' };
  assert.deepEqual(configFilePaths(env, 'C:\\Users\\a', 'win32'), { config: 'D:\\aws\\config', credentials: 'D:\\aws\\creds' });
  assert.deepEqual(configFilePaths(env, '/h', 'linux'), { config: '/h/.aws/config', credentials: '/h/.aws/credentials' });
});
