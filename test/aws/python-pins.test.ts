import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LockedPackage } from '../../src/aws/lockfiles.js';
import { correctedDeclaration, exactPin, lockIssues, manifestIssues, specifierAllowsAtLeast } from '../../src/aws/python-pins.js';
import { parsePyproject } from '../../src/aws/pyproject.js';
import { parsePep508 } from '../../src/aws/python-requirements.js';
import { FLOORS } from '../../src/knowledge/floors.js';

const req = (text: string, line = 1) => parsePep508(text, line)!;
const floor = FLOORS.botocoreLogin.version;

describe('specifierAllowsAtLeast', () => {
  const cases: [string, boolean][] = [
    ['', true],
    ['>=1.35', true],
    ['>=1.35,<1.41', false],
    ['<1.42', true],
    ['==1.40.0', false],
    ['==1.41.0', true],
    ['==1.40.*', false],
    ['==1.41.*', true],
    ['~=1.40.0', false],
    ['~=1.40', true],
    ['<=1.40.99', false],
    ['!=1.40.0', true],
    ['===1.42.0', true],
    ['>1.40.99,<1.41', false],
  ];
  for (const [spec, expected] of cases) {
    it(`${spec || '(any)'} ${expected ? 'allows' : 'does not allow'} ${floor}+`, () => assert.equal(specifierAllowsAtLeast(spec, floor), expected));
  }
});

describe('exactPin', () => {
  it('only for a single == or === clause', () => {
    assert.equal(exactPin('==1.42.3'), '1.42.3');
    assert.equal(exactPin('===1.42.3'), '1.42.3');
    assert.equal(exactPin('==1.42.*'), null);
    assert.equal(exactPin('>=1.42'), null);
    assert.equal(exactPin('==1.42.3,!=1.0'), null);
  });
});

describe('manifestIssues', () => {
  it('flags botocore/boto3 specifiers that allow only versions without login, with the corrected line', () => {
    const issues = manifestIssues([req('boto3==1.40.0 ; python_version >= "3.9"', 4), req('botocore>=1.35', 5)]);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.problem, 'botocore-too-old');
    assert.equal(issues[0]!.line, 4);
    assert.equal(issues[0]!.corrected, 'boto3>=1.42.11; python_version >= "3.9"');
  });
  it('flags awscrt below 0.29.1 only when the declared botocore may reach 1.41.6', () => {
    const old = req('awscrt==0.28.4', 2);
    assert.deepEqual(manifestIssues([req('botocore>=1.41'), old]).map((i) => [i.problem, i.corrected]), [['awscrt-too-old', 'awscrt>=0.29.1']]);
    assert.deepEqual(manifestIssues([req('botocore==1.41.3'), old]), []);
    assert.deepEqual(manifestIssues([old]), [], 'awscrt without botocore is somebody else’s business');
  });
  it('flags an exact botocore/boto3 pin without crt and without awscrt, fixed by adding the extra', () => {
    const issues = manifestIssues([req('boto3==1.42.3', 7)]);
    assert.deepEqual(issues.map((i) => [i.problem, i.line, i.corrected]), [['awscrt-missing', 7, 'boto3[crt]==1.42.3']]);
    assert.deepEqual(manifestIssues([req('boto3[crt]==1.42.3')]), []);
    assert.deepEqual(manifestIssues([req('boto3==1.42.3'), req('awscrt>=0.29.1')]), []);
    assert.deepEqual(manifestIssues([req('boto3>=1.42.3')]), [], 'a range is not a full environment');
  });
  it('writes corrected lines in the file’s own syntax (PEP 621 string, Poetry table)', () => {
    const [pep621] = parsePyproject('[project]\ndependencies = ["boto3~=1.40.0"]\n').requirements;
    assert.equal(correctedDeclaration(pep621!), '"boto3>=1.42.11"');
    const [poetry] = parsePyproject('[tool.poetry.dependencies]\nbotocore = "~1.40"\n').requirements;
    assert.equal(correctedDeclaration(poetry!), 'botocore = { version = ">=1.42.11", extras = ["crt"] }');
    const [missing] = manifestIssues(parsePyproject('[tool.poetry.dependencies]\nboto3 = "1.42.3"\n').requirements);
    assert.equal(missing!.corrected, 'boto3 = { version = "1.42.3", extras = ["crt"] }');
  });
});

describe('lockIssues', () => {
  const lock = (...entries: [string, string][]): LockedPackage[] => entries.map(([name, version], i) => ({ name, version, line: i + 1 }));
  it('botocore 1.41.3 + awscrt 0.28.4: login works (unpadded era), nothing to flag', () => {
    assert.deepEqual(lockIssues(lock(['botocore', '1.41.3'], ['awscrt', '0.28.4'])), []);
  });
  it('botocore 1.42.x + awscrt 0.28.4: the AttributeError case', () => {
    const issues = lockIssues(lock(['botocore', '1.42.3'], ['awscrt', '0.28.4']));
    assert.deepEqual(issues.map((i) => [i.problem, i.line]), [['awscrt-too-old', 2]]);
    assert.match(issues[0]!.why, /decode_der_signature_to_padded_pair/);
  });
  it('botocore >= 1.41 without awscrt, and old botocore/boto3', () => {
    assert.deepEqual(lockIssues(lock(['boto3', '1.42.3'], ['botocore', '1.42.3'])).map((i) => [i.problem, i.line]), [['awscrt-missing', 2]]);
    assert.deepEqual(
      lockIssues(lock(['boto3', '1.35.99'], ['botocore', '1.35.99'])).map((i) => [i.problem, i.package]),
      [
        ['botocore-too-old', 'botocore'],
        ['botocore-too-old', 'boto3'],
      ],
    );
  });
  it('healthy combination', () => {
    assert.deepEqual(lockIssues(lock(['boto3', '1.43.11'], ['botocore', '1.43.11'], ['awscrt', '0.31.2'])), []);
  });
});
