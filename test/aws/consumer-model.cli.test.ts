import assert from 'node:assert/strict';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../src/engine/finding.js';
import { largeConfig } from './consumer-model.fixtures.js';
import { runJson } from '../support/cli.js';
import { loginCacheFileName } from '../../src/aws/login-cache.js';
import { isoSeconds, loginToken, p256Sec1Pem, pythonJsonDumps, awsHome, writeConfig, writeHealthyLoginCache, writeLoginCache } from '../support/token-fixtures.js';

/** The consumer model's rules that the differential suite proved, through the CLI. */
const ALICE = 'arn:aws:iam::123456789012:user/alice';

function find(findings: Finding[], code: string): Finding {
  const f = findings.find((x) => x.code === code);
  assert.ok(f, `expected finding ${code}, got ${findings.map((x) => `${x.code}:${x.status}`).join(', ')}`);
  return f;
}

test('AWS_LOGIN_CACHE_DIRECTORY set but empty: warn that every consumer reads the login cache from the working folder; the cache there is the one checked', async () => {
  const h = awsHome('ld-lcd-');
  writeConfig(h, `[default]\nlogin_session = ${ALICE}\nregion = us-east-1\n`);
  const work = join(h, 'project');
  mkdirSync(work);
  // The only cache is in the working folder: that is where botocore and the JS SDK look.
  writeLoginCache(h, ALICE, pythonJsonDumps(loginToken({ expiresAt: isoSeconds(new Date(Date.now() + 14 * 60_000)), dpopKey: p256Sec1Pem() })), work);
  const { report } = await runJson(['--offline'], { home: h, cwd: work, env: { AWS_LOGIN_CACHE_DIRECTORY: '' } });
  const f = find(report.findings, 'config-path-env');
  assert.equal(f.status, 'warn');
  assert.equal(f.title, 'AWS_LOGIN_CACHE_DIRECTORY is empty: the login cache moves with the working folder');
  assert.match(f.detail, new RegExp(`take a set-but-empty value as the folder "", not as unset, so each looks for the login cache in the folder a tool runs from \\(here ${work}\\)`));
  assert.equal(f.fix!.text, 'Set AWS_LOGIN_CACHE_DIRECTORY to an absolute folder, or unset it to use ~/.aws/login/cache.');
  assert.deepEqual(f.fix!.commands, ['unset AWS_LOGIN_CACHE_DIRECTORY']);
  assert.deepEqual(f.evidence.paths, { botocore: work, 'cli-v2': work, js: work });
  // caches.login follows the same rule: it reads the working folder's cache, not ~/.aws/login/cache.
  assert.ok(!report.findings.some((x) => x.code === 'login-cache-missing'), JSON.stringify(report.findings.map((x) => x.code)));
  assert.ok(report.findings.some((x) => x.code.startsWith('login-cache') && JSON.stringify(x).includes(join(work, loginCacheFileName(ALICE)))));
});

test('AWS_LOGIN_CACHE_DIRECTORY relative: the same warning, with the folder it names from here', async () => {
  const h = awsHome('ld-lcd-');
  writeConfig(h, `[default]\nlogin_session = ${ALICE}\n`);
  const { report } = await runJson(['--offline'], { home: h, env: { AWS_LOGIN_CACHE_DIRECTORY: 'lc' } });
  const f = find(report.findings, 'config-path-env');
  assert.equal(f.status, 'warn');
  assert.equal(f.title, 'AWS_LOGIN_CACHE_DIRECTORY is relative: the login cache moves with the working folder');
  assert.deepEqual(f.evidence.paths, { botocore: join(h, 'lc'), 'cli-v2': join(h, 'lc'), js: join(h, 'lc') });
});

test('a config file over the old 5 MB cap (6 MB, 3,000 profiles) is read and modelled like the consumers do: no unreadable finding, the login profile is diagnosed', async () => {
  const h = awsHome('ld-large-');
  writeConfig(h, largeConfig(`[default]\nlogin_session = ${ALICE}\nregion = eu-west-1\n`, 6 * 1024 * 1024, 3000));
  writeHealthyLoginCache(h, ALICE);
  const { report } = await runJson(['--offline'], { home: h });
  const codes = report.findings.map((x) => `${x.code}:${x.status}`);
  assert.ok(!codes.some((c) => c.startsWith('config-file-unreadable') || c.startsWith('config-file-too-large')), codes.join(', '));
  assert.match(find(report.findings, 'config-files-ok').title, /^Config files parse cleanly \(3001 profiles\)$/);
  assert.ok(!report.findings.some((x) => x.code === 'login-cache-missing'));
  assert.ok(!report.findings.some((x) => x.code === 'config-consumers-disagree'), codes.join(', '));
});

test('a config file over 8 MiB: a warning that says the SDKs read it and login-doctor did not check it', async () => {
  const h = awsHome('ld-huge-');
  const path = join(h, '.aws', 'config');
  writeFileSync(path, `[default]\nlogin_session = ${ALICE}\n`);
  // Sparse: the size is what the doctor looks at first; no disk space is used.
  truncateSync(path, 9 * 1024 * 1024);
  const { report } = await runJson(['--offline'], { home: h });
  const f = find(report.findings, 'config-file-too-large');
  assert.equal(f.status, 'warn');
  assert.equal(f.title, 'The config file is too large for login-doctor to check (9 MiB)');
  assert.match(f.detail, /botocore, the AWS CLI and the AWS SDK for JavaScript v3 read files of any size/);
  assert.match(f.detail, /login-doctor reads at most 8 MiB of a config file, so it did not check the profiles in this one/);
  assert.match(f.fix!.text, /Check that .*config is the file you mean/);
  assert.deepEqual(f.evidence, { path, size: 9 * 1024 * 1024, limit: 8 * 1024 * 1024 });
  assert.ok(!report.findings.some((x) => x.code === 'config-file-unreadable'));
  // The profile may be in the file: nothing claims it is missing.
  assert.ok(!report.findings.some((x) => x.code === 'profile-not-found'));
});
