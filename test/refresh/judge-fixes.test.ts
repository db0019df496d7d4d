import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consumerFinding, fixFor, type FixContext } from '../../src/refresh/judge.js';
import { clockFix } from '../../src/knowledge/sts.js';
import type { RefreshConsumer } from '../../src/probes/refresh-consumers.js';

const base: FixContext = { kind: 'login', platform: 'linux', env: {}, profile: 'dev', region: 'us-east-1', pythons: new Map(), clis: new Map() };
const js: RefreshConsumer = { kind: 'js', id: 'js', label: 'JS', command: null };
const python: RefreshConsumer = { kind: 'python', id: 'python1', label: 'Python', command: '/home/u/.local/share/pipx/venvs/tool/bin/python' };
const cli: RefreshConsumer = { kind: 'cli', id: 'cli1', label: 'AWS CLI 1.44.0', command: '/usr/bin/aws' };

describe('refresh-test fixes come from src/knowledge, like the diagnosis', () => {
  it('refresh-clock-skew gives the same advice as the live check, WSL2 included', () => {
    for (const [platform, env] of [['linux', { WSL_DISTRO_NAME: 'Ubuntu' }], ['linux', {}], ['darwin', {}], ['win32', {}]] as const) {
      const fix = fixFor('refresh-clock-skew', js, { ...base, platform, env })!;
      const live = clockFix(platform, env);
      assert.deepEqual(fix.commands, live.commands, platform);
      assert.ok(fix.text.endsWith(live.text), fix.text);
    }
    assert.deepEqual(fixFor('refresh-clock-skew', js, { ...base, env: { WSL_DISTRO_NAME: 'Ubuntu' } })!.commands, ['sudo hwclock -s']);
  });

  it('refresh-awscrt-* installs the way the Python environment is managed (pipx here), else plain pip', () => {
    const pythons = new Map([[python.command!, { executable: python.command!, prefix: '/home/u/.local/share/pipx/venvs/tool', kind: 'pipx' as const, hasBoto3: true, userSite: false }]]);
    const pipx = fixFor('refresh-awscrt-missing', python, { ...base, pythons })!;
    assert.match(pipx.commands[0]!, /^pipx inject tool /);
    assert.match(pipx.text, /^botocore signs the refresh/);
    const unknown = fixFor('refresh-awscrt-no-padded-signature', cli, base)!;
    assert.match(unknown.commands[0]!, /^pip install --upgrade /);
    assert.match(unknown.text, /AWS CLI v1 uses the botocore of the Python/);
  });

  it('refresh-awscrt-no-padded-signature from AWS CLI v2 updates the CLI the way it was installed, never pip', () => {
    const v2: RefreshConsumer = { kind: 'cli', id: 'cli1', label: 'AWS CLI 2.32.3', command: '/usr/local/bin/aws' };
    const fix = (method: 'installer' | 'homebrew' | 'debian', platform: NodeJS.Platform = 'linux') =>
      fixFor('refresh-awscrt-no-padded-signature', v2, { ...base, platform, clis: new Map([[v2.command!, { major: 2, method }]]) })!;
    const installer = fix('installer');
    assert.match(installer.text, /official installer, which bundles its own awscrt \(pip does not reach it\): update the CLI to 2\.32\.7 or later/);
    assert.ok(installer.commands.some((c) => c.includes('sudo ./aws/install --update')), installer.commands.join('\n'));
    assert.deepEqual(fix('installer', 'win32').commands, ['msiexec.exe /i https://awscli.amazonaws.com/AWSCLIV2.msi']);
    assert.deepEqual(fix('homebrew', 'darwin').commands, ['brew upgrade awscli']);
    const debian = fix('debian');
    assert.match(debian.text, /built from source and imports the awscrt of its own Python/);
    for (const f of [installer, debian, fix('homebrew', 'darwin')]) assert.ok(!f.commands.some((c) => /\bpip\b/.test(c)) && !/AWS CLI v1/.test(f.text), f.text);
    // The same consumer path known as a v1 CLI keeps the pip advice.
    const v1 = fixFor('refresh-awscrt-no-padded-signature', v2, { ...base, clis: new Map([[v2.command!, { major: 1, method: 'pip' as const }]]) })!;
    assert.match(v1.commands[0]!, /^pip install --upgrade /);
  });

  it('a refreshed cache with mode 666 warns on POSIX; on Windows the mode is only the read-only flag and means nothing', () => {
    const token = { credentialId: 'ASIANEW', refreshToken: 'r2', expiresAt: new Date('2026-01-05T08:00:00Z'), secrets: [] } as never;
    const run = { stsOk: true, accessKeyId: 'ASIANEW', account: null, arn: null, errorText: null, warnings: [], durationMs: 1000, timedOut: false };
    const disk = { changed: true, token, problems: [], mode: 0o100666 };
    const judged = { code: 'refresh-ok' as const, refreshedOnDisk: true, diskNote: 'x' };
    assert.equal(consumerFinding(js, judged, run, disk, base).status, 'warn');
    assert.equal(consumerFinding(js, judged, run, disk, { ...base, platform: 'win32' }).status, 'pass');
  });
});
