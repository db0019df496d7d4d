import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixtureHome, REPO_ROOT } from '../helpers/cli.js';

// The published package must start from compiled JavaScript, installed somewhere else, with no network.
// --ignore-scripts: npm test has just built dist/, and rebuilding it here would race the other tests using it.
test('npm pack produces a tarball that installs offline and runs', { timeout: 180_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'ld-pack-'));
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], { cwd: REPO_ROOT, stdio: 'pipe' });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'a tarball was written');
  const prefix = join(work, 'prefix');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(work, tarball)], { stdio: 'pipe' });
  const bin = join(prefix, 'node_modules', '.bin', 'login-doctor');
  const env = { PATH: process.env.PATH, HOME: fixtureHome('region-missing'), LOGIN_DOCTOR_NO_CACHE: '1' };

  const version = spawnSync(bin, ['--version'], { env, encoding: 'utf8' });
  assert.equal(version.status, 0, version.stderr);
  assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);

  const json = spawnSync(bin, ['--json', '--offline', '--profile', 'dev'], { env, encoding: 'utf8', cwd: work });
  assert.equal(json.status, 1, json.stderr);
  const report = JSON.parse(json.stdout) as { schemaVersion: number; findings: { code: string }[] };
  assert.equal(report.schemaVersion, 1);
  assert.ok(report.findings.some((f) => f.code === 'region-missing'));
});
