import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runJson } from '../../support/cli.js';
import { awsHome, SECRETS, isoSeconds, leakedSecrets, writeConfig } from '../../support/token-fixtures.js';

function entry(expiration: string): string {
  return JSON.stringify({
    ProviderType: 'sso',
    Credentials: { AccessKeyId: 'ASIAXYZSECRETKEY7890', SecretAccessKey: SECRETS.cliSecretAccessKey, SessionToken: SECRETS.cliSessionToken, Expiration: expiration, AccountId: '123456789012' },
  });
}

test('cli-cache-ok with current entries, cli-cache-expired (info) with expired and unreadable ones', async () => {
  const home = awsHome();
  writeConfig(home, '[default]\nregion = us-east-1\n');
  const dir = join(home, '.aws', 'cli', 'cache');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a.json'), entry(isoSeconds(new Date(Date.now() + 3_600_000))));
  let r = await runJson(['--offline'], { home });
  let f = r.report.findings.find((x) => x.check === 'caches.cli');
  assert.deepEqual([f?.code, f?.status, f?.title], ['cli-cache-ok', 'pass', 'AWS CLI role credential cache: 1 current entry']);

  // The assume-role form ends in "UTC" (JSONFileCache's %Z).
  writeFileSync(join(dir, 'b.json'), entry('2025-11-19T20:00:00UTC'));
  writeFileSync(join(dir, 'c.json'), '{"Credentials": ');
  r = await runJson(['--offline', '--only', 'caches.cli'], { home });
  f = r.report.findings.find((x) => x.check === 'caches.cli');
  assert.deepEqual([f?.code, f?.status], ['cli-cache-expired', 'info']);
  assert.deepEqual(f?.evidence.expired, ['b.json']);
  assert.deepEqual(f?.evidence.unusable, ['c.json']);
  assert.deepEqual(f?.fix?.commands, [`rm -f -- ${join(dir, 'b.json')} ${join(dir, 'c.json')}`]);
  assert.equal(r.code, 0);
  assert.deepEqual(leakedSecrets(JSON.stringify(r.report)), []);
});
