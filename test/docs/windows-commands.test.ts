import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { moveAsideCommand, reclaimCommands, windowsAclReport } from '../../src/checks/caches/file-safety.js';
import { cliUpdateCommands } from '../../src/knowledge/aws-cli-install.js';
import { prependPath, removeFiles, setEnv, unsetEnv } from '../../src/knowledge/shell.js';
import { clockFix } from '../../src/knowledge/sts.js';
import { fixtureContext } from '../support/context.js';
import { REPO_ROOT } from '../support/cli.js';
import { readPowerShellSingleQuoted } from '../support/windows-shells.js';

const doc = readFileSync(join(REPO_ROOT, 'docs', 'findings.md'), 'utf8');
const sections = doc.split(/^## /m).slice(1).map((s) => ({ code: s.slice(0, s.indexOf('\n')), spans: [...s.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!) }));
const POWERSHELL = /\$env:|Env:|-LiteralPath|^icacls |^takeown |^w32tm |^msiexec/;
const win = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', env: { HOME: undefined } });

/** The command login-doctor itself would print for the values a documented PowerShell line names. */
async function regenerate(line: string): Promise<string | null> {
  let m = /^\$env:Path = (.+) \+ \$env:Path$/.exec(line);
  if (m) return prependPath('win32', readPowerShellSingleQuoted(m[1]!).value.replace(/;$/, ''));
  m = /^\$env:(\w+) = (.+)$/.exec(line);
  if (m) return setEnv('win32', m[1]!, readPowerShellSingleQuoted(m[2]!).value);
  if (/^Remove-Item Env:/.test(line)) return unsetEnv('win32', [...line.matchAll(/Env:(\w+)/g)].map((x) => x[1]!));
  m = /^Remove-Item -LiteralPath (.+)$/.exec(line);
  if (m) return removeFiles('powershell', m[1]!.split(', ').map((q) => readPowerShellSingleQuoted(q).value));
  // Programs whose switches need no quoting in PowerShell or cmd.exe (Git Bash gets a prefix, tested with the fixes).
  if (/^w32tm /.test(line)) return clockFix('win32', {}).commands[0]!;
  if (/^msiexec/.test(line)) return cliUpdateCommands('installer', { platform: 'win32', env: {} }, 'x64')[0]!;
  m = /^Move-Item -Force -LiteralPath (.+)$/.exec(line);
  if (m) return moveAsideCommand(win, readPowerShellSingleQuoted(m[1]!).value);
  m = /^(?:takeown \/f|icacls) ('.+?'(?!')) \/grant:r/.exec(line) ?? /^takeown \/f (.+)$/.exec(line);
  if (m) return reclaimCommands(win, readPowerShellSingleQuoted(m[1]!).value).find((c) => c.split(' ')[0] === line.split(' ')[0]) ?? null;
  m = /^icacls (.+)$/.exec(line);
  if (m) {
    const file = readPowerShellSingleQuoted(m[1]!).value;
    const icacls = `${file} BUILTIN\\Users:(I)(RX)\r\n\r\nSuccessfully processed 1 files; Failed processing 0 files\r\n`;
    const ctx = fixtureContext({ home: 'C:\\Users\\alice', platform: 'win32', uid: null, env: { HOME: undefined }, spawn: async () => ({ exitCode: 0, signal: null, stdout: icacls, stderr: '', timedOut: false, truncated: false, error: null, durationMs: 1 }) });
    return (await windowsAclReport(ctx, file))?.commands[0] ?? null;
  }
  return null;
}

describe('Windows fix commands in docs/findings.md', () => {
  it('each PowerShell line is exactly what login-doctor prints for it (so it follows the tested quoting rules)', async () => {
    const lines = sections.flatMap((s) => s.spans.filter((span) => POWERSHELL.test(span)).map((span) => ({ code: s.code, span })));
    assert.ok(lines.length >= 8, `only ${lines.length} PowerShell lines found`);
    for (const { code, span } of lines) assert.equal(await regenerate(span), span, `${code}: ${span}`);
  });

  it('every section with a POSIX environment (unset, export), move or mode command also shows the PowerShell form', () => {
    for (const s of sections) {
      const posix = s.spans.filter((span) => /^(unset |export |mv |chmod )/.test(span));
      if (!posix.length) continue;
      const kinds = new Set(posix.map((p) => p.split(' ')[0]));
      if (kinds.has('export')) assert.ok(s.spans.some((x) => /^\$env:|^Remove-Item Env:/.test(x)), `${s.code}: no PowerShell form of ${posix.join(', ')}`);
      if (kinds.has('unset')) assert.ok(s.spans.some((x) => x.startsWith('Remove-Item Env:')), `${s.code}: no PowerShell form of ${posix.join(', ')}`);
      if (kinds.has('mv')) assert.ok(s.spans.some((x) => x.startsWith('Move-Item ')), `${s.code}: no Move-Item for ${posix.join(', ')}`);
      if (kinds.has('chmod')) assert.ok(s.spans.some((x) => x.startsWith('icacls ')), `${s.code}: no icacls for ${posix.join(', ')}`);
    }
  });
});
