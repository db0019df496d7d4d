import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rangeProblems, versionProblems } from '../../src/aws/js-sdk.js';

const problems = (list: { problem: string }[]) => list.map((p) => p.problem);

describe('versionProblems', () => {
  it('credential-provider-ini: no login below 3.936.0, no caller config from 3.936.0 to 3.951.x', () => {
    assert.deepEqual(problems(versionProblems('@aws-sdk/credential-provider-ini', '3.935.0')), ['no-login']);
    assert.deepEqual(problems(versionProblems('@aws-sdk/credential-provider-ini', '3.936.0')), ['no-caller-config']);
    assert.deepEqual(problems(versionProblems('@aws-sdk/credential-provider-ini', '3.948.0')), ['no-caller-config']);
    assert.deepEqual(problems(versionProblems('@aws-sdk/credential-provider-ini', '3.952.0')), []);
  });
  it('credential-provider-login: stale cache below 3.972.73', () => {
    assert.deepEqual(problems(versionProblems('@aws-sdk/credential-provider-login', '3.972.72')), ['stale-cache']);
    assert.deepEqual(problems(versionProblems('@aws-sdk/credential-provider-login', '3.972.73')), []);
  });
  it('the packages that bring ini in, and versions that are not semver', () => {
    assert.deepEqual(problems(versionProblems('@aws-sdk/client-sts', '3.934.0')), ['no-login']);
    assert.deepEqual(problems(versionProblems('@aws-sdk/client-sts', '3.1169.0')), []);
    assert.deepEqual(versionProblems('@aws-sdk/credential-provider-ini', 'workspace'), []);
    assert.deepEqual(versionProblems('left-pad', '1.0.0'), []);
  });
});

describe('rangeProblems', () => {
  it('only ranges that allow no version at the floor', () => {
    assert.deepEqual(problems(rangeProblems('@aws-sdk/client-sts', '3.934.0')), ['no-login']);
    assert.deepEqual(problems(rangeProblems('@aws-sdk/credential-providers', '~3.930.0')), ['no-login']);
    assert.deepEqual(rangeProblems('@aws-sdk/client-sts', '^3.900.0'), []);
    assert.deepEqual(problems(rangeProblems('@aws-sdk/credential-provider-login', '3.960.0')), ['stale-cache']);
    assert.deepEqual(rangeProblems('@aws-sdk/credential-provider-ini', '3.940.0'), [], 'caller config is not a pin problem');
    assert.deepEqual(rangeProblems('@aws-sdk/client-sts', 'latest'), []);
  });
});
