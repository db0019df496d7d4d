import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { runCli, type CliResult } from '../../support/cli.js';
import {
  awsHome,
  ACCOUNT,
  SECRETS,
  isoSeconds,
  leakedSecrets,
  loginToken,
  p256Sec1Pem,
  p384Sec1Pem,
  pythonJsonDumps,
  ssoToken,
  writeConfig,
  writeLoginCache,
  writeSsoCache,
} from '../../support/token-fixtures.js';

const EVIL = 'evil\u001b[31mred\u200fname';
const inMinutes = (m: number) => isoSeconds(new Date(Date.now() + m * 60_000));
const session = (n: string) => `arn:aws:iam::${ACCOUNT}:user/${n}`;

/** The base64 body lines of a PEM: any of them in output leaks the key. */
function pemBody(pem: string): string[] {
  return pem.split('\n').filter((l) => l && !l.startsWith('-----'));
}

describe('no secret and no terminal control reaches any output', () => {
  const home = awsHome();
  const p256 = p256Sec1Pem();
  const p384 = p384Sec1Pem();
  const outputs: Array<[string, CliResult]> = [];

  before(async () => {
    const logins = ['healthy', 'expired', 'p384', 'fields', 'truncated', 'mode', EVIL];
    writeConfig(
      home,
      [
        ...logins.map((n) => `[profile ${n}]\nlogin_session = ${session(n)}\nregion = us-east-1\n`),
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n',
        '[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n',
        '[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n',
      ].join('\n'),
    );
    const token = (over: Partial<Parameters<typeof loginToken>[0]> = {}) => loginToken({ expiresAt: inMinutes(14), dpopKey: p256, ...over });
    writeLoginCache(home, session('healthy'), pythonJsonDumps(token()));
    writeLoginCache(home, session('expired'), JSON.stringify(token({ expiresAt: inMinutes(-5) }), null, 2));
    writeLoginCache(home, session('p384'), JSON.stringify(token({ dpopKey: p384 })));
    const fields = token() as { refreshToken?: string };
    delete fields.refreshToken;
    writeLoginCache(home, session('fields'), JSON.stringify({ ...fields, extra: SECRETS.refreshToken }));
    // Cut inside the secret access key, so the parse error sits right at a secret.
    const full = pythonJsonDumps(token());
    writeLoginCache(home, session('truncated'), full.slice(0, full.indexOf(SECRETS.secretAccessKey) + 12));
    chmodSync(writeLoginCache(home, session('mode'), pythonJsonDumps(token())), 0o644);
    writeLoginCache(home, session(EVIL), pythonJsonDumps(token()));
    writeSsoCache(home, 'corp', JSON.stringify(ssoToken({ startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1', expiresAt: inMinutes(-10) })));
    writeSsoCache(home, 'https://legacy.awsapps.com/start', JSON.stringify(ssoToken({ startUrl: `https://legacy.awsapps.com/start\u001b]0;pwned\u0007`, region: 'eu-west-1', expiresAt: inMinutes(60), refreshable: false })));
    const cli = join(home, '.aws', 'cli', 'cache');
    mkdirSync(cli, { recursive: true });
    writeFileSync(
      join(cli, 'x.json'),
      JSON.stringify({ Credentials: { AccessKeyId: SECRETS.accessKeyId, SecretAccessKey: SECRETS.cliSecretAccessKey, SessionToken: SECRETS.cliSessionToken, Expiration: '2025-01-01T00:00:00Z' } }),
    );
    for (const args of [['--json'], [], ['--verbose'], ['--verbose', '--color'], ['--json', '--profile', EVIL], ['--verbose', '--profile', EVIL]]) {
      const all = args.includes('--profile') ? args : [...args, '--all-profiles'];
      outputs.push([all.join(' '), await runCli(['--offline', ...all], { home })]);
    }
  });

  test('the fixtures produce the findings the scan is meant to cover', () => {
    const json = JSON.parse(outputs[0]![1].stdout) as { findings: Array<{ code: string }> };
    const found = new Set(json.findings.map((f) => f.code));
    for (const code of ['login-cache-ok', 'login-token-expired', 'login-dpop-key-invalid', 'login-cache-fields-missing', 'login-cache-corrupt', 'login-cache-permissions', 'sso-token-expired', 'sso-no-refresh', 'cli-cache-expired']) {
      assert.ok(found.has(code), `${code} missing from ${[...found].join(', ')}`);
    }
  });

  test('no fake secret, full access key id or DPoP key line in pretty, verbose, colour or JSON output', () => {
    const keyLines = [...pemBody(p256), ...pemBody(p384)];
    for (const [args, r] of outputs) {
      assert.deepEqual(leakedSecrets(r.stdout, r.stderr), [], `leak with ${args}`);
      assert.deepEqual(keyLines.filter((l) => r.stdout.includes(l) || r.stderr.includes(l)), [], `key leak with ${args}`);
      assert.ok(r.stdout.includes('ASIA…7890'), `masked key id missing with ${args}`);
    }
  });

  test('escape sequences and bidi marks from profile names and token files are neutralised', () => {
    for (const [args, r] of outputs) {
      if (args.includes('--color')) continue; // chalk's own colour codes are expected there
      const text = r.stdout + r.stderr;
      assert.ok(!text.includes('\u001b'), `raw ESC with ${args}`);
      assert.ok(!text.includes('\u200f'), `raw RLM with ${args}`);
      assert.ok(!text.includes('\u0007'), `raw BEL with ${args}`);
      // JSON escapes the backslash of the visible marker.
      assert.ok(text.includes('evilred\\u{200f}name') || text.includes('evilred\\\\u{200f}name'), `sanitized name missing with ${args}`);
    }
    const pretty = outputs.find(([a]) => a === '--all-profiles')![1].stdout;
    assert.ok(pretty.includes('legacy.awsapps.com/start\\u001b]0;pwned\\u0007"'), 'the start URL difference is not shown escaped');
    const colour = outputs.find(([a]) => a.includes('--color'))![1].stdout;
    assert.ok(!colour.includes('\u001b[31mred'), 'the profile name escape survived in colour output');
    assert.ok(!colour.includes('\u001b]0;pwned'), 'the OSC title sequence survived in colour output');
  });
});
