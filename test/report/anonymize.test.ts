import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Anonymizer, anonymizeFindings } from '../../src/report/anonymize.js';
import { finding } from '../support/findings.js';

const seeds = { homes: ['/home/zed-wombat', '/home/zed-wombat/'], hostname: 'build-host-quokka', username: 'zed-wombat' };

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
    const a = new Anonymizer({ homes: ['/home/user'], hostname: 'host', username: 'user' });
    const text = 'arn:aws:iam::123456789012:user/alice and user and /home/user/x';
    a.learn(text);
    assert.equal(a.apply(text), 'arn:aws:iam::<account-1>:user/<user-1> and <local-user-1> and <home>/x');
  });

  it('keeps built-in account names readable ("owned by root")', () => {
    const a = new Anonymizer({ homes: ['/root', '/tmp/h'], hostname: 'box1', username: 'root' });
    assert.equal(a.apply('/root/.pyenv/shims/aws is owned by root; /tmp/h/.aws'), '<home>/.pyenv/shims/aws is owned by root; <home>/.aws');
  });

  it('leaves ordinary words and longer numbers alone', () => {
    const a = new Anonymizer(seeds);
    assert.equal(a.apply('expires in 900 s, key b7d71d383b9557a9bad4c3346c50365819226484c6824a0fdef66637be339db0'), 'expires in 900 s, key b7d71d383b9557a9bad4c3346c50365819226484c6824a0fdef66637be339db0');
  });

  it('names known by their evidence key are hidden everywhere (SSO role, user name, portal URL)', () => {
    const [f] = anonymizeFindings(
      [
        finding({
          title: 'Role ZorroAdmins',
          detail: 'portal https://ssoins-7223abcd.portal.us-east-1.app.aws/ user zed.q',
          evidence: { sso_role_name: 'ZorroAdmins', sso_start_url: 'https://start.example.org/zorro', userName: 'zed.q' },
        }),
      ],
      new Anonymizer(seeds),
    );
    const all = JSON.stringify(f);
    for (const v of ['ZorroAdmins', 'ssoins-7223abcd', 'start.example.org', 'zed.q']) assert.ok(!all.includes(v), `${v} leaked: ${all}`);
    assert.equal(f!.title, 'Role <role-1>');
    assert.equal(f!.detail, 'portal <start-url-2> user <user-1>');
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

describe('Anonymizer, any text', () => {
  it('never throws and never lets a seed, account id or ARN name through when they stand apart', async () => {
    const fc = (await import('fast-check')).default;
    const secretPieces = ['/home/zed-wombat/.aws/config', 'build-host-quokka', 'zed-wombat', '987654321098', 'arn:aws:iam::987654321098:user/zorro-quixote', 'zorro-quixote', 'https://d-9f8e7d6c5b.awsapps.com/start'];
    const piece = fc.oneof(fc.constantFrom(...secretPieces), fc.string({ maxLength: 12 }).map((s) => s.replace(/[\w./:-]/g, '')));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
        const text = parts.join(' ');
        const a = new Anonymizer(seeds);
        a.learn(text);
        const out = a.apply(text);
        // A bare name is only known to be a user once its ARN has been seen somewhere in the report.
        const arnSeen = text.includes('user/zorro-quixote');
        for (const s of ['zed-wombat', 'build-host-quokka', '987654321098', 'd-9f8e7d6c5b', ...(arnSeen ? ['zorro-quixote'] : [])]) {
          assert.ok(!out.includes(s), `${s} in ${out}`);
        }
        assert.equal(a.apply(text), out, 'stable');
      }),
      { numRuns: 500 },
    );
  });
});
