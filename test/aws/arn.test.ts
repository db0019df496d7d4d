import assert from 'node:assert/strict';
import { it } from 'node:test';
import { anonymizeAccount, anonymizeArn, anonymizeText } from '../../src/aws/arn.js';

it('anonymizes account and names but keeps the ARN shape', () => {
  assert.equal(anonymizeArn('arn:aws:iam::123456789012:user/alice'), 'arn:aws:iam::<account>:user/<name>');
  assert.equal(anonymizeArn('arn:aws:sts::123456789012:assumed-role/Dev/alice'), 'arn:aws:sts::<account>:assumed-role/<name>/<name>');
  assert.equal(anonymizeArn('arn:aws:iam::123456789012:root'), 'arn:aws:iam::<account>:<name>');
  assert.equal(anonymizeArn('not an arn'), '<arn>');
  assert.equal(anonymizeAccount('123456789012'), '<account>');
});

it('anonymizes ARNs and account ids inside AWS messages', () => {
  assert.equal(
    anonymizeText('User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:GetCallerIdentity on 210987654321'),
    'User: arn:aws:iam::<account>:user/<name> is not authorized to perform: sts:GetCallerIdentity on <account>',
  );
  assert.equal(anonymizeText('request 0123456789abc'), 'request 0123456789abc');
});
