import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePackageJson } from '../../src/aws/package-json.js';

describe('parsePackageJson', () => {
  it('dependencies of every field with the line in that field, and the package manager', () => {
    const text = JSON.stringify(
      {
        name: 'x',
        packageManager: 'pnpm@9.15.0',
        dependencies: { '@aws-sdk/client-sts': '^3.900.0' },
        devDependencies: { '@aws-sdk/client-sts': '3.900.0', typescript: '5.9.3' },
        peerDependencies: { '@aws-sdk/credential-providers': '*' },
      },
      null,
      2,
    );
    assert.deepEqual(parsePackageJson(text), {
      packageManager: 'pnpm@9.15.0',
      dependencies: [
        { name: '@aws-sdk/client-sts', range: '^3.900.0', field: 'dependencies', line: 5 },
        { name: '@aws-sdk/client-sts', range: '3.900.0', field: 'devDependencies', line: 8 },
        { name: 'typescript', range: '5.9.3', field: 'devDependencies', line: 9 },
      ],
    });
  });
  it('throws on anything but a JSON object', () => {
    assert.throws(() => parsePackageJson('[]'));
    assert.throws(() => parsePackageJson('{"a": 1,}'));
  });
});
