import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../../src/engine/finding.js';
import { runJson } from '../../support/cli.js';
import { awsHome, isoSeconds, ssoToken, writeConfig, writeHealthyLoginCache, writeSsoCache } from '../../support/token-fixtures.js';

const ALICE = 'arn:aws:iam::123456789012:user/alice';
const START = 'https://corp.awsapps.com/start';
const SSO = `[sso-session corp]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`;

function find(findings: Finding[], code: string): Finding {
  const f = findings.find((x) => x.code === code);
  assert.ok(f, `expected finding ${code}, got ${findings.map((x) => `${x.code}:${x.status}`).join(', ')}`);
  return f;
}

function home(config: string | Buffer, files: Record<string, string> = {}): string {
  const h = awsHome('ld-consumers-');
  writeFileSync(join(h, '.aws', 'config'), config);
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(h, rel), text);
  return h;
}

test('a byte-order mark: pip botocore and the AWS CLI v2 refuse the file (fail, line 1, the sed that removes it); the JS SDK reads it', async () => {
  const h = home(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`[default]\nlogin_session = ${ALICE}\nregion = us-east-1\n`)]));
  writeHealthyLoginCache(h, ALICE);
  const { code, report } = await runJson(['--offline'], { home: h });
  const f = find(report.findings, 'config-parse-error');
  assert.equal(f.status, 'fail');
  assert.equal(f.title, `pip botocore/boto3 (and AWS CLI v1) and AWS CLI v2 cannot read ${h}/.aws/config:1`);
  assert.deepEqual(f.evidence.consumers, ['botocore', 'cli-v2']);
  assert.match(f.detail, /byte-order mark/);
  assert.match(f.detail, /AWS SDK for JavaScript v3 reads it anyway/);
  assert.deepEqual(f.fix!.commands, [`sed -i '1s/^\\xEF\\xBB\\xBF//' "${h}/.aws/config"`]);
  const d = find(report.findings, 'config-consumers-disagree');
  assert.equal(d.status, 'warn');
  assert.match(d.detail, /AWS CLI v2: refuses the config files/);
  assert.match(d.detail, /AWS SDK for JavaScript v3: profile default, aws login, login_session arn:aws:iam::123456789012:user\/alice, region us-east-1/);
  assert.equal(code, 1);
});

test('bytes that are not UTF-8: refused by the Python consumers, with the line and an iconv fix', async () => {
  const h = home(Buffer.concat([Buffer.from(`[default]\nregion = us-east-1\n# caf`), Buffer.from([0xe9]), Buffer.from('\n')]));
  const { report } = await runJson(['--offline'], { home: h });
  const f = find(report.findings, 'config-parse-error');
  assert.equal(f.evidence.line, 3);
  assert.match(f.fix!.commands[0]!, /^iconv -f latin1 -t utf-8 /);
});

test('a repeated section: the line of the second header and the merge advice', async () => {
  const h = home(`[profile dev]\nregion = us-east-1\n\n[profile dev]\nlogin_session = ${ALICE}\n`);
  const { report } = await runJson(['--offline', '--profile', 'dev'], { home: h });
  const f = find(report.findings, 'config-parse-error');
  assert.equal(f.evidence.line, 4);
  assert.match(f.fix!.text, /Merge the two sections: delete the header on line 4/);
});

test('[profile default] and [default] both present: botocore takes the later one, the JS SDK always [profile default]', async () => {
  const h = home(`[profile default]\nregion = eu-west-1\nlogin_session = ${ALICE}\n[default]\nregion = us-east-1\nlogin_session = ${ALICE}\n`);
  writeHealthyLoginCache(h, ALICE);
  const { report } = await runJson(['--offline'], { home: h });
  const d = find(report.findings, 'config-consumers-disagree');
  assert.deepEqual(d.evidence.aspects, ['region']);
  assert.match(d.detail, /AWS CLI v2: profile default, aws login, .*region us-east-1/);
  assert.match(d.detail, /JavaScript v3: profile default, aws login, .*region eu-west-1/);
});

test('AWS_CONFIG_FILE set but empty: botocore reads no file, the JS SDK ~/.aws/config (config-path-env and the disagreement)', async () => {
  const h = home(`[default]\nlogin_session = ${ALICE}\nregion = us-east-1\n`);
  writeHealthyLoginCache(h, ALICE);
  const { report } = await runJson(['--offline'], { home: h, env: { AWS_CONFIG_FILE: '' } });
  const p = find(report.findings, 'config-path-env');
  assert.equal(p.status, 'warn');
  assert.match(p.detail, /AWS CLI v2 reads no file/);
  assert.match(p.detail, new RegExp(`AWS SDK for JavaScript v3 reads ${h}/.aws/config`));
  assert.deepEqual(p.fix!.commands, ['unset AWS_CONFIG_FILE']);
  const d = find(report.findings, 'config-consumers-disagree');
  assert.deepEqual(d.evidence.aspects, ['source', 'login_session', 'region']);
  assert.equal(d.title, 'The SDKs read the set-up differently: credential source, login_session, region');
});

test('AWS_CONFIG_FILE=~/...: the JS SDK finds no [sso-session] section for SSO profiles', async () => {
  const h = home('');
  writeFileSync(join(h, 'alt-config'), `[default]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n${SSO}`);
  const { report } = await runJson(['--offline'], { home: h, env: { AWS_CONFIG_FILE: '~/alt-config' } });
  assert.match(find(report.findings, 'config-path-env').detail, /but not when it looks up \[sso-session\] sections/);
  assert.match(find(report.findings, 'config-consumers-disagree').detail, /JavaScript v3: fails on profile default: Incomplete SSO configuration/);
});

test('AWS_PROFILE with a stray space: shown escaped, the fix names the real profile', async () => {
  const h = home(`[profile dev]\nlogin_session = ${ALICE}\nregion = us-east-1\n`);
  const { report } = await runJson(['--offline'], { home: h, env: { AWS_PROFILE: 'dev ' } });
  const f = find(report.findings, 'profile-name-unusual');
  assert.equal(f.status, 'warn');
  assert.equal(f.title, 'The profile name from AWS_PROFILE is "dev "');
  assert.match(f.detail, /finds no profile "dev "/);
  assert.deepEqual(f.fix!.commands, ['export AWS_PROFILE=dev']);
});

test('a control character in a profile name is written as an escape, in the title and in the fix', async () => {
  const h = home(`[profile "dev\tx"]\nlogin_session = ${ALICE}\n`);
  const { report } = await runJson(['--offline'], { home: h, env: { AWS_PROFILE: 'dev\tx' } });
  const f = find(report.findings, 'profile-name-unusual');
  assert.equal(f.title, 'The profile name from AWS_PROFILE is "dev\\tx"');
  assert.deepEqual(f.fix!.commands, ['unset AWS_PROFILE', "aws configure list --profile $'dev\\x09x'"]);
});

test('role on a login profile: the chain admin -> dev (aws login), the caches of dev diagnosed, the bridge for SDKs that cannot chain', async () => {
  const h = home(`[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = dev\n[profile dev]\nlogin_session = ${ALICE}\nregion = us-east-1\n`);
  const { report } = await runJson(['--offline'], { home: h, env: { AWS_PROFILE: 'admin' } });
  const c = find(report.findings, 'credential-chain');
  assert.equal(c.status, 'pass');
  assert.equal(c.title, 'Role chain: admin -> dev (aws login)');
  assert.match(c.detail, /AWS CLI v2: profile admin, assume role \(assume role -> aws login\)/);
  // No cache was written: the login cache check now speaks about dev, the profile that holds the session.
  const missing = find(report.findings, 'login-cache-missing');
  assert.match(missing.title + missing.detail, /dev/);
  const gap = find(report.findings, 'role-on-login-unsupported');
  assert.equal(gap.status, 'info');
  assert.match(gap.detail, /aws-sdk-php\/issues\/3300/);
  assert.deepEqual(gap.fix!.commands, [
    `aws configure set credential_process 'aws configure export-credentials --profile dev --format process' --profile dev-process`,
    'aws configure set source_profile dev-process --profile admin',
  ]);
});

test('a source_profile loop fails with the chain and what each consumer says', async () => {
  const h = home('[profile admin]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = dev\n[profile dev]\nrole_arn = arn:aws:iam::1:role/d\nsource_profile = admin\n');
  const { report } = await runJson(['--offline'], { home: h, env: { AWS_PROFILE: 'admin' } });
  const f = find(report.findings, 'credential-chain-broken');
  assert.equal(f.status, 'fail');
  assert.equal(f.title, 'source_profile loops: admin -> dev -> admin');
  assert.match(f.detail, /AWS CLI v2: stops on a source_profile loop/);
});

/** No warning or failure from the config and cache checks. */
function quiet(findings: Finding[]): string[] {
  return findings.filter((f) => (f.check.startsWith('config.') || f.check.startsWith('caches.')) && (f.status === 'warn' || f.status === 'fail')).map((f) => `${f.code}: ${f.title}`);
}

test('no false alarms: healthy login, healthy refreshable sso-session, role-on-login, credential_process and static keys', async () => {
  const later = isoSeconds(new Date(Date.now() + 3_600_000));
  const login = home(`[profile dev]\nlogin_session = ${ALICE}\nregion = us-east-1\n`);
  writeHealthyLoginCache(login, ALICE);
  const sso = home(`[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n${SSO}`);
  writeSsoCache(sso, 'corp', JSON.stringify(ssoToken({ startUrl: START, region: 'us-east-1', expiresAt: later })));
  const role = home(`[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\nregion = us-east-1\n[profile base]\nlogin_session = ${ALICE}\nregion = us-east-1\n`);
  writeHealthyLoginCache(role, ALICE);
  const proc = home('[profile dev]\ncredential_process = /usr/local/bin/get-creds\nregion = us-east-1\n');
  const keys = awsHome('ld-consumers-');
  writeConfig(keys, '[profile dev]\nregion = us-east-1\n');
  writeFileSync(join(keys, '.aws', 'credentials'), '[dev]\naws_access_key_id = AKIAEXAMPLEKEY00001\naws_secret_access_key = example-secret\n');
  for (const h of [login, sso, role, proc, keys]) {
    const { report } = await runJson(['--offline', '--profile', 'dev'], { home: h });
    assert.deepEqual(quiet(report.findings), [], h);
  }
});
