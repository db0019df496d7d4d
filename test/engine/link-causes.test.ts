import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, Status } from '../../src/engine/finding.js';
import type { FindingCode } from '../../src/engine/finding-codes.js';
import { linkCauses, type CheckReport } from '../../src/engine/runner.js';
import { renderPretty } from '../../src/report/pretty.js';
import { makeStyle } from '../../src/report/style.js';
import { requirementsText } from '../../src/knowledge/python-fixes.js';

function finding(code: string, status: Status, causes: string[] = [], evidence: Record<string, string> = {}): Finding {
  return { code, status, check: `c.${code}`, title: `T ${code}`, detail: '', fix: { text: 'fix', commands: [`do ${code}`] }, evidence, ...(causes.length ? { consequenceOf: { codes: causes as FindingCode[], where: evidence.p ? { p: evidence.p } : undefined } } : {}) };
}
const report = (...findings: Finding[]): CheckReport[] => [{ check: { id: 'c', title: 'c', category: 'config' }, findings, durationMs: 0 }];
const statuses = (r: CheckReport[]) => r[0]!.findings.map((f) => [f.code, f.status, f.causedBy?.code ?? null]);

test('linkCauses: a consequence points at the root cause and becomes info; the cause keeps failing', () => {
  const r = linkCauses(report(finding('a', 'fail', ['b']), finding('b', 'fail', ['c']), finding('c', 'fail')));
  assert.deepEqual(statuses(r), [['a', 'info', 'c'], ['b', 'info', 'c'], ['c', 'fail', null]]);
  assert.equal(r[0]!.findings[0]!.causedBy!.ownStatus, 'fail');
});

test('linkCauses: never links to a milder cause, a missing cause, or a cause with other evidence; a cycle keeps one failure', () => {
  assert.deepEqual(statuses(linkCauses(report(finding('a', 'fail', ['b']), finding('b', 'warn')))), [['a', 'fail', null], ['b', 'warn', null]]);
  assert.deepEqual(statuses(linkCauses(report(finding('a', 'fail', ['x'])))), [['a', 'fail', null]]);
  assert.deepEqual(statuses(linkCauses(report(finding('a', 'fail', ['b'], { p: 'dev' }), finding('b', 'fail', [], { p: 'prod' })))), [['a', 'fail', null], ['b', 'fail', null]]);
  const cycle = statuses(linkCauses(report(finding('a', 'fail', ['b']), finding('b', 'fail', ['a']))));
  assert.equal(cycle.filter(([, s]) => s === 'fail').length, 1);
});

test('pretty: the "pin the fix" block repeated per interpreter is printed once, then pointed at', () => {
  const fix = (who: string) => ({ text: `Upgrade botocore in ${who}.\n${requirementsText()}`, commands: [`${who} -m pip install --upgrade botocore`] });
  const findings: Finding[] = ['/a/python', '/b/python'].map((who) => ({ code: 'python-botocore-too-old', status: 'fail', check: 'tools.python', title: `botocore in ${who} is too old`, detail: '', fix: fix(who), evidence: {} }));
  const style = makeStyle({ colorFlag: false, env: {}, isTTY: false, ascii: false });
  const out = renderPretty([{ check: { id: 'tools.python', title: 'Python', category: 'tools' }, findings, durationMs: 0 }], { style, verbose: false, version: '0', profile: null, width: null });
  const pins = requirementsText().split('\n');
  assert.equal(out.split(pins[1]!).length - 1, 1, 'the pins are listed once');
  assert.match(out, /Pin the fix in requirements\.txt \(or your lock file\): as shown above\./);
  assert.match(out, /\$ \/b\/python -m pip install --upgrade botocore/);
});
