import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePep508, parseRequirementsFile } from '../../src/aws/python-requirements.js';

describe('parsePep508', () => {
  it('reads name, extras, specifier and marker', () => {
    const r = parsePep508('Botocore[crt, s3] >= 1.41 , <2 ; python_version >= "3.9"', 3)!;
    assert.equal(r.name, 'botocore');
    assert.equal(r.rawName, 'Botocore');
    assert.deepEqual(r.extras, ['crt', 's3']);
    assert.equal(r.specifier, '>=1.41,<2');
    assert.equal(r.marker, 'python_version >= "3.9"');
    assert.equal(r.line, 3);
  });
  it('normalizes names the PEP 503 way and accepts parenthesized specifiers', () => {
    assert.equal(parsePep508('AWS_CRT.x (==0.1)', 1)!.name, 'aws-crt-x');
    assert.equal(parsePep508('AWS_CRT.x (==0.1)', 1)!.specifier, '==0.1');
  });
  it('marks direct references and rejects non-requirements', () => {
    assert.equal(parsePep508('botocore @ https://example.com/botocore.whl', 1)!.specifier, null);
    assert.equal(parsePep508('botocore latest', 1), null);
  });
});

describe('parseRequirementsFile', () => {
  it('skips comments and options, joins continuations, strips hashes, notes includes', () => {
    const text = [
      '# comment',
      '-r base.txt',
      '--constraint=c.txt',
      '--index-url https://pypi.org/simple',
      'boto3==1.40.0 ; python_version >= "3.9"  # pinned',
      'requests>=2.31 \\',
      '    --hash=sha256:abc',
      '-e ./local-pkg',
      'awscrt==0.28.4 --hash=sha256:def',
      'https://example.com/pkg.whl',
      '!!! not a requirement',
    ].join('\n');
    const f = parseRequirementsFile(text);
    assert.deepEqual(
      f.requirements.map((r) => [r.name, r.specifier, r.line]),
      [
        ['boto3', '==1.40.0', 5],
        ['requests', '>=2.31', 6],
        ['awscrt', '==0.28.4', 9],
      ],
    );
    assert.deepEqual(f.includes.map((i) => i.line), [2, 3]);
    assert.deepEqual(f.unparsed.map((u) => u.line), [11]);
    assert.equal(f.requirements[0]!.marker, 'python_version >= "3.9"');
  });
});
