import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CHECKS } from '../../src/checks/registry.js';
import { buildProgram, main } from '../../src/cli/main.js';
import { ERROR_SIGNATURES } from '../../src/knowledge/error-signatures.js';
import { runCli } from '../support/cli.js';
import { memoryIo } from '../support/io.js';
import { SAMPLES } from '../knowledge/error-samples.js';

interface ExplainJson {
  schemaVersion: number;
  matches: Array<{ id: string; code: string; refreshCode: string | null; cause: string; fix: { text: string; commands: string[] }; command: string; source: string }>;
}

const COMMANDS = buildProgram(memoryIo(), () => {}).commands.map((c) => c.name());

/** What explain must suggest: a registered check by id, the refresh test if this build has it, else a full run. */
function expectedCommand(check: string): string {
  if (check === 'refresh-test') return COMMANDS.includes('refresh-test') ? 'login-doctor refresh-test' : 'login-doctor';
  return CHECKS.some((c) => c.id === check) ? `login-doctor --only ${check}` : 'login-doctor';
}

describe('login-doctor explain, every known text (in process)', () => {
  for (const [text, id] of SAMPLES) {
    it(`${id}: ${text.slice(0, 70)}`, async () => {
      const io = memoryIo();
      const code = await main(['explain', '--json', text], io);
      assert.equal(code, 0, io.stderr);
      const out = JSON.parse(io.stdout) as ExplainJson;
      const sig = ERROR_SIGNATURES.find((s) => s.id === id)!;
      const first = out.matches[0]!;
      assert.equal(first.id, id);
      assert.equal(first.code, sig.code);
      assert.equal(first.refreshCode, sig.refreshCode ?? null);
      assert.equal(first.fix.text, sig.fix.text);
      assert.equal(first.source, sig.source);
      assert.equal(first.command, expectedCommand(sig.check));
    });
  }

  it('pretty output names the code, cause, fix and the check to run', async () => {
    const io = memoryIo();
    assert.equal(await main(['explain', '--no-color', 'botocore.exceptions.NoRegionError: You must specify a region.'], io), 0);
    assert.match(io.stdout, /region-missing/);
    assert.match(io.stdout, /Cause: The refresh call to AWS Sign-In needs a region/);
    assert.match(io.stdout, /\$ aws configure set region us-east-1/);
    assert.match(io.stdout, /Confirm on this machine: login-doctor --only config\.region/);
    assert.match(io.stdout, /Refresh test result: refresh-no-region/);
  });

  it('reads stdin when no text is given', async () => {
    const io = memoryIo({ stdin: "Traceback...\nAttributeError: type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'\n" });
    assert.equal(await main(['explain', '--json'], io), 0);
    assert.equal((JSON.parse(io.stdout) as ExplainJson).matches[0]!.code, 'python-awscrt-no-padded-signature');
  });

  it('unknown text: says so and exits 1', async () => {
    const io = memoryIo();
    assert.equal(await main(['explain', '--no-color', 'npm ERR! code ERESOLVE'], io), 1);
    assert.match(io.stdout, /does not recognise this error/);
  });

  it('empty input is a usage error', async () => {
    const io = memoryIo({ stdin: '  \n' });
    assert.equal(await main(['explain'], io), 2);
    assert.match(io.stderr, /needs the error text/);
  });

  it('terminal escapes in pasted text never reach the output', async () => {
    const io = memoryIo();
    await main(['explain', '--no-color', 'Failed to load token from /x\u001b]0;pwned\u0007.json: SyntaxError: bad'], io);
    assert.doesNotMatch(io.stdout, /\u001b|\u0007/);
  });
});

describe('login-doctor explain, as a user runs it', () => {
  let home: string;
  before(() => {
    home = '/nonexistent-home-for-explain';
  });

  it('argument text: exit 0 and the finding code', async () => {
    const r = await runCli(['explain', 'CredentialsProviderError: Could not load credentials from any providers'], { home, cwd: '/' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /js-sdk-no-login/);
  });

  it('stdin text, JSON', async () => {
    const r = await runCli(['explain', '--json'], { home, cwd: '/', input: 'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as ExplainJson).matches[0]!.code, 'sts-expired-token');
  });

  it('unknown text: exit 1', async () => {
    const r = await runCli(['explain', 'something entirely different'], { home, cwd: '/' });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /does not recognise/);
  });
});

describe('login-doctor explain --anonymize', () => {
  it('hides the session ARN quoted from the pasted text', async () => {
    const io = memoryIo();
    const text = "Error loading login session token: Unable to load a existing login session for session arn:aws:iam::987654321098:user/zorro-quixote. Please reauthenticate with 'aws login'.";
    assert.equal(await main(['explain', '--json', '--anonymize', text], io), 0);
    assert.ok(!io.stdout.includes('987654321098') && !io.stdout.includes('zorro-quixote'), io.stdout);
    assert.match(io.stdout, /arn:aws:iam::<account-1>:user\/<user-1>/);
  });
});
