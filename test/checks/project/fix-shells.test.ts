// Project fixes (package managers, go, the credential_process bridge) follow the user's shell like every other
// fix; the credential_process value inside follows the platform, because the SDK that runs it splits it there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { otherSdksCheck } from '../../../src/checks/project/other-sdks.js';
import { loginBridge } from '../../../src/knowledge/other-sdks.js';
import { FIXTURES, fixtureHome } from '../../support/cli.js';
import { fixtureContext } from '../../support/context.js';
import { parseWindowsArgv, readCmdLine, readPowerShellSingleQuoted } from '../../support/windows-shells.js';
import { peerMissing } from '../../support/python-envs.js';

const CMD = { ComSpec: 'C:\\WINDOWS\\system32\\cmd.exe', PROMPT: '$P$G' };
const PS = { PSModulePath: 'C:\\Users\\alice\\Documents\\WindowsPowerShell\\Modules' };
const NAMES = ['dev', 'my dev', "it's", 'a&b', 'x"y', 'trailing\\', '%PATH%', '$(id)', 'semi;colon'];

/** What botocore (compat_shell_split, the real one on this machine) hands to the process for each value. */
function botocoreSplit(values: readonly string[], platform: 'win32' | 'linux'): string[][] | null {
  const script = `import json,sys\nfrom botocore.compat import compat_shell_split as s\nprint(json.dumps([s(v, platform=${JSON.stringify(platform)}) for v in json.load(sys.stdin)]))`;
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(values), encoding: 'utf8' });
  return r.status === 0 ? (JSON.parse(r.stdout) as string[][]) : null;
}

describe('credential_process bridge', () => {
  it('the profile inside credential_process reaches botocore unchanged on Windows and POSIX (real botocore)', (t) => {
    for (const platform of ['win32', 'linux'] as const) {
      const values = NAMES.map((n) => loginBridgeValue(platform, n));
      const split = botocoreSplit(values, platform);
      if (!split) return peerMissing(t, 'no python3 with botocore');
      for (const [i, name] of NAMES.entries()) {
        if (platform === 'win32' && name.includes('"')) continue; // cmd.exe /C cannot carry a quote inside quotes; no profile name has one
        assert.deepEqual(split[i], ['aws', 'configure', 'export-credentials', '--profile', name, '--format', 'process'], `${platform}: ${values[i]}`);
      }
    }
  });

  it('PowerShell and cmd.exe receive the whole value as one argument', () => {
    for (const name of NAMES) {
      const ps = loginBridge({ platform: 'win32', env: PS }, name).command;
      const value = readPowerShellSingleQuoted(ps.slice('aws configure set credential_process '.length));
      assert.equal(value.value, loginBridgeValue('win32', name), ps);
      const cmd = loginBridge({ platform: 'win32', env: CMD }, name).command;
      if (/[%]/.test(name)) continue; // cmd.exe expands %VAR% inside quotes at the prompt; the carets keep it out here
      assert.deepEqual(parseWindowsArgv(readCmdLine(cmd)).slice(3, 5), ['credential_process', loginBridgeValue('win32', name)], cmd);
    }
  });

  it('through the check: cmd.exe and PowerShell forms, and never a PowerShell-quoted profile inside the value', async () => {
    const home = fixtureHome('healthy-login');
    const run = async (env: Record<string, string>) => {
      const ctx = fixtureContext({ home, cwd: `${FIXTURES}projects/sdk-go-old`, platform: 'win32', env: { ...env, AWS_PROFILE: 'dev', AWS_CONFIG_FILE: `${home}/.aws/config`, USERPROFILE: home } });
      return (await otherSdksCheck.run(ctx)).find((f) => f.code === 'pins-go-too-old')!.fix!.commands.at(-1)!;
    };
    assert.equal(await run(CMD), 'aws configure set credential_process ^"aws configure export-credentials --profile dev --format process^" --profile dev-process');
    assert.equal(await run(PS), "aws configure set credential_process 'aws configure export-credentials --profile dev --format process' --profile 'dev-process'");
  });
});

/** The credential_process value the bridge writes for a profile on a platform. */
function loginBridgeValue(platform: 'win32' | 'linux', name: string): string {
  const command = loginBridge({ platform, env: platform === 'win32' ? PS : {} }, name).command;
  const quoted = command.slice('aws configure set credential_process '.length, command.lastIndexOf(' --profile '));
  if (platform === 'win32') return readPowerShellSingleQuoted(quoted).value;
  const r = spawnSync('sh', ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8' });
  return r.stdout;
}
