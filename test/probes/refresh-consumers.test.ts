import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SpawnResult } from '../../src/engine/context.js';
import { runCliConsumer, runPythonConsumer, type ConsumerEnv } from '../../src/probes/refresh-consumers.js';

function env(stdout: string, exitCode = 0): ConsumerEnv {
  const result: SpawnResult = { exitCode, signal: null, stdout, stderr: '', timedOut: false, truncated: false, error: null, durationMs: 5 };
  return { env: {}, profile: 'dev', token: 'login', stsRegion: 'us-east-1', timeoutMs: 1000, spawn: async () => result, abort: new AbortController().signal };
}

describe('refresh consumer replies are validated, not cast', () => {
  it('a Python reply that is not a JSON object is quoted as the error, never read as success', async () => {
    for (const line of ['5', '[1]', 'null', '"ok"', 'not json']) {
      const run = await runPythonConsumer('/p/python', env(`noise\n${line}\n`));
      assert.equal(run.stsOk, false, line);
      assert.equal(run.errorText, `printed no report; its last line: ${line}`);
    }
    const good = await runPythonConsumer('/p/python', env('{"ok": true, "accessKeyId": "ASIAX", "arn": "arn:aws:iam::1:user/a", "botocore": 7}\n'));
    assert.deepEqual([good.stsOk, good.errorText, good.accessKeyId, good.botocore], [true, null, 'ASIAX', null]);
  });

  it('an aws reply with exit 0 but no identity object is a failure naming what it printed', async () => {
    for (const out of ['5', '{"Account": "1"}', '[]', '']) {
      const run = await runCliConsumer('/bin/aws', env(out));
      assert.equal(run.stsOk, false, out);
      assert.equal(run.errorText, `exit 0 without an identity; it printed: ${out || 'nothing'}`);
    }
    const good = await runCliConsumer('/bin/aws', env('{"Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/a"}'));
    assert.deepEqual([good.stsOk, good.account, good.arn], [true, '123456789012', 'arn:aws:iam::123456789012:user/a']);
  });
});
