import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SpawnResult, Spawner } from '../../src/engine/context.js';
import { parsePyLauncherList } from '../../src/probes/python-locations.js';
import { discoverPythons, probePythons } from '../../src/probes/python-probe.js';
import { fixtureContext } from '../support/context.js';
import { virtualFs, type VirtualEntry } from '../support/virtual-fs.js';

const result = (stdout: string, exitCode = 0, stderr = ''): SpawnResult => ({ exitCode, signal: null, stdout, stderr, timedOut: false, truncated: false, error: null, durationMs: 1 });

/** Records every spawn; answers `py -0p` from the given list and every Python probe with no report. */
function recordingSpawn(pyList = ''): Spawner & { calls: string[] } {
  const calls: string[] = [];
  const spawn: Spawner = async (command, args) => {
    calls.push(command);
    return args[0] === '-0p' ? result(pyList) : result('', 1);
  };
  return Object.assign(spawn, { calls });
}

describe('Python discovery on macOS', () => {
  const stubOnly = { '/usr/bin/python3': { text: 'Mach-O stub' } };

  it('never runs the /usr/bin/python3 stub when the Command Line Tools are absent', async () => {
    const spawn = recordingSpawn();
    const ctx = fixtureContext({ home: '/Users/alice', platform: 'darwin', fs: virtualFs('darwin', stubOnly), env: { PATH: '/usr/bin:/bin' }, spawn });
    assert.deepEqual(await discoverPythons(ctx), []);
    await probePythons(ctx);
    assert.deepEqual(spawn.calls, []);
  });

  it('never runs it through --python either: the probe reports why', async () => {
    const spawn = recordingSpawn();
    const ctx = fixtureContext({ home: '/Users/alice', platform: 'darwin', fs: virtualFs('darwin', stubOnly), env: { PATH: '' }, spawn, options: { pythons: ['/usr/bin/python3'] } });
    const [probe] = await probePythons(ctx);
    assert.match(probe!.failure!.message, /macOS stub .*Command Line Tools/);
    assert.deepEqual(spawn.calls, []);
  });

  it('runs /usr/bin/python3 once the Command Line Tools (or Xcode via xcode-select) are installed', async () => {
    for (const tools of <Record<string, VirtualEntry>[]>[
      { '/Library/Developer/CommandLineTools/usr/bin/python3': { text: 'python' } },
      { '/Applications/Xcode.app/Contents/Developer/usr/bin/python3': { text: 'python' }, '/var/db/xcode_select_link': { link: '/Applications/Xcode.app/Contents/Developer' } },
    ]) {
      const spawn = recordingSpawn();
      const ctx = fixtureContext({ home: '/Users/alice', platform: 'darwin', fs: virtualFs('darwin', { ...stubOnly, ...tools }), env: { PATH: '/usr/bin' }, spawn });
      await probePythons(ctx);
      assert.deepEqual(spawn.calls, ['/usr/bin/python3']);
    }
  });

  it('finds Homebrew, python.org framework, pyenv, conda and uv Pythons off PATH', async () => {
    const py = { text: 'python' };
    const fs = virtualFs('darwin', {
      ...stubOnly,
      '/opt/homebrew/bin/python3': py,
      '/Library/Frameworks/Python.framework/Versions/3.12/bin/python3': py,
      '/Users/alice/.pyenv/versions/3.11.9/bin/python3': py,
      '/Users/alice/miniconda3/bin/python3': py,
      '/Users/alice/.local/share/uv/python/cpython-3.13.1-macos-aarch64-none/bin/python3': py,
    });
    const spawn = recordingSpawn();
    const ctx = fixtureContext({ home: '/Users/alice', platform: 'darwin', fs, env: { PATH: '/usr/bin:/bin' }, spawn });
    const found = await discoverPythons(ctx);
    assert.deepEqual(found.map((c) => [c.path, c.found[0]!.reason]), [
      ['/opt/homebrew/bin/python3', 'installed'],
      ['/Library/Frameworks/Python.framework/Versions/3.12/bin/python3', 'installed'],
      ['/Users/alice/.pyenv/versions/3.11.9/bin/python3', 'installed'],
      ['/Users/alice/miniconda3/bin/python3', 'installed'],
      ['/Users/alice/.local/share/uv/python/cpython-3.13.1-macos-aarch64-none/bin/python3', 'installed'],
    ]);
    await probePythons(ctx);
    assert.ok(!spawn.calls.includes('/usr/bin/python3'));
  });
});

describe('Python discovery on Windows', () => {
  const local = 'C:\\Users\\alice\\AppData\\Local';
  const aliases = `${local}\\Microsoft\\WindowsApps`;
  const env = { HOME: undefined, PATH: undefined, Path: `C:\\Windows;${aliases}`, LOCALAPPDATA: local, USERPROFILE: 'C:\\Users\\alice' };
  const PY_0P = ' -V:3.12 *        C:\\Users\\alice\\AppData\\Local\\Programs\\Python\\Python312\\python.exe\r\n -V:3.11          C:\\Python311\\python.exe\r\n';

  it('recognises the Store alias without running it, and asks the py launcher instead', async () => {
    const fs = virtualFs('win32', {
      [`${aliases}\\python.exe`]: { text: '' },
      [`${aliases}\\python3.exe`]: { text: '' },
      'C:\\Windows\\py.exe': { text: 'MZ' },
      'C:\\Users\\alice\\AppData\\Local\\Programs\\Python\\Python312\\python.exe': { text: 'MZ' },
      'C:\\Python311\\python.exe': { text: 'MZ' },
    });
    const spawn = recordingSpawn(PY_0P);
    const ctx = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', fs, env, spawn });
    const found = await discoverPythons(ctx);
    assert.deepEqual(found.map((c) => c.path), ['C:\\Users\\alice\\AppData\\Local\\Programs\\Python\\Python312\\python.exe', 'C:\\Python311\\python.exe']);
    await probePythons(ctx);
    assert.ok(!spawn.calls.some((c) => c.includes('WindowsApps')), spawn.calls.join('\n'));
    assert.equal(spawn.calls[0], 'C:\\Windows\\py.exe');
  });

  it('a Store-installed Python in WindowsApps is a real interpreter and is run', async () => {
    const fs = virtualFs('win32', {
      [`${aliases}\\python3.exe`]: { text: '' },
      [`${aliases}\\PythonSoftwareFoundation.Python.3.12_qbz5n2kfra8p0\\python3.exe`]: { text: '' },
    });
    const spawn = recordingSpawn();
    const ctx = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', fs, env, spawn });
    await probePythons(ctx);
    assert.deepEqual(spawn.calls, [`${aliases}\\python3.exe`]);
  });

  it('an alias that is run anyway (exit 9009) is "no Python here", not a broken interpreter', async () => {
    const fs = virtualFs('win32', { 'C:\\tools\\python.exe': { text: 'MZ' } });
    const spawn: Spawner = async () => result('', 9009, 'Python was not found; run without arguments to install from the Microsoft Store, or disable this shortcut from Settings > Manage App Execution Aliases.\r\n');
    const ctx = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', fs, env: { ...env, Path: 'C:\\tools' }, spawn });
    const [probe] = await probePythons(ctx);
    assert.equal(probe!.failure!.kind, 'not-found');
    assert.match(probe!.failure!.message, /Microsoft Store alias: no Python is installed here/);
  });

  it('parses both py launcher list formats', () => {
    assert.deepEqual(parsePyLauncherList(PY_0P), ['C:\\Users\\alice\\AppData\\Local\\Programs\\Python\\Python312\\python.exe', 'C:\\Python311\\python.exe']);
    assert.deepEqual(parsePyLauncherList(' -3.9-64        C:\\Python39\\python.exe *\r\n -2.7-32        C:\\Python27\\python.exe\r\n'), ['C:\\Python39\\python.exe', 'C:\\Python27\\python.exe']);
  });
});
