// The refresh-test's fix commands and the login cache's sign-in line are written for the shell the user typed
// login-doctor into (shellOf: PowerShell, cmd.exe or Git Bash on Windows; sh on macOS), like every other check.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loginCacheCheck } from '../../src/checks/caches/login.js';
import type { RefreshCode } from '../../src/knowledge/error-signature.js';
import { runRefreshTest } from '../../src/refresh/run.js';
import { fixFor, type FixContext } from '../../src/refresh/judge.js';
import type { RefreshConsumer } from '../../src/probes/refresh-consumers.js';
import { fixtureContext } from '../support/context.js';
import { tempHome } from '../support/temp-home.js';
import { parseWindowsArgv, readCmdLine, readPowerShellSingleQuoted } from '../support/windows-shells.js';

const USER_MODULES = 'C:\\Users\\alice\\Documents\\WindowsPowerShell\\Modules;C:\\Program Files\\WindowsPowerShell\\Modules';
const MACHINE_MODULES = 'C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules';
const COMSPEC = 'C:\\WINDOWS\\system32\\cmd.exe';

/** The environments each shell leaves for the programs it starts (see detectShell). */
const SHELLS = {
  cmd: { platform: 'win32', env: { ComSpec: COMSPEC, PROMPT: '$P$G', PSModulePath: MACHINE_MODULES } },
  powershell: { platform: 'win32', env: { ComSpec: COMSPEC, PSModulePath: USER_MODULES } },
  gitbash: { platform: 'win32', env: { ComSpec: COMSPEC, PROMPT: '$P$G', PSModulePath: MACHINE_MODULES, MSYSTEM: 'MINGW64', SHELL: '/usr/bin/bash' } },
  darwin: { platform: 'darwin', env: { SHELL: '/bin/zsh' } },
} as const;
type ShellName = keyof typeof SHELLS;

/** A profile name every shell would act on if it were not quoted for it. */
const PROFILE = "it's & co";

/** The profile argument as each shell must receive it: checked with the reference readers of each shell. */
function assertSignIn(shell: ShellName, command: string, verb: 'aws login' | 'aws sso login'): void {
  const prefix = `${verb} --profile `;
  assert.ok(command.startsWith(prefix), `${shell}: ${command}`);
  const arg = command.slice(prefix.length);
  if (shell === 'cmd') {
    assert.deepEqual(parseWindowsArgv(readCmdLine(command)), [...verb.split(' '), '--profile', PROFILE], command);
  } else if (shell === 'powershell') {
    assert.deepEqual(readPowerShellSingleQuoted(arg), { value: PROFILE, rest: '' }, command);
  } else {
    assert.equal(arg, `'it'\\''s & co'`, command);
  }
}

function fixContext(shell: ShellName, o: Partial<FixContext> = {}): FixContext {
  const { platform, env } = SHELLS[shell];
  return { kind: 'login', platform, env, profile: PROFILE, region: 'eu-west-1', pythons: new Map(), clis: new Map(), ...o };
}

const js: RefreshConsumer = { kind: 'js', id: 'js', label: 'JS', command: null };
const SIGN_IN: RefreshCode[] = ['refresh-session-expired', 'refresh-password-changed', 'refresh-permission-denied', 'refresh-invalid-grant', 'refresh-unknown'];

describe('refresh-test fixes in the shell login-doctor runs in (cmd.exe, PowerShell, Git Bash, macOS)', () => {
  for (const shell of Object.keys(SHELLS) as ShellName[]) {
    it(`${shell}: sign-in, region, "run login-doctor" and clock commands`, () => {
      const f = fixContext(shell);
      for (const code of SIGN_IN) {
        assertSignIn(shell, fixFor(code, js, f)!.commands[0]!, 'aws login');
        assertSignIn(shell, fixFor(code, js, { ...f, kind: 'sso' })!.commands[0]!, 'aws sso login');
      }
      const region = fixFor('refresh-no-region', js, f)!.commands;
      const doctor = fixFor('refresh-not-attempted', js, f)!.commands;
      const clock = fixFor('refresh-clock-skew', js, f)!.commands;
      switch (shell) {
        case 'cmd':
          assert.deepEqual(region, ['aws configure set region eu-west-1 --profile ^"it\'s ^& co^"']);
          assert.deepEqual(parseWindowsArgv(readCmdLine(doctor[0]!)), ['login-doctor', '--profile', PROFILE]);
          assert.deepEqual(clock, ['w32tm /resync']);
          break;
        case 'powershell':
          assert.deepEqual(region, ["aws configure set region 'eu-west-1' --profile 'it''s & co'"]);
          assert.deepEqual(doctor, ["login-doctor --profile 'it''s & co'"]);
          assert.deepEqual(clock, ['w32tm /resync']);
          break;
        case 'gitbash':
          assert.deepEqual(region, ["aws configure set region eu-west-1 --profile 'it'\\''s & co'"]);
          assert.deepEqual(doctor, ["login-doctor --profile 'it'\\''s & co'"]);
          // Git Bash would turn /resync into C:/Program Files/Git/resync.
          assert.deepEqual(clock, ["MSYS_NO_PATHCONV=1 MSYS2_ARG_CONV_EXCL='*' w32tm /resync"]);
          break;
        case 'darwin':
          assert.deepEqual(region, ["aws configure set region eu-west-1 --profile 'it'\\''s & co'"]);
          assert.deepEqual(clock, ['sudo sntp -sS time.apple.com']);
          break;
      }
    });
  }

  it('awscrt fixes run the interpreter the way each shell runs a program at a quoted path', () => {
    const exe = 'C:\\Program Files (x86)\\Py 3.12\\python.exe';
    const python: RefreshConsumer = { kind: 'python', id: 'python1', label: 'Python', command: exe };
    const pythons = new Map([[exe, { executable: exe, prefix: 'C:\\Program Files (x86)\\Py 3.12', kind: 'system' as const, hasBoto3: false, userSite: false }]]);
    const first = (shell: ShellName) => fixFor('refresh-awscrt-missing', python, fixContext(shell, { pythons }))!.commands[0]!;
    const pins = "'botocore[crt]>=1.42.11' 'awscrt>=0.29.1'";
    assert.equal(first('powershell'), `& '${exe}' -m pip install --upgrade ${pins}`);
    // cmd.exe: the program in plain quotes (carets would split it), the arguments escaped.
    assert.equal(first('cmd'), `"${exe}" -m pip install --upgrade ^"botocore[crt]^>=1.42.11^" ^"awscrt^>=0.29.1^"`);
    assert.deepEqual(parseWindowsArgv(readCmdLine(first('cmd').slice(exe.length + 2))), ['-m', 'pip', 'install', '--upgrade', 'botocore[crt]>=1.42.11', 'awscrt>=0.29.1']);
    assert.equal(first('gitbash'), `'${exe}' -m pip install --upgrade ${pins}`);
  });

  it('the externally-managed fix names the venv interpreter with the separators of the shell', () => {
    const exe = 'C:\\Python312\\python.exe';
    const python: RefreshConsumer = { kind: 'python', id: 'python1', label: 'Python', command: exe };
    const pythons = new Map([[exe, { executable: exe, prefix: 'C:\\Python312', kind: 'externally-managed' as const, hasBoto3: false, userSite: false }]]);
    const second = (shell: ShellName) => fixFor('refresh-awscrt-missing', python, fixContext(shell, { pythons }))!.commands[1]!;
    assert.match(second('powershell'), /^& '\.venv\\Scripts\\python\.exe' -m pip/);
    assert.match(second('cmd'), /^\.venv\\Scripts\\python\.exe -m pip/);
    assert.match(second('gitbash'), /^\.venv\/Scripts\/python\.exe -m pip/);
  });
});

describe('runRefreshTest and the login cache check print commands for the shell in use', () => {
  const { home, cleanup } = tempHome({
    // Quoted: botocore's build_profile_map drops a header shlex cannot split (the lone ').
    '.aws/config': `[profile "${PROFILE}"]\nlogin_session = arn:aws:iam::123456789012:user/alice\nregion = eu-west-1\n`,
    'cache/.keep': '',
  });
  after(cleanup);
  // Windows-shaped paths would not exist on this machine: the config and cache are named through the environment.
  const ctxFor = (shell: ShellName, profile = PROFILE) =>
    fixtureContext({
      home,
      platform: SHELLS[shell].platform,
      env: { ...SHELLS[shell].env, AWS_CONFIG_FILE: `${home}/.aws/config`, AWS_LOGIN_CACHE_DIRECTORY: `${home}/cache`, USERPROFILE: home },
      options: { profile },
    });
  const options = { via: ['js' as const], pythons: [], consumerTimeoutMs: 1000, yes: true, confirm: async () => null, signal: new AbortController().signal };

  for (const shell of Object.keys(SHELLS) as ShellName[]) {
    it(`${shell}: refresh-test's sign-in fix for a missing cache, and caches.login's sign-in line`, async () => {
      const ctx = ctxFor(shell);
      const r = await runRefreshTest(ctx, options);
      const unhealthy = r.results[0]!.findings.find((f) => f.code === 'refresh-test-cache-unhealthy');
      assert.ok(unhealthy, JSON.stringify(r.results[0]!.findings.map((f) => f.code)));
      assertSignIn(shell, unhealthy.fix!.commands[0]!, 'aws login');

      const missing = await runRefreshTest(ctxFor(shell, 'no such'), options);
      const notLogin = missing.results[0]!.findings.find((f) => f.code === 'refresh-test-not-login-profile')!;
      assert.equal(notLogin.fix!.commands[0], shell === 'cmd' ? 'aws login --profile ^"no such^"' : "aws login --profile 'no such'");

      const login = (await loginCacheCheck.run(ctx)).find((f) => f.code === 'login-cache-missing');
      assert.ok(login, 'login-cache-missing');
      assertSignIn(shell, login.fix!.commands[0]!, 'aws login');
    });
  }
});
