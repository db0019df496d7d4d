import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { ssoCacheFileName } from '../../../src/aws/sso-cache.js';
import type { Finding } from '../../../src/engine/finding.js';
import { runCli, runJson } from '../../support/cli.js';
import { awsHome, isoSeconds, leakedSecrets, ssoCacheDirOf, ssoToken, writeConfig, writeSsoCache } from '../../support/token-fixtures.js';

const HOUR = 3_600_000;
const at = (hours: number) => isoSeconds(new Date(Date.now() + hours * HOUR));
const url = (name: string) => `https://${name}.awsapps.com/start`;

function session(name: string, region = 'eu-west-1'): string {
  return `[sso-session ${name}]\nsso_start_url = ${url(name)}\nsso_region = ${region}\nsso_registration_scopes = sso:account:access\n`;
}

function profile(name: string, sessionName: string): string {
  return `[profile ${name}]\nsso_session = ${sessionName}\nsso_account_id = 123456789012\nsso_role_name = Dev\n`;
}

function legacy(name: string): string {
  return `[profile ${name}]\nsso_start_url = ${url(name)}\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n`;
}

describe('caches.sso through the CLI', () => {
  const home = awsHome();
  let findings: Finding[] = [];
  let outputs: string[] = [];
  const of = (p: string) => findings.filter((f) => f.evidence.profile === p).map((f) => `${f.code}:${f.status}`);
  const one = (p: string, code: string) => {
    const hits = findings.filter((f) => f.evidence.profile === p && f.code === code);
    assert.equal(hits.length, 1, `${p}: ${of(p).join(', ')}`);
    return hits[0]!;
  };

  before(async () => {
    const names = ['ok', 'missing', 'urlkey', 'otherurl', 'otherregion', 'corrupt', 'unreadable', 'expired-r', 'norefresh', 'regexp', 'regexp-old'];
    writeConfig(
      home,
      [
        ...names.map((n) => session(n) + '\n' + profile(n, n)),
        legacy('legacy'),
        legacy('legacy-expired'),
        `[profile incomplete]\nsso_session = nosuch\n`,
        `[profile norole]\nsso_session = ok\nsso_account_id = 123456789012\n`,
      ].join('\n'),
    );
    const put = (key: string, token: object) => writeSsoCache(home, key, JSON.stringify(token));
    put('ok', ssoToken({ startUrl: url('ok'), region: 'eu-west-1', expiresAt: at(4) }));
    put(url('urlkey'), ssoToken({ startUrl: url('urlkey'), region: 'eu-west-1', expiresAt: at(4) }));
    put('otherurl', ssoToken({ startUrl: url('elsewhere'), region: 'eu-west-1', expiresAt: at(4) }));
    put('otherregion', ssoToken({ startUrl: url('otherregion'), region: 'us-east-1', expiresAt: at(4) }));
    writeSsoCache(home, 'corrupt', '{"startUrl": "x", "accessToken": ');
    mkdirSync(join(ssoCacheDirOf(home), ssoCacheFileName('unreadable')));
    put('expired-r', ssoToken({ startUrl: url('expired-r'), region: 'eu-west-1', expiresAt: at(-1) }));
    put('norefresh', ssoToken({ startUrl: url('norefresh'), region: 'eu-west-1', expiresAt: at(4), refreshable: false }));
    put('regexp', ssoToken({ startUrl: url('regexp'), region: 'eu-west-1', expiresAt: at(4), registrationExpiresAt: at(-24) }));
    put('regexp-old', ssoToken({ startUrl: url('regexp-old'), region: 'eu-west-1', expiresAt: at(-1), registrationExpiresAt: at(-24) }));
    put(url('legacy'), ssoToken({ startUrl: url('legacy'), region: 'eu-west-1', expiresAt: at(4), refreshable: false }));
    put(url('legacy-expired'), ssoToken({ startUrl: url('legacy-expired'), region: 'eu-west-1', expiresAt: at(-2), refreshable: false }));
    const r = await runJson(['--offline', '--all-profiles'], { home });
    findings = r.report.findings.filter((f) => f.check === 'caches.sso');
    const pretty = await runCli(['--offline', '--all-profiles', '--verbose'], { home });
    outputs = [JSON.stringify(r.report), r.stderr, pretty.stdout, pretty.stderr];
  });

  test('no SSO secret reaches the JSON or the verbose pretty output', () => {
    assert.deepEqual(leakedSecrets(...outputs), []);
  });

  test('sso-cache-ok for a refreshable sso-session token', () => {
    assert.deepEqual(of('ok'), ['sso-cache-ok:pass']);
    assert.match(one('ok', 'sso-cache-ok').title, /expires in (3 h 59 min|4 h) \(.+\), refreshable$/);
  });

  test('sso-cache-missing', () => {
    const f = one('missing', 'sso-cache-missing');
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.fix?.commands, ['aws sso login --profile missing']);
    assert.ok(f.detail.includes(ssoCacheFileName('missing')));
  });

  test('sso-cache-key-mismatch: token stored under the start URL, another start URL, another region', () => {
    const urlkey = one('urlkey', 'sso-cache-key-mismatch');
    assert.equal(urlkey.status, 'fail');
    assert.match(urlkey.title, /stored under its start URL, but the profile uses sso_session "urlkey"/);
    assert.deepEqual(urlkey.fix?.commands, ['aws sso login --profile urlkey']);
    const other = one('otherurl', 'sso-cache-key-mismatch');
    assert.equal(other.status, 'fail');
    assert.match(other.title, /belongs to "https:\/\/elsewhere\.awsapps\.com\/start", but the config says "https:\/\/otherurl\.awsapps\.com\/start"/);
    const region = one('otherregion', 'sso-cache-key-mismatch');
    assert.equal(region.status, 'warn');
    assert.match(region.title, /issued in "us-east-1", but sso_region is "eu-west-1"/);
    assert.deepEqual(region.fix?.commands, ['aws sso login --profile otherregion']);
  });

  test('sso-cache-corrupt and sso-cache-unreadable', () => {
    const corrupt = one('corrupt', 'sso-cache-corrupt');
    assert.equal(corrupt.status, 'fail');
    assert.match(corrupt.title, /invalid JSON at line 1, column 34/);
    const path = join(ssoCacheDirOf(home), ssoCacheFileName('corrupt'));
    assert.deepEqual(corrupt.fix?.commands, [`mv -f -- ${path} ${path}.broken`, 'aws sso login --profile corrupt']);
    const unreadable = one('unreadable', 'sso-cache-unreadable');
    assert.equal(unreadable.status, 'fail');
    assert.match(unreadable.title, /not-a-file/);
  });

  test('sso-token-expired: warn when refreshable, fail when not', () => {
    const r = one('expired-r', 'sso-token-expired');
    assert.equal(r.status, 'warn');
    assert.deepEqual(r.fix?.commands, ['aws sso login --profile expired-r']);
    const l = one('legacy-expired', 'sso-token-expired');
    assert.equal(l.status, 'fail');
    assert.match(l.detail, /has expired or is otherwise invalid/);
  });

  test('sso-no-refresh: legacy profile gets the exact [sso-session] config; a session token without refresh fields', () => {
    const l = one('legacy', 'sso-no-refresh');
    assert.equal(l.status, 'warn');
    assert.ok(
      l.fix?.text.includes(
        '[sso-session legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n\n[profile legacy]\nsso_session = legacy\n',
      ),
      l.fix?.text,
    );
    assert.deepEqual(l.fix?.commands, ['aws sso login --profile legacy']);
    assert.deepEqual(of('legacy'), ['sso-no-refresh:warn', 'sso-cache-ok:pass']);
    const n = one('norefresh', 'sso-no-refresh');
    assert.equal(n.status, 'warn');
    assert.match(n.title, /no refreshToken, clientId, clientSecret, registrationExpiresAt/);
  });

  test('sso-registration-expired: warn while the token lives, fail after', () => {
    assert.equal(one('regexp', 'sso-registration-expired').status, 'warn');
    // Once the token expired too, the expired token is the one failure and this says why: it points there.
    const old = one('regexp-old', 'sso-registration-expired');
    assert.deepEqual([old.status, old.causedBy?.code, old.causedBy?.ownStatus], ['info', 'sso-token-expired', 'fail']);
    assert.equal(one('regexp-old', 'sso-token-expired').status, 'fail');
    assert.match(one('regexp-old', 'sso-token-expired').detail, /Token has expired and refresh failed/);
    assert.deepEqual(one('regexp', 'sso-registration-expired').fix?.commands, ['aws sso login --profile regexp']);
  });

  test('sso-profile-incomplete: missing [sso-session] section, missing sso_role_name', () => {
    const i = one('incomplete', 'sso-profile-incomplete');
    assert.equal(i.status, 'fail');
    assert.match(i.title, /missing the \[sso-session nosuch\] section, sso_account_id, sso_role_name/);
    assert.deepEqual(i.fix?.commands, ['aws configure sso --profile incomplete']);
    const r = one('norole', 'sso-profile-incomplete');
    assert.match(r.title, /missing sso_role_name$/);
  });
});

test('sso-cache-not-applicable for a non-SSO profile', async () => {
  const home = awsHome();
  writeConfig(home, '[default]\nregion = us-east-1\n');
  const { report } = await runJson(['--offline'], { home });
  const f = report.findings.find((x) => x.check === 'caches.sso');
  assert.deepEqual([f?.code, f?.status], ['sso-cache-not-applicable', 'skip']);
});
