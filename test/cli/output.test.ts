import assert from 'node:assert/strict';
import { it } from 'node:test';
import { emitReport } from '../../src/cli/output.js';
import { fixtureContext } from '../support/context.js';
import { memoryIo } from '../support/io.js';

/** The Shell line of the Markdown support report for a context. */
async function shellLine(platform: NodeJS.Platform, env: Record<string, string>): Promise<string> {
  const io = memoryIo();
  await emitReport([], fixtureContext({ home: '/nonexistent-home', platform, env }), { markdown: true, ci: false, profile: 'dev' }, io);
  return /^- Shell: (.*)$/m.exec(io.stdout)![1]!;
}

// cmd.exe inherits the machine-wide PSModulePath too: the report names the shell the printed fixes are written for.
it('the support report names the shell the fix commands are written for', async () => {
  const machineModules = 'C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules';
  const userModules = `C:\\Users\\alice\\Documents\\WindowsPowerShell\\Modules;${machineModules}`;
  const comspec = 'C:\\WINDOWS\\system32\\cmd.exe';
  assert.equal(await shellLine('win32', { ComSpec: comspec, PROMPT: '$P$G', PSModulePath: machineModules }), 'cmd.exe');
  assert.equal(await shellLine('win32', { ComSpec: comspec, PSModulePath: userModules }), 'PowerShell');
  assert.equal(await shellLine('win32', { ComSpec: comspec, MSYSTEM: 'MINGW64', SHELL: '/usr/bin/bash' }), '/usr/bin/bash');
  // A SHELL the fix commands are not written for is not named.
  assert.equal(await shellLine('win32', { ComSpec: comspec, SHELL: 'C:\\tools\\fish.exe', PSModulePath: userModules }), 'PowerShell');
  assert.equal(await shellLine('darwin', { SHELL: '/bin/zsh' }), '/bin/zsh');
  assert.equal(await shellLine('linux', {}), 'unknown');
});
