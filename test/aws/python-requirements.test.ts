import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePep508, parsePyproject, parseRequirementsFile, poetryToPep440 } from '../../src/aws/python-requirements.js';

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

describe('poetryToPep440', () => {
  it('converts caret, tilde, wildcard, exact and comparison constraints', () => {
    assert.equal(poetryToPep440('^1.40'), '>=1.40,<2');
    assert.equal(poetryToPep440('^0.28.4'), '>=0.28.4,<0.29');
    assert.equal(poetryToPep440('~1.40.2'), '>=1.40.2,<1.41');
    assert.equal(poetryToPep440('~1'), '>=1,<2');
    assert.equal(poetryToPep440('1.42.3'), '==1.42.3');
    assert.equal(poetryToPep440('1.40.*'), '==1.40.*');
    assert.equal(poetryToPep440('*'), '');
    assert.equal(poetryToPep440('>=1.35, <1.41'), '>=1.35,<1.41');
    assert.equal(poetryToPep440('^1.0 || ^2.0'), null);
  });
});

describe('parsePyproject', () => {
  it('reads PEP 621 dependencies and optional-dependencies with their lines', () => {
    const text = ['[project]', 'name = "x"', 'dependencies = [', '  "boto3~=1.40.0",', ']', '[project.optional-dependencies]', 'crt = ["awscrt>=0.29.1"]'].join('\n');
    const reqs = parsePyproject(text).requirements;
    assert.deepEqual(
      reqs.map((r) => [r.name, r.specifier, r.line, r.style]),
      [
        ['boto3', '~=1.40.0', 4, 'pep621'],
        ['awscrt', '>=0.29.1', 7, 'pep621'],
      ],
    );
  });
  it('reads Poetry dependencies, groups, tables with extras, and skips python', () => {
    const text = [
      '[tool.poetry.dependencies]',
      'python = "^3.11"',
      'boto3 = "1.42.3"',
      'botocore = { version = "~1.40", extras = ["crt"] }',
      '[tool.poetry.group.dev.dependencies]',
      'awscrt = "^0.28"',
    ].join('\n');
    const reqs = parsePyproject(text).requirements;
    assert.deepEqual(
      reqs.map((r) => [r.name, r.specifier, r.extras, r.line, r.poetryVersion]),
      [
        ['boto3', '==1.42.3', [], 3, '1.42.3'],
        ['botocore', '>=1.40,<1.41', ['crt'], 4, '~1.40'],
        ['awscrt', '>=0.28,<0.29', [], 6, '^0.28'],
      ],
    );
  });
  it('throws on invalid TOML', () => {
    assert.throws(() => parsePyproject('[project\nname ='));
  });
});
