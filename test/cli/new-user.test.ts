// Every command as a new user meets it: usage errors, help, typos, the readable report (issue "every command
// as a new user meets it"). Each test runs the built CLI with a fixture HOME.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fixtureHome, runCli, runJson } from '../support/cli.js';
import { tempHome } from '../support/temp-home.js';

const BIN = fileURLToPath(new URL('../../bin/login-doctor.js', import.meta.url));
const home = fixtureHome('healthy-login');

describe('usage errors are short and say what to do', () => {
  it('a mistyped command: "unknown command", the close name, one line pointing at --help', async () => {
    const r = await runCli(['lsit-checks'], { home });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "error: unknown command 'lsit-checks'\n(Did you mean list-checks?)\nRun 'login-doctor --help' for usage.\n");
  });

  it('--timeout abc / 0 / -5 and --consumer-timeout abc say what is expected (exit 2)', async () => {
    for (const value of ['abc', '0', '-5']) {
      const r = await runCli(['--offline', '--timeout', value], { home });
      assert.equal(r.code, 2, value);
      assert.match(r.stderr, new RegExp(`^error: option '--timeout <ms>' argument '${value}' is invalid\\. Expected a whole number above 0 \\(milliseconds\\)\\.\\nRun 'login-doctor --help' for usage\\.\\n$`));
    }
    const c = await runCli(['refresh-test', '--consumer-timeout', 'abc'], { home });
    assert.equal(c.code, 2);
    assert.match(c.stderr, /argument 'abc' is invalid\. Expected a whole number above 0/);
    assert.match(c.stderr, /Run 'login-doctor refresh-test --help' for its options\.\n$/);
  });

  it('--only/--skip with an unknown word is a usage error with a did-you-mean, not "All good"', async () => {
    const tool = await runCli(['--offline', '--only', 'tool'], { home });
    assert.equal(tool.code, 2);
    assert.equal(tool.stdout, '');
    assert.match(tool.stderr, /unknown check id, category or finding code "tool" \(did you mean tools\?\)/);
    const nosuch = await runCli(['--offline', '--skip', 'region-mising'], { home });
    assert.equal(nosuch.code, 2);
    assert.match(nosuch.stderr, /"region-mising" \(did you mean region-missing\?\)/);
    const code = await runJson(['--offline', '--only', 'config-files-ok'], { home });
    assert.deepEqual(code.report.findings.map((f) => f.code), ['config-files-ok']);
  });
});

describe('help', () => {
  const expected: Record<string, string[]> = {
    report: ['--profile', '--anonymize', '--offline', '--only'],
    'list-checks': ['--json'],
    explain: ['--json', '--anonymize'],
    'refresh-test': ['--profile', '--python', '--yes', '--json', '--via', '--consumer-timeout'],
  };
  for (const [command, options] of Object.entries(expected)) {
    it(`${command} --help lists its real options and ends with examples; help ${command} says the same`, async () => {
      const r = await runCli([command, '--help'], { home });
      assert.equal(r.code, 0);
      for (const o of options) assert.match(r.stdout, new RegExp(`^  (?:-\\w, )?${o}\\b`, 'm'), `${command} --help lists ${o}`);
      const examples = r.stdout.slice(r.stdout.indexOf('\nExamples:\n'));
      assert.ok(r.stdout.includes('\nExamples:\n'), 'has examples');
      const lines = examples.split('\n').filter((l) => l.startsWith('  $ login-doctor'));
      assert.ok(lines.length >= 2 && lines.length <= 3, examples);
      const viaHelp = await runCli(['help', command], { home });
      assert.equal(viaHelp.code, 0);
      assert.equal(viaHelp.stdout, r.stdout);
    });
  }

  it('options typed after a command name belong to it: refresh-test --profile and --python work there', async () => {
    const sub = await runCli(['refresh-test', '--profile', 'nope', '--python', '/nonexistent/python', '--yes', '--json'], { home });
    assert.equal(JSON.parse(sub.stdout).findings[0].code, 'refresh-test-not-login-profile');
  });
});

describe('what the diagnosis says', () => {
  it('--profile deb when dev exists: the close name comes first, then signing in', async () => {
    const { report } = await runJson(['--offline', '--profile', 'deb'], { home });
    const f = report.findings.find((x) => x.code === 'profile-not-found')!;
    assert.match(f.fix!.text, /^Did you mean "dev"\?/);
    assert.deepEqual(f.fix!.commands, ['login-doctor --profile dev', 'aws login --profile deb']);
  });

  it('the same static keys seen under different internal names are one source, not "different credential sources"', async () => {
    const { report } = await runJson(['--offline', '--profile', 'dev'], { home: fixtureHome('static-keys-shadow-login') });
    const f = report.findings.find((x) => x.code === 'credential-sources')!;
    assert.equal(f.status, 'pass');
    assert.match(f.title, /^Every consumer uses static keys/);
  });

  it('--ascii and TERM=dumb print no typographic characters (· …), the spinner included', async () => {
    for (const [args, env] of [
      [['--ascii'], {}],
      [[], { TERM: 'dumb' }],
    ] as const) {
      const r = await runCli(['--offline', '--profile', 'dev', ...args], { home: fixtureHome('region-missing'), env });
      assert.match(r.stdout, /^login-doctor \S+ - profile dev$/m);
      assert.doesNotMatch(r.stdout, /[·…✓✗○]/);
    }
    const explain = await runCli(['explain', '--ascii', 'botocore.exceptions.NoRegionError: You must specify a region.'], { home });
    assert.doesNotMatch(explain.stdout, /[·…]/);
  });

  it('an info finding shows its fix only with --verbose', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE000000009', AWS_SECRET_ACCESS_KEY: 'x', NO_COLOR: '1' };
    const quiet = await runCli(['--offline', '--profile', 'dev'], { home, env });
    assert.match(quiet.stdout, /^ {2}i AWS_ACCESS_KEY_ID is set/m);
    assert.doesNotMatch(quiet.stdout, /Unset the environment keys/);
    const verbose = await runCli(['--offline', '--profile', 'dev', '--verbose'], { home, env });
    assert.match(verbose.stdout, /Fix: Unset the environment keys/);
  });

  it('explain knows what the real aws on this machine prints for `aws login` when it has no login command', async (t) => {
    const outputs = ['aws', '/usr/bin/aws']
      .map((aws) => spawnSync(aws, ['login'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: tmpdir() } }))
      .filter((r) => r.status !== null && /Invalid choice/.test(r.stderr));
    if (outputs.length === 0) return t.skip('no AWS CLI without `aws login` on this machine');
    for (const o of outputs) {
      const r = await runCli(['explain', '--json'], { home, input: o.stderr });
      const matches = JSON.parse(r.stdout).matches as { code: string; fix: { text: string } }[];
      assert.equal(matches[0]!.code, 'cli-too-old');
    }
  });
});

describe('the next command', () => {
  it('is not a sign-in the aws on PATH cannot run: the install comes first, then the sign-in', async () => {
    const fx = tempHome({});
    const bin = join(fx.home, 'bin');
    try {
      await mkdir(bin);
      for (const [name, version] of [['v1', 'aws-cli/1.44.0 Python/3.11.7 Linux/6.1.0 botocore/1.40.0'], ['v2', 'aws-cli/2.36.7 Python/3.13.11 Linux/6.1.0 exe/x86_64.debian.12']] as const) {
        await mkdir(join(bin, name));
        await writeFile(join(bin, name, 'aws'), `#!/bin/sh\necho "${version}"\n`);
        await chmod(join(bin, name, 'aws'), 0o755);
      }
      const v1 = await runCli(['--offline', '--profile', 'dev'], { home: fx.home, env: { NO_COLOR: '1', PATH: `${join(bin, 'v1')}:/usr/bin:/bin` } });
      const recap = v1.stdout.slice(v1.stdout.indexOf('\nTo fix\n'));
      assert.match(recap, /^Next: install an AWS CLI that can run `aws login`, then sign in:\n(?: {2}\$ .*\n)+ {2}\$ aws login --profile dev\n/m);
      assert.match(recap, /\$ sudo \.\/aws\/install --update/);
      const v2 = await runCli(['--offline', '--profile', 'dev'], { home: fx.home, env: { NO_COLOR: '1', PATH: `${join(bin, 'v2')}:/usr/bin:/bin` } });
      assert.match(v2.stdout, /^Next: aws login --profile dev$/m);
    } finally {
      fx.cleanup();
    }
  });
});

describe('the report on a terminal', () => {
  it('wraps to the terminal width with whole commands, ends with a recap and the next command; piped output is not wrapped', async (t) => {
    if (process.platform !== 'linux' || spawnSync('script', ['--version']).status !== 0) return t.skip('needs util-linux `script` for a terminal');
    const fx = fixtureHome('region-missing');
    const command = `stty cols 60; PATH= '${process.execPath}' '${BIN}' --offline --profile dev`;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { env: { PATH: '/usr/bin:/bin', HOME: fx, NO_COLOR: '1', TERM: 'xterm', LOGIN_DOCTOR_NO_CACHE: '1' }, cwd: fx, encoding: 'utf8' });
    const out = r.stdout.replace(/\r/g, '').replace(/^.*\u001b\[K/s, '');
    const lines = out.split('\n');
    for (const l of lines) if (!/^ {8}\$ /.test(l) && !/^\S+$/.test(l.trim())) assert.ok([...l].length <= 60, `too wide: ${JSON.stringify(l)}`);
    assert.ok(lines.includes('        $ aws configure set region us-east-1 --profile dev'), 'the command is whole');
    const recap = out.slice(out.indexOf('\nTo fix\n'));
    assert.match(recap, /^ {2}✗ Login profile "dev" has no region: the refresh will fail$/m);
    assert.match(recap, /^Next: aws configure set region us-east-1 --profile dev$/m);
    const piped = await runCli(['--offline', '--profile', 'dev'], { home: fx, env: { NO_COLOR: '1' } });
    assert.ok(piped.stdout.split('\n').some((l) => l.length > 100), 'piped output keeps long lines whole');
  });
});

describe('Ctrl-C', () => {
  it('kills the running aws and python probes (their process groups), not only login-doctor', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ld-sigint-'));
    try {
      for (const name of ['aws', 'python3']) {
        await writeFile(join(dir, name), `#!/bin/sh\necho $$ > "${dir}/${name}.pid"\nexec sleep 60\n`);
        await chmod(join(dir, name), 0o755);
      }
      const child = spawn(process.execPath, [BIN, '--offline'], { env: { PATH: `${dir}:/usr/bin:/bin`, HOME: home, LOGIN_DOCTOR_NO_CACHE: '1' }, stdio: 'ignore' });
      const pids: number[] = [];
      for (let i = 0; i < 200 && pids.length < 2; i++) {
        await new Promise((r) => setTimeout(r, 50));
        pids.length = 0;
        for (const name of ['aws', 'python3']) {
          const text = await readFile(join(dir, `${name}.pid`), 'utf8').catch(() => '');
          if (text.trim()) pids.push(Number(text));
        }
      }
      assert.equal(pids.length, 2, 'both probes started');
      const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      child.kill('SIGINT');
      assert.equal(await exited, 'SIGINT');
      // Killed before login-doctor exits; init reaps them right after, so wait (bounded) for that.
      const alive = (pid: number) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      for (let i = 0; i < 100 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(pids.filter(alive), [], 'no probe still runs');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('--fix for a missing region', () => {
  const CONFIG = '[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/alice\n';

  it('takes --region, and refuses a word that is not a region name', async () => {
    const fx = tempHome({ '.aws/config': CONFIG });
    try {
      const bad = await runCli(['--offline', '--profile', 'dev', '--only', 'config', '--fix', '--yes', '--region', 'frankfurt'], { home: fx.home });
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--region "frankfurt" is not a region name/);
      assert.equal(await readFile(join(fx.home, '.aws/config'), 'utf8'), CONFIG);
      const r = await runCli(['--offline', '--profile', 'dev', '--only', 'config', '--fix', '--yes', '--region', 'eu-west-2'], { home: fx.home });
      assert.match(r.stdout, /\+ region = eu-west-2/);
      assert.equal(await readFile(join(fx.home, '.aws/config'), 'utf8'), `${CONFIG}region = eu-west-2\n`);
    } finally {
      fx.cleanup();
    }
  });

  it('on a terminal it asks which region, offering the default', async (t) => {
    if (process.platform !== 'linux' || spawnSync('script', ['--version']).status !== 0) return t.skip('needs util-linux `script` for a terminal');
    const fx = tempHome({ '.aws/config': CONFIG });
    try {
      const command = `PATH= '${process.execPath}' '${BIN}' --offline --profile dev --only config --fix --no-color`;
      const r = spawnSync('script', ['-qec', command, '/dev/null'], { env: { PATH: '/usr/bin:/bin', HOME: fx.home, TERM: 'xterm', LOGIN_DOCTOR_NO_CACHE: '1' }, cwd: fx.home, encoding: 'utf8', input: 'ap-south-1\ny\n' });
      assert.match(r.stdout, /Region for \[profile dev\]: the one you signed in with \[us-east-1\]: /);
      assert.equal(await readFile(join(fx.home, '.aws/config'), 'utf8'), `${CONFIG}region = ap-south-1\n`);
    } finally {
      fx.cleanup();
    }
  });
});

describe('--project', () => {
  it('chooses the project the project checks inspect; the login-doctor checkout itself says so instead', async () => {
    const fx = tempHome({ 'app/package.json': '{"name":"app","dependencies":{"@aws-sdk/client-sts":"^3.0.0"}}\n' });
    try {
      const here = await runJson(['--offline', '--profile', 'dev', '--only', 'project', '--project', join(fx.home, 'app')], { home, cwd: tmpdir() });
      const titles = here.report.findings.map((f) => f.title).join('\n');
      assert.ok(titles.includes(join(fx.home, 'app')) || here.report.findings.some((f) => JSON.stringify(f.evidence).includes(join(fx.home, 'app'))), titles);
      assert.doesNotMatch(titles, /No project here/);
    } finally {
      fx.cleanup();
    }
    const missing = await runCli(['--offline', '--project', join(tmpdir(), 'no-such-project-dir')], { home, cwd: tmpdir() });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--project .*: there is no folder at this path/);
    const checkout = await runJson(['--offline', '--profile', 'dev'], { home, cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    assert.ok(!checkout.report.findings.some((f) => f.check.startsWith('project.')));
    assert.match(checkout.stderr, /this folder is login-doctor's own checkout/);
  });
});
