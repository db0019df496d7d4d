import assert from 'node:assert/strict';
import { it } from 'node:test';
import { anonymizeAccount, anonymizeArn } from '../../src/aws/arn.js';

it('anonymizes account and names but keeps the ARN shape', () => {
  assert.equal(anonymizeArn('arn:aws:iam::123456789012:user/alice'), 'arn:aws:iam::<account>:user/<name>');
  assert.equal(anonymizeArn('arn:aws:sts::123456789012:assumed-role/Dev/alice'), 'arn:aws:sts::<account>:assumed-role/<name>/<name>');
  assert.equal(anonymizeArn('arn:aws:iam::123456789012:root'), 'arn:aws:iam::<account>:<name>');
  assert.equal(anonymizeArn('not an arn'), '<arn>');
  assert.equal(anonymizeAccount('123456789012'), '<account>');
});
