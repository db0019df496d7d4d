import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runJson } from '../support/cli.js';

// Each hostile config gives a clear finding and a bounded run: the test's own timeout is the bound.
function home(setup: (aws: string) => void): string {
  const h = mkdtempSync(join(tmpdir(), 'ld-hostile-'));
  const aws = join(h, '.aws');
  mkdirSync(aws);
  setup(aws);
  return h;
}

async function codes(h: string, args: string[] = ['--profile', 'dev']) {
  const { report } = await runJson(['--offline', ...args], { home: h, timeoutMs: 30_000 });
  return report.findings;
}

test('a 50 MB config file is not read, with a clear finding (the SDKs would read it)', { timeout: 30_000 }, async () => {
  const h = home((aws) => writeFileSync(join(aws, 'config'), Buffer.alloc(50 * 1024 * 1024, 'a')));
  const f = (await codes(h)).find((x) => x.code === 'config-file-too-large');
  assert.equal(f?.status, 'warn');
  assert.equal(f?.evidence.size, 50 * 1024 * 1024);
});

test('a FIFO in place of the config file does not hang', { timeout: 30_000 }, async () => {
  const h = home((aws) => execFileSync('mkfifo', [join(aws, 'config')]));
  const f = (await codes(h)).find((x) => x.code === 'config-file-unreadable');
  assert.equal(f?.evidence.reason, 'not-a-file');
});

test('a directory in place of the credentials file, and a symlink loop as the config', { timeout: 30_000 }, async () => {
  const h = home((aws) => {
    mkdirSync(join(aws, 'credentials'));
    symlinkSync(join(aws, 'loop-b'), join(aws, 'loop-a'));
    symlinkSync(join(aws, 'loop-a'), join(aws, 'loop-b'));
    symlinkSync(join(aws, 'loop-a'), join(aws, 'config'));
  });
  const unreadable = (await codes(h)).filter((x) => x.code === 'config-file-unreadable');
  assert.deepEqual(unreadable.map((f) => f.evidence.reason).sort(), ['error', 'not-a-file']);
});

test('non-UTF-8 bytes, NUL bytes, BOM and CRLF still parse', { timeout: 30_000 }, async () => {
  const h = home((aws) =>
    writeFileSync(
      join(aws, 'config'),
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('[profile dev]\r\nlogin_session = arn:aws:iam::111122223333:user/a\r\nregion = us-east-1\r\n# '),
        Buffer.from([0xff, 0xfe, 0x00, 0x00]),
        Buffer.from(' junk\r\n'),
      ]),
    ),
  );
  const findings = await codes(h);
  assert.equal(findings.find((f) => f.code === 'profile-selected')?.evidence.kind, 'login');
  assert.ok(findings.some((f) => f.code === 'region-ok'));
});

test('10,000 profiles with --all-profiles', { timeout: 60_000 }, async () => {
  const h = home((aws) => {
    let text = '';
    for (let i = 0; i < 10_000; i++) text += `[profile p${i}]\nregion = us-east-1\n`;
    writeFileSync(join(aws, 'config'), text);
  });
  const findings = await codes(h, ['--all-profiles']);
  assert.equal(findings.find((f) => f.code === 'config-files-ok')?.evidence.profiles, 10_000);
  assert.equal(findings.filter((f) => f.code === 'credential-sources').length, 10_000);
});

test('profile names with escape sequences and right-to-left marks never reach the output raw', { timeout: 30_000 }, async () => {
  const h = home((aws) => writeFileSync(join(aws, 'config'), '[profile ev\u001b]0;pwned\u0007il\u202e]\nlogin_session = arn:aws:iam::1:user/x\n\n[oops\u001b[31m]\nx = 1\n'));
  const { report } = await runJson(['--offline', '--all-profiles'], { home: h });
  const text = JSON.stringify(report);
  assert.ok(!/\\u001b|\u001b|\u202e|\\u0007/.test(text), text);
  assert.ok(report.findings.some((f) => f.code === 'config-bare-section'));
});
