import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pythonCheck } from '../../src/checks/tools/python.js';
import { runChecks } from '../../src/engine/runner.js';
import { checkPythonReport, probePython } from '../../src/probes/python-probe.js';
import { fixtureContext } from '../support/context.js';
import { basePython, writeScript } from '../support/python-envs.js';

const dir = mkdtempSync(join(tmpdir(), 'ld-pyprobe-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A "python" that prints what the test says after the probe marker. */
function fakePython(name: string, line: string): string {
  const path = join(dir, name);
  writeScript(path, `#!/bin/sh\nprintf '%s\\n' '@@login-doctor-probe@@${line}'\n`);
  return path;
}

describe('the Python probe report is validated, not cast', () => {
  it('a real interpreter passes; each broken field is named', async (t) => {
    const python = basePython();
    if (!python) return t.skip('no python3 on this machine');
    const ctx = fixtureContext({ home: dir, options: { probeCache: false } });
    const probe = await probePython(ctx, python);
    assert.ok(probe.report, JSON.stringify(probe.failure));
    const good = probe.report;
    assert.equal(checkPythonReport(good).bad, null);
    const broken: [unknown, string][] = [
      [{ ...good, python: 3 }, 'python'],
      [{ ...good, dists: { ...good.dists, botocore: { version: 7, location: null } } }, 'dists.botocore.version'],
      [{ ...good, botocore: { ...good.botocore, present: 'yes' } }, 'botocore.present'],
      [{ ...good, botocore: { ...good.botocore, dpopSignature: 'other' } }, 'botocore.dpopSignature'],
      [{ ...good, awscrt: { ...good.awscrt, versionTuple: ['0', 29] } }, 'awscrt.versionTuple'],
      [{ ...good, awscrt: null }, 'awscrt'],
      [[], 'the report'],
    ];
    for (const [value, field] of broken) assert.equal(checkPythonReport(value).bad, field);
  });

  it('a malformed or non-JSON report becomes python-probe-failed naming the problem, not check-crashed', async () => {
    const wrong = fakePython('wrong', '{"python": 3}');
    const garbage = fakePython('garbage', '{not json');
    const ctx = fixtureContext({ home: dir, env: { PATH: '' }, options: { pythons: [wrong, garbage], probeCache: false } });
    const [result] = await runChecks([pythonCheck], ctx, { defaultTimeoutMs: 20_000 });
    const failed = result!.findings.filter((f) => f.code === 'python-probe-failed');
    assert.deepEqual(
      failed.map((f) => [f.evidence.python, f.evidence.failure, f.status]),
      [
        [wrong, 'bad-report', 'warn'],
        [garbage, 'bad-report', 'warn'],
      ],
    );
    assert.match(failed[0]!.title, /unexpected python$/);
    assert.match(failed[1]!.title, /not JSON$/);
    assert.ok(!result!.findings.some((f) => f.code === 'check-crashed'));
  });
});
