import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Anonymizer, anonymizeFindings } from '../../src/report/anonymize.js';
import { finding } from '../helpers/findings.js';

const seeds = { home: '/home/zed-wombat', hostname: 'build-host-quokka', username: 'zed-wombat' };

describe('Anonymizer', () => {
  it('replaces account ids, ARN names, start URLs, home, host and user with stable placeholders', () => {
    const a = new Anonymizer(seeds);
    const text =
      'session arn:aws:iam::987654321098:user/zorro-quixote, role arn:aws:sts::987654321098:assumed-role/ZorroAdmin/zorro-session ' +
      'url https://d-9f8e7d6c5b.awsapps.com/start/#/ home /home/zed-wombat/.aws/config on build-host-quokka; bare 987654321098 and zorro-quixote; other 111122223333';
    a.learn(text);
    const out = a.apply(text);
    for (const secret of ['987654321098', 'zorro-quixote', 'ZorroAdmin', 'zorro-session', 'd-9f8e7d6c5b', '/home/zed-wombat', 'build-host-quokka', 'zed-wombat', '111122223333']) {
      assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
    }
    assert.match(out, /arn:aws:iam::<account-1>:user\/<user-1>/);
    assert.match(out, /arn:aws:sts::<account-1>:assumed-role\/<role-1>\/<session-1>/);
    assert.match(out, /bare <account-1> and <user-1>/);
    assert.match(out, /other <account-2>/);
    assert.match(out, /home <home>\/\.aws\/config on <host>/);
    assert.match(out, /url <start-url-1>/);
  });

  it('the same value maps to the same placeholder across calls, different values to different ones', () => {
    const a = new Anonymizer(seeds);
    assert.equal(a.apply('123456789012'), '<account-1>');
    assert.equal(a.apply('210987654321'), '<account-2>');
    assert.equal(a.apply('x 123456789012 y'), 'x <account-1> y');
  });

  it('does not rewrite its own placeholders when the local user is called "user"', () => {
    const a = new Anonymizer({ home: '/home/user', hostname: 'host', username: 'user' });
    const text = 'arn:aws:iam::123456789012:user/alice and user and /home/user/x';
    a.learn(text);
    assert.equal(a.apply(text), 'arn:aws:iam::<account-1>:user/<user-1> and <local-user-1> and <home>/x');
  });

  it('leaves ordinary words and longer numbers alone', () => {
    const a = new Anonymizer(seeds);
    assert.equal(a.apply('expires in 900 s, key b7d71d383b9557a9bad4c3346c50365819226484c6824a0fdef66637be339db0'), 'expires in 900 s, key b7d71d383b9557a9bad4c3346c50365819226484c6824a0fdef66637be339db0');
  });

  it('anonymizes every field of a finding, evidence included, with one table', () => {
    const [f] = anonymizeFindings(
      [
        finding({
          title: 'user zorro-quixote',
          detail: 'arn:aws:iam::987654321098:user/zorro-quixote',
          fix: { text: '/home/zed-wombat', commands: ['aws login --profile x # 987654321098'] },
          evidence: { nested: { arn: 'arn:aws:iam::987654321098:role/Deploy' }, list: ['987654321098'] },
        }),
      ],
      new Anonymizer(seeds),
    );
    assert.equal(f!.title, 'user <user-1>');
    assert.equal(f!.fix!.text, '<home>');
    assert.equal(f!.fix!.commands[0], 'aws login --profile x # <account-1>');
    assert.deepEqual(f!.evidence, { nested: { arn: 'arn:aws:iam::<account-1>:role/<role-1>' }, list: ['<account-1>'] });
  });
});
