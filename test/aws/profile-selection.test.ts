import assert from 'node:assert/strict';
import { test } from 'node:test';
import { profileFor } from '../../src/aws/profile-selection.js';

test('each consumer reads the profile variables in its own order', () => {
  const env = { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' };
  assert.equal(profileFor('botocore', env, null).name, 'b');
  assert.equal(profileFor('cli-v2', env, null).name, 'a');
  assert.equal(profileFor('js', env, null).name, 'a');
  assert.equal(profileFor('js', { AWS_DEFAULT_PROFILE: 'b' }, null).name, 'default');
  assert.deepEqual(profileFor('botocore', env, 'x'), { name: 'x', from: '--profile' });
});
