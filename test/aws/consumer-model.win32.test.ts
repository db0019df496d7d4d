import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { getHomeDir } from '@smithy/core/config';
import fc from 'fast-check';
import { consumerFiles, consumerPaths, resolveConsumer } from '../../src/aws/consumer-model.js';
import { consumerHomes, pythonExpandPath } from '../../src/aws/paths.js';
import { consumersCheck } from '../../src/checks/config/consumers.js';
import { fixtureContext } from '../support/context.js';
import { virtualFs } from '../support/virtual-fs.js';

/**
 * The consumer model on Windows, in-process. The real consumers cannot run on Windows here, but their path rules
 * are pure: Python's ntpath (expandvars, expanduser) runs on Linux too, and the JS SDK's getHomeDir() reads only
 * process.env. Both are the oracles for the model's Windows home and path rules.
 */
const ACCOUNT = 'C:\\Users\\acct';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const winEnv = fc
  .record({
    USERPROFILE: maybe(fc.constantFrom('C:\\Users\\alice', 'D:\\profiles\\alice', '\\\\srv\\share\\alice', '')),
    HOMEDRIVE: maybe(fc.constantFrom('C:', 'E:', '')),
    HOMEPATH: maybe(fc.constantFrom('\\Users\\alice', 'Users\\alice', '\\', '')),
    HOME: maybe(fc.constantFrom('C:\\msys\\home\\alice', '/c/Users/alice', '')),
    USERNAME: maybe(fc.constantFrom('alice', 'bob')),
    CFG: maybe(fc.constantFrom('C:\\cfg', 'alt')),
  })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, string>);

const winPath = fc.constantFrom(
  '~\\.aws\\config', '~/.aws/config', '~', '~alice\\config', '~bob\\config', '~\\', '%CFG%\\config', '$CFG\\config', '${CFG}\\config',
  "'%CFG%'\\config", '%NOPE%\\config', '$NOPE\\x', '100%%\\x', '$$CFG', 'C:\\aws\\config', 'D:/aws/config', 'rel\\config', '%CFG', '${CFG',
  '$CFG-x\\config', '~user\\$CFG',
);

test('pythonExpandPath on win32 is ntpath.expandvars + ntpath.expanduser (the real Python as the oracle)', () => {
  const cases = fc.sample(fc.record({ env: winEnv, value: winPath }), { numRuns: 300, seed: 12 });
  const script =
    'import json, ntpath, os, sys\nout = []\nfor c in json.load(sys.stdin):\n    os.environ.clear()\n    os.environ.update(c["env"])\n' +
    '    out.append(ntpath.expanduser(ntpath.expandvars(c["value"])))\nprint(json.dumps(out))\n';
  const real = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(cases), env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }).toString()) as string[];
  const wrong = cases.flatMap((c, i) => {
    const got = pythonExpandPath(c.value, c.env, 'win32', consumerHomes(c.env, 'win32', ACCOUNT).python.dir);
    return got === real[i] ? [] : [`${JSON.stringify(c)}: python ${JSON.stringify(real[i])}, model ${JSON.stringify(got)}`];
  });
  assert.deepEqual(wrong, []);
});

test('ntpath.expandvars on any mix of quotes, %, $ and braces (the real Python as the oracle)', () => {
  const env = { CFG: 'C:\\cfg', A: 'aa', A_B: 'ab', 'A-B': 'a-b' };
  const chars = fc.constantFrom("'", '%', '%', '$', '$', '{', '}', 'CFG', 'A', '_', '-', 'B', '\\', 'x');
  const values = fc.sample(fc.array(chars, { maxLength: 12 }).map((a) => a.join('')), { numRuns: 500, seed: 7 });
  const script = 'import json, ntpath, os, sys\nos.environ.clear()\nos.environ.update(json.loads(sys.argv[1]))\nprint(json.dumps([ntpath.expandvars(v) for v in json.load(sys.stdin)]))\n';
  const real = JSON.parse(execFileSync('python3', ['-c', script, JSON.stringify(env)], { input: JSON.stringify(values), env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }).toString()) as string[];
  // No `~` in the values, so pythonExpandPath is expandvars alone.
  const wrong = values.flatMap((v, i) => {
    const got = pythonExpandPath(v, env, 'win32', null);
    return got === real[i] ? [] : [`${JSON.stringify(v)}: python ${JSON.stringify(real[i])}, model ${JSON.stringify(got)}`];
  });
  assert.deepEqual(wrong, []);
});

test("the JS SDK's home on win32 is its real getHomeDir(): HOME, then USERPROFILE, then HOMEDRIVE + HOMEPATH", () => {
  // HOMEDRIVE is always given with HOMEPATH: its default is `C:` + the path separator of the OS the SDK runs on.
  const cases = fc.sample(winEnv, { numRuns: 200, seed: 12 }).filter((e) => e.HOME || e.USERPROFILE || e.HOMEPATH).map((e) => (e.HOMEPATH ? { HOMEDRIVE: 'C:', ...e } : e));
  assert.ok(cases.length > 50);
  const saved = { ...process.env };
  try {
    for (const env of cases) {
      for (const k of Object.keys(process.env)) delete process.env[k];
      Object.assign(process.env, env);
      assert.equal(consumerHomes(env, 'win32', ACCOUNT).jsSdk.dir, getHomeDir(), JSON.stringify(env));
    }
  } finally {
    for (const k of Object.keys(process.env)) delete process.env[k];
    Object.assign(process.env, saved);
  }
});

test('consumerPaths on win32: drive letters and backslashes, ~ per consumer, relative paths against the working directory', () => {
  const env = { USERPROFILE: 'C:\\Users\\alice', HOME: 'C:\\msys\\home\\alice', CFG: 'D:\\cfg' };
  const homes = consumerHomes(env, 'win32', ACCOUNT);
  const at = (c: 'botocore' | 'js', e: Record<string, string>) => consumerPaths(c, { ...env, ...e }, c === 'js' ? homes.jsSdk.dir : homes.python.dir, 'C:\\work', 'win32');
  // Unset: Python's ~ is USERPROFILE, the JS SDK's is HOME (Git Bash and MSYS set it).
  assert.equal(at('botocore', {}).config, 'C:\\Users\\alice\\.aws\\config');
  assert.equal(at('js', {}).config, 'C:\\msys\\home\\alice\\.aws\\config');
  assert.equal(at('botocore', { AWS_CONFIG_FILE: 'E:\\aws\\config' }).config, 'E:\\aws\\config');
  assert.equal(at('js', { AWS_CONFIG_FILE: 'E:/aws/config' }).config, 'E:\\aws\\config');
  // `~\` is expanded by Python only; the JS SDK reads a folder named ~ under the working directory.
  assert.equal(at('botocore', { AWS_SHARED_CREDENTIALS_FILE: '~\\creds' }).credentials, 'C:\\Users\\alice\\creds');
  assert.equal(at('js', { AWS_SHARED_CREDENTIALS_FILE: '~\\creds' }).credentials, 'C:\\work\\~\\creds');
  assert.equal(at('botocore', { AWS_CONFIG_FILE: '%CFG%\\config' }).config, 'D:\\cfg\\config');
  assert.equal(at('js', { AWS_CONFIG_FILE: '%CFG%\\config' }).config, 'C:\\work\\%CFG%\\config');
  // Environment names are case-insensitive on Windows.
  assert.equal(at('botocore', { aws_config_file: 'E:\\x' }).config, 'E:\\x');
  // No USERPROFILE or HOMEPATH: Python leaves ~ as it is, so the file is relative to the working directory.
  assert.equal(consumerPaths('botocore', {}, consumerHomes({}, 'win32', ACCOUNT).python.dir, 'C:\\work', 'win32').config, 'C:\\work\\~\\.aws\\config');
});

test('config.consumers runs on win32: each consumer reads its own file (an MSYS HOME hides the login profile from botocore)', async () => {
  const alice = 'arn:aws:iam::123456789012:user/alice';
  const fs = virtualFs('win32', {
    'C:\\Users\\alice\\.aws\\config': { text: `[default]\nregion = eu-west-1\n` },
    'C:\\msys\\home\\alice\\.aws\\config': { text: `[default]\nlogin_session = ${alice}\nregion = us-east-1\n` },
  });
  const env = { USERPROFILE: 'C:\\Users\\alice', HOME: 'C:\\msys\\home\\alice', AWS_CONFIG_FILE: '' };
  const ctx = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', env, fs, accountHome: 'C:\\Users\\alice' });
  const findings = await consumersCheck.run(ctx);
  const path = findings.find((f) => f.code === 'config-path-env');
  assert.ok(path, findings.map((f) => f.code).join(', '));
  assert.deepEqual(path.evidence, { variable: 'AWS_CONFIG_FILE', value: '', paths: { botocore: '', 'cli-v2': '', js: 'C:\\msys\\home\\alice\\.aws\\config' } });
  assert.deepEqual(path.fix!.commands, ['Remove-Item Env:AWS_CONFIG_FILE']);
  const differ = findings.find((f) => f.code === 'config-consumers-disagree');
  assert.ok(differ);
  assert.match(differ.detail ?? '', /AWS SDK for JavaScript v3: profile default, aws login, login_session arn:aws:iam::123456789012:user\/alice, region us-east-1/);
  assert.match(differ.detail ?? '', /AWS CLI v2: profile default, no credentials, no region/);

  // Without the variable each reads its own home: botocore C:\Users\alice, the JS SDK the MSYS HOME.
  const files = (c: 'botocore' | 'js') => {
    const homes = consumerHomes(env, 'win32', 'C:\\Users\\alice');
    return consumerPaths(c, {}, c === 'js' ? homes.jsSdk.dir : homes.python.dir, 'C:\\work', 'win32');
  };
  assert.equal(files('botocore').config, 'C:\\Users\\alice\\.aws\\config');
  assert.equal(files('js').config, 'C:\\msys\\home\\alice\\.aws\\config');
  const read = (p: string) => (p.toLowerCase() === 'c:\\users\\alice\\.aws\\config' ? { kind: 'text' as const, text: '[profile dev]\nregion = eu-west-1\n', invalidUtf8Line: null } : { kind: 'absent' as const });
  const r = resolveConsumer('botocore', consumerFiles('botocore', files('botocore'), read), {}, 'dev');
  assert.equal(r.region, 'eu-west-1');
});

test('config.consumers on win32: the login bridge for a role is written for the SDKs that split it on Windows', async () => {
  const fs = virtualFs('win32', {
    'C:\\Users\\alice\\.aws\\config': {
      text: "[profile a&b]\nlogin_session = arn:aws:iam::123456789012:user/alice\nregion = us-east-1\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = a&b\n",
    },
  });
  const env = { USERPROFILE: 'C:\\Users\\alice', PSModulePath: 'C:\\Users\\alice\\Documents\\WindowsPowerShell\\Modules' };
  const ctx = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', env, fs, accountHome: 'C:\\Users\\alice', options: { profile: 'admin' } });
  const all = await consumersCheck.run(ctx);
  const gap = all.find((f) => f.code === 'role-on-login-unsupported');
  assert.ok(gap, JSON.stringify(all.map((f) => [f.code, f.title])));
  // botocore's compat_shell_split and cmd.exe /C read double quotes on Windows; single quotes would stay in the name.
  assert.deepEqual(gap.fix!.commands, [
    `aws configure set credential_process 'aws configure export-credentials --profile "a&b" --format process' --profile 'a&b-process'`,
    `aws configure set source_profile 'a&b-process' --profile 'admin'`,
  ]);
});
