import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePyproject, poetryToPep440 } from '../../src/aws/pyproject.js';

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
