import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execFile } from 'node:child_process';
import { runCli, runJson } from '../../support/cli.js';
import { peerMissing, pythonAvailable, pythonEnv } from '../../support/python-envs.js';

/**
 * The real tools of this machine type (see BRIEF "Machine"): the pyenv python3 with botocore and no awscrt,
 * the pip AWS CLI v1 behind a pyenv shim, Debian's awscli 2.9.19 and python3-awscrt 0.16.8.
 * CI installs all of them, so there these tests never skip.
 */
const CONFIG = '[default]\nlogin_session = arn:aws:iam::123456789012:user/alice\nregion = us-east-1\n';

function pyenvShims(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (basename(dir) === 'shims' && existsSync(join(dir, 'aws')) && existsSync(join(dir, 'python3'))) return dir;
  }
  return null;
}

describe('real peers', () => {
  let home: string;
  before(() => {
    home = mkdtempSync(join(tmpdir(), 'ld-peers-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), CONFIG);
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  it('pyenv: the pip AWS CLI v1 gives cli-v1 and its python3 (botocore, no awscrt) gives python-awscrt-missing', async (t) => {
    const shims = pyenvShims();
    if (!shims) return peerMissing(t, 'no pyenv shims folder with aws and python3 on PATH');
    const { report } = await runJson(['--offline'], { home, env: { PATH: shims } });
    const cli = report.findings.find((f) => f.check === 'tools.aws-cli')!;
    assert.equal(cli.code, 'cli-v1', JSON.stringify(cli));
    assert.equal(cli.status, 'fail');
    assert.equal(cli.evidence.pyenvShim, true);
    assert.equal(cli.evidence.versionFrom, 'package metadata');
    assert.match(cli.fix!.text, /AWS CLI v2/);

    const missing = report.findings.find((f) => f.code === 'python-awscrt-missing');
    assert.ok(missing, JSON.stringify(report.findings.filter((f) => f.check === 'tools.python')));
    assert.equal(missing.status, 'fail');
    assert.ok(!(missing.evidence.python as string).includes('/shims/'), 'the shim is resolved to the real interpreter');
    assert.equal((missing.evidence.probes as Record<string, unknown>).loginProvider, true);
    assert.match(missing.fix!.commands[0]!, /-m pip install --upgrade 'botocore\[crt\]>=1\.42\.11'/);
  });

  it('Debian: /usr/bin/aws (awscli 2.9.19) gives cli-too-old and /usr/bin/python3 (awscrt "1.0.0.dev0") python-awscrt-too-old', async (t) => {
    const dist = '/usr/lib/python3/dist-packages';
    const debianCli = existsSync('/usr/bin/aws') && existsSync(dist) && readdirSync(dist).some((e) => /^awscli-2\..*\.dist-info$/.test(e));
    const debianCrt = existsSync('/usr/bin/python3') && existsSync(join(dist, 'awscrt'));
    if (!debianCli || !debianCrt) return peerMissing(t, 'Debian packages awscli and python3-awscrt are not installed');
    const { report } = await runJson(['--offline'], { home, env: { PATH: '/usr/bin:/bin' } });
    const cli = report.findings.find((f) => f.check === 'tools.aws-cli' && f.evidence.path === '/usr/bin/aws')!;
    assert.equal(cli.code, 'cli-too-old', JSON.stringify(cli));
    assert.equal(cli.status, 'fail');
    assert.match(cli.detail, /Debian/);
    assert.ok(cli.fix!.commands.includes('sudo apt-get remove awscli'));

    const crt = report.findings.find((f) => f.code === 'python-awscrt-too-old' && f.evidence.python === '/usr/bin/python3');
    assert.ok(crt, JSON.stringify(report.findings.filter((f) => f.check === 'tools.python')));
    assert.equal(crt.status, 'info', 'latent: no botocore on this interpreter yet');
    assert.match(crt.detail, /1\.0\.0\.dev0/);
    assert.equal(crt.evidence.environment, 'externally-managed');
    assert.match(crt.fix!.text, /do not pip install into it/);
    assert.deepEqual(crt.fix!.commands.slice(0, 1), ['/usr/bin/python3 -m venv .venv']);
  });

  it('real botocore 1.43 with an awscrt 0.28.4 stand-in: python-awscrt-no-padded-signature; with 0.29.1: python-ok', async (t) => {
    const reason = await pythonAvailable();
    if (reason) return peerMissing(t, reason);
    const [old, complete] = await Promise.all([pythonEnv('no-padded-signature'), pythonEnv('complete')]);
    const emptyBin = join(home, 'no-bin');
    mkdirSync(emptyBin, { recursive: true });
    const { report } = await runJson(['--offline', '--python', old.python, '--python', complete.python], { home, env: { PATH: emptyBin } });
    const attr = report.findings.find((f) => f.code === 'python-awscrt-no-padded-signature' && f.evidence.python === old.python);
    assert.ok(attr, JSON.stringify(report.findings.filter((f) => f.check === 'tools.python')));
    assert.equal(attr.status, 'fail');
    assert.equal((attr.evidence.probes as Record<string, unknown>).dpopSignature, 'padded', 'read from the real _build_dpop_header');
    assert.match(attr.detail, /has no attribute 'decode_der_signature_to_padded_pair'/);
    const ok = report.findings.find((f) => f.code === 'python-ok' && f.evidence.python === complete.python);
    assert.ok(ok, 'the complete stand-in passes');
  });

  it('the real `aws login` of the pip AWS CLI v1 and of Debian 2.9.19 fails with a wording explain knows (cli-no-login-command)', async (t) => {
    const shims = pyenvShims();
    const dist = '/usr/lib/python3/dist-packages';
    const debianCli = existsSync('/usr/bin/aws') && existsSync(dist) && readdirSync(dist).some((e) => /^awscli-2\..*\.dist-info$/.test(e));
    if (!shims || !debianCli) return peerMissing(t, 'the pip AWS CLI v1 (pyenv shims) or Debian awscli 2.9.19 is not installed');
    for (const aws of [join(shims, 'aws'), '/usr/bin/aws']) {
      const stderr = await new Promise<string>((resolve) => {
        execFile(aws, ['login'], { env: { PATH: `${shims}:/usr/bin:/bin`, HOME: home } }, (_e, _out, err) => resolve(String(err)));
      });
      const r = await runCli(['explain', '--json'], { home, input: stderr });
      assert.equal(r.code, 0, `${aws} said: ${stderr}`);
      const first = (JSON.parse(r.stdout) as { matches: Array<{ id: string; code: string }> }).matches[0]!;
      assert.deepEqual([first.id, first.code], ['cli-no-login-command', 'cli-too-old'], `${aws} said: ${stderr}`);
    }
  });
});
