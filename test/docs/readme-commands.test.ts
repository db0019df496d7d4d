// Runs every command line README.md shows, literally, as a new user would paste it: `login-doctor`, `npx
// login-doctor` and `npm run doctor --` resolve to the built CLI; HOME is a login fixture with a profile `dev`, the
// endpoints are the local fake AWS, and the folder holds the `.venv/bin/python` and `app.py` the examples name.
// A command may fail (exit 1, or 2 for a refusal); it must never end in an internal error or a stack trace.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../support/cli.js';
import { FakeAws } from '../support/fake-aws.js';
import { makeLoginHome, type LoginHome } from '../support/login-home.js';
import { pythonAvailable, pythonEnv } from '../support/python-envs.js';

const BIN = fileURLToPath(new URL('../../bin/login-doctor.js', import.meta.url));

/** The shell commands README.md shows: sh blocks (whole, as one script), `$ ` lines, `run:` steps and inline spans. */
export function readmeCommands(readme: string): string[] {
  const commands: string[] = [];
  for (const m of readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)) {
    const [, lang, body] = m;
    if (lang === 'sh') commands.push(body!.trim());
    else if (lang === 'yaml') commands.push(...[...body!.matchAll(/^\s*run:\s*(.+)$/gm)].map((r) => r[1]!.trim()));
    else if (lang === '') commands.push(...[...body!.matchAll(/^\$ (login-doctor.*)$/gm)].map((r) => r[1]!.trim()));
  }
  for (const m of readme.matchAll(/`((?:npx |npm run doctor -- )?login-doctor(?: [^`|]*)?|npm run doctor -- [^`]+)`/g)) commands.push(m[1]!);
  // Installing and testing this repository itself is not a login-doctor command line.
  return [...new Set(commands)].filter((c) => !/^npm ci\b/.test(c));
}

function sh(script: string, o: { env: Record<string, string>; cwd: string }): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const c = spawn('/bin/sh', ['-c', script], { env: o.env, cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => c.kill('SIGKILL'), 120_000);
    c.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('every command line in README.md', { timeout: 600_000 }, () => {
  let fake: FakeAws;
  let h: LoginHome;
  let dir: string;
  let env: Record<string, string>;

  before(async () => {
    fake = new FakeAws();
    await fake.start();
    h = await makeLoginHome({ fake, expiresInS: 600 });
    dir = await mkdtemp(join(tmpdir(), 'ld-readme-'));
    const bin = join(dir, 'bin');
    await mkdir(bin);
    const shim = async (name: string, body: string) => {
      await writeFile(join(bin, name), `#!/bin/sh\n${body}\n`);
      await chmod(join(bin, name), 0o755);
    };
    await shim('login-doctor', `exec '${process.execPath}' '${BIN}' "$@"`);
    // npx [--yes] login-doctor ARGS and npm run doctor -- ARGS, as the README uses them.
    await shim('npx', '[ "$1" = --yes ] && shift; [ "$1" = login-doctor ] && shift; exec login-doctor "$@"');
    await shim('npm', '[ "$1 $2" = "run doctor" ] || exit 64; shift 2; [ "$1" = -- ] && shift; exec login-doctor "$@"');
    await shim('python', 'exec python3 "$@"');
    const project = join(dir, 'project');
    await mkdir(join(project, '.venv', 'bin'), { recursive: true });
    const python = (await pythonAvailable()) === null ? (await pythonEnv('complete')).python : '/usr/bin/python3';
    await symlink(python, join(project, '.venv', 'bin', 'python'));
    await writeFile(join(project, 'app.py'), 'import sys\nsys.stderr.write("botocore.exceptions.NoRegionError: You must specify a region.\\n")\nsys.exit(1)\n');
    env = { ...h.env, ...fake.env(), PATH: `${bin}:/usr/bin:/bin`, AWS_EC2_METADATA_DISABLED: 'true' };
    dir = project;
  });

  after(async () => {
    await h.cleanup();
    await fake.stop();
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('finds the README examples (refresh-test, explain, report, CI)', async () => {
    const commands = readmeCommands(await readFile(join(REPO_ROOT, 'README.md'), 'utf8'));
    for (const must of ['login-doctor refresh-test --profile dev', 'login-doctor explain', 'npx login-doctor report --anonymize', 'npx --yes login-doctor --ci --offline --junit']) {
      assert.ok(commands.some((c) => c.includes(must)), `README example "${must}" found in ${JSON.stringify(commands, null, 1)}`);
    }
  });

  it('runs each one without an internal error or a stack trace', async () => {
    const commands = readmeCommands(await readFile(join(REPO_ROOT, 'README.md'), 'utf8'));
    const bad: string[] = [];
    for (const command of commands) {
      const r = await sh(command, { env, cwd: dir });
      if (/login-doctor: internal error|Cannot read properties|is not a function|\n\s+at .+:\d+:\d+\)?\n/.test(r.out) || r.code === null) bad.push(`$ ${command}\n(exit ${r.code})\n${r.out.slice(0, 1500)}`);
    }
    assert.deepEqual(bad, []);
    assert.ok(fake.requests.every((q) => q.remoteAddress === '127.0.0.1'));
  });
});
