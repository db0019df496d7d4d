import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Finding } from '../../../src/engine/finding.js';
import { BOTOCORE_ERRORS } from '../../../src/knowledge/botocore-errors.js';
import { RECOMMENDED_PYTHON_PINS } from '../../../src/knowledge/floors.js';
import { runJson } from '../../support/cli.js';
import { basePython, makeVenv, writeScript, type StubPackages } from '../../support/python-envs.js';

const LOGIN_CONFIG = '[default]\nlogin_session = arn:aws:iam::123456789012:user/alice\nregion = us-east-1\n\n[profile plain]\nregion = us-east-1\n';

function forPython(findings: Finding[], python: string, code: string): Finding | undefined {
  return findings.find((f) => f.code === code && f.evidence.python === python);
}

function codesFor(findings: Finding[], python: string): string[] {
  return findings.filter((f) => f.check === 'tools.python' && f.evidence.python === python).map((f) => f.code).sort();
}

describe('tools.python through the CLI, on stub environments', { skip: basePython() ? false : 'no python3 on this machine to build venvs' }, () => {
  let root: string;
  let home: string;
  let emptyBin: string;
  const py: Record<string, string> = {};

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ld-python-'));
    home = join(root, 'home');
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'config'), LOGIN_CONFIG);
    // PATH holds no python3 and no aws: only the interpreters passed with --python are probed.
    emptyBin = join(root, 'bin');
    mkdirSync(emptyBin);
    const base = basePython()!;
    const venv = (name: string, stubs: StubPackages) => (py[name] = makeVenv(join(root, name), { base, stubs }));
    venv('unpadded', { botocore: { version: '1.41.3', login: true, signature: 'unpadded' }, awscrt: { version: '0.28.4', ec: true, padded: false } });
    venv('attributeError', { botocore: { version: '1.42.5', login: true, signature: 'padded' }, awscrt: { version: '0.28.4', ec: true, padded: false }, boto3: '1.42.5' });
    venv('healthy', { botocore: { version: '1.42.11', login: true, signature: 'padded' }, awscrt: { version: '0.29.1', ec: true, padded: true }, boto3: '1.42.11' });
    venv('noLogin', { botocore: { version: '1.40.76', login: false } });
    venv('crtTooOld', { botocore: { version: '1.43.0', login: true, signature: 'padded' }, awscrt: { version: '0.27.0', ec: false, padded: false } });
    venv('crtDevVersion', { botocore: { version: '1.43.0', login: true, signature: 'padded' }, awscrt: { version: '1.0.0.dev0', ec: true, padded: true } });
    venv('noCrt', { botocore: { version: '1.43.0', login: true, signature: 'padded' }, boto3: '1.43.0' });
    venv('broken', { botocore: { version: '1.43.0', login: true, importError: 'No module named dateutil' } });
    py.crashing = join(root, 'crashing-python');
    writeScript(py.crashing, 'echo "Fatal Python error: garbage"\nexit 139\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const run = (names: string[], extra: string[] = [], env: Record<string, string> = {}) =>
    runJson(['--offline', ...extra, ...names.flatMap((n) => ['--python', py[n]!])], { home, env: { PATH: emptyBin, ...env } });

  it('reports each interpreter with the finding its packages deserve (login profile: fail)', async () => {
    const { report, code } = await run(['unpadded', 'attributeError', 'healthy', 'noLogin', 'crtTooOld', 'crtDevVersion', 'noCrt', 'broken', 'crashing']);
    const f = report.findings;
    assert.equal(code, 1);

    assert.deepEqual(codesFor(f, py.unpadded!), ['python-botocore-unpadded-dpop', 'python-cache-write-not-atomic']);
    const unpadded = forPython(f, py.unpadded!, 'python-botocore-unpadded-dpop')!;
    assert.equal(unpadded.status, 'warn');
    assert.match(unpadded.fix!.text, /1\.41\.6/);
    assert.ok(unpadded.fix!.commands[0]!.startsWith(`${py.unpadded} -m pip install --upgrade 'botocore[crt]>=1.42.11'`));
    const notAtomic = forPython(f, py.unpadded!, 'python-cache-write-not-atomic')!;
    assert.equal(notAtomic.status, 'info');
    assert.match(notAtomic.fix!.commands[0]!, /-m pip install --upgrade 'botocore\[crt\]>=1\.42\.11' 'awscrt>=0\.29\.1'$/);

    const attr = forPython(f, py.attributeError!, 'python-awscrt-no-padded-signature')!;
    assert.equal(attr.status, 'fail');
    assert.ok(attr.detail.includes(BOTOCORE_ERRORS.noPaddedPair.text), attr.detail);
    assert.ok(attr.fix!.commands[0]!.startsWith(`${py.attributeError} -m pip install --upgrade`), attr.fix!.commands[0]);
    assert.ok(attr.fix!.commands[0]!.includes("'boto3>=1.42.11'"), 'boto3 is upgraded where it is installed');
    for (const pin of RECOMMENDED_PYTHON_PINS) assert.ok(attr.fix!.text.includes(`  ${pin}`), `requirements line ${pin}`);
    assert.equal(attr.evidence.environment, 'venv');

    assert.deepEqual(codesFor(f, py.healthy!), ['python-ok']);
    assert.equal(forPython(f, py.healthy!, 'python-ok')!.status, 'pass');

    const tooOld = forPython(f, py.noLogin!, 'python-botocore-too-old')!;
    assert.equal(tooOld.status, 'fail');
    assert.ok(tooOld.detail.includes(BOTOCORE_ERRORS.noCredentials.text));
    assert.deepEqual(codesFor(f, py.noLogin!), ['python-botocore-too-old']);

    for (const name of ['crtTooOld', 'crtDevVersion']) {
      const finding = forPython(f, py[name]!, 'python-awscrt-too-old')!;
      assert.equal(finding?.status, 'fail', name);
      assert.ok(finding.detail.includes(BOTOCORE_ERRORS.missingDependency.text), name);
    }
    assert.match(forPython(f, py.crtDevVersion!, 'python-awscrt-too-old')!.detail, /"1\.0\.0\.dev0".*cannot parse/);

    const missing = forPython(f, py.noCrt!, 'python-awscrt-missing')!;
    assert.equal(missing.status, 'fail');
    assert.ok(missing.detail.includes(BOTOCORE_ERRORS.missingDependency.text));
    assert.match(missing.fix!.commands[0]!, /'botocore\[crt\]>=1\.42\.11'/);

    const broken = forPython(f, py.broken!, 'python-botocore-broken')!;
    assert.equal(broken.status, 'fail');
    assert.match(broken.detail, /No module named dateutil/);
    assert.ok(broken.fix!.commands[0]!.startsWith(`${py.broken} -m pip install --upgrade`));

    const crashed = f.find((x) => x.code === 'python-probe-failed' && x.evidence.python === py.crashing)!;
    assert.equal(crashed.status, 'warn');
    assert.match(crashed.title, /exit code 139/);
    assert.match(crashed.detail, /Fatal Python error: garbage/);
    assert.match(crashed.fix!.text, /--version/);

    const summary = f.find((x) => x.code === 'python-interpreters')!;
    assert.equal((summary.evidence.withBotocore as string[]).length, 8);
  });

  it('warns instead of failing when the profile does not use login_session', async () => {
    const { report } = await run(['attributeError', 'noCrt'], ['--profile', 'plain']);
    assert.equal(forPython(report.findings, py.attributeError!, 'python-awscrt-no-padded-signature')!.status, 'warn');
    assert.equal(forPython(report.findings, py.noCrt!, 'python-awscrt-missing')!.status, 'warn');
  });

  it('BOTO_DISABLE_CRT=true disables an otherwise healthy interpreter', async () => {
    const { report } = await run(['healthy'], [], { BOTO_DISABLE_CRT: 'True' });
    const f = forPython(report.findings, py.healthy!, 'python-crt-disabled')!;
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.fix!.commands, ['unset BOTO_DISABLE_CRT']);
    assert.equal(forPython(report.findings, py.healthy!, 'python-ok'), undefined);
  });

  it('finds $VIRTUAL_ENV and ./.venv, and merges two paths to one interpreter', async () => {
    const project = join(root, 'project');
    mkdirSync(project, { recursive: true });
    makeVenv(join(project, '.venv'), { stubs: { botocore: { version: '1.42.5', login: true, signature: 'padded' }, awscrt: { version: '0.28.4', ec: true, padded: false } } });
    const { report } = await runJson(['--offline', '--python', join(root, 'healthy')], {
      home,
      cwd: project,
      env: { PATH: emptyBin, VIRTUAL_ENV: join(root, 'healthy') },
    });
    const venvPython = join(project, '.venv', 'bin', 'python');
    const attr = forPython(report.findings, venvPython, 'python-awscrt-no-padded-signature')!;
    assert.deepEqual(attr.evidence.foundAs, [`.venv: ${venvPython}`]);
    const ok = report.findings.filter((x) => x.code === 'python-ok');
    assert.equal(ok.length, 1, 'the --python folder and $VIRTUAL_ENV are one interpreter');
    assert.deepEqual((ok[0]!.evidence.foundAs as string[]).map((s) => s.split(':')[0]), ['--python', 'VIRTUAL_ENV']);
  });

  it('never imports project code and writes no .pyc into site-packages', async () => {
    const project = join(root, 'hostile-project');
    const marker = join(root, 'project-code-ran');
    mkdirSync(join(project, 'botocore'), { recursive: true });
    const payload = `open(${JSON.stringify(marker)}, 'w').write('ran')\n`;
    writeFileSync(join(project, 'botocore', '__init__.py'), payload);
    writeFileSync(join(project, 'sitecustomize.py'), payload);
    writeFileSync(join(project, 'startup.py'), payload);
    const { report } = await runJson(['--offline', '--python', py.noCrt!], {
      home,
      cwd: project,
      env: { PATH: emptyBin, PYTHONPATH: project, PYTHONSTARTUP: join(project, 'startup.py') },
    });
    assert.ok(forPython(report.findings, py.noCrt!, 'python-awscrt-missing'), 'the installed botocore was inspected');
    assert.equal(existsSync(marker), false, 'project code ran');
    const site = join(root, 'noCrt', 'lib');
    const pycache = (dir: string): boolean =>
      readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory() && (e.name === '__pycache__' || pycache(join(dir, e.name))));
    assert.equal(pycache(site), false, '__pycache__ written into the venv');
  });

  it('two launchers of one environment are reported once (same real sys.prefix)', async () => {
    const wrapper = join(root, 'wrapped-python');
    writeScript(wrapper, `exec ${py.healthy} "$@"\n`);
    const { report } = await runJson(['--offline', '--python', py.healthy!, '--python', wrapper], { home, env: { PATH: emptyBin } });
    const ok = report.findings.filter((x) => x.code === 'python-ok');
    assert.equal(ok.length, 1);
    assert.deepEqual(ok[0]!.evidence.foundAs, [`--python: ${py.healthy}`, `--python: ${wrapper}`]);
  });

  it('a --python path that does not exist is a clear finding', async () => {
    const { report } = await runJson(['--offline', '--python', join(root, 'nope', 'python')], { home, env: { PATH: emptyBin } });
    const f = report.findings.find((x) => x.code === 'python-probe-failed')!;
    assert.equal(f.status, 'warn');
    assert.match(f.title, /: it is not an executable file$/);
    assert.match(report.findings.find((x) => x.code === 'python-interpreters')!.title, /^Inspected 0 Python interpreters \(0 with botocore\); 1 could not be inspected$/);
  });
});
