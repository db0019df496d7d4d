import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeCheck } from '../../../src/checks/environment/node.js';
import { nodeSupport } from '../../../src/knowledge/node-releases.js';
import { fixtureContext } from '../../support/context.js';

async function run(nodeVersion: string, now: string) {
  return nodeCheck.run(fixtureContext({ home: '/nonexistent', nodeVersion, now: new Date(now) }));
}

describe('environment.node', () => {
  it('node-end-of-life: info with the fix on a Node past its end-of-life date, and the SDK floor', async () => {
    const [f, ...rest] = await run('v20.20.2', '2026-11-30T12:00:00Z');
    assert.equal(rest.length, 0);
    assert.equal(f!.code, 'node-end-of-life');
    assert.equal(f!.status, 'info');
    assert.match(f!.title, /v20\.20\.2 reached end of life on 2026-04-30/);
    assert.match(f!.detail!, /require Node\.js 22 or later/);
    assert.match(f!.fix!.text, /supported Node\.js LTS release \(22 or later\)/);
    assert.equal(f!.evidence!.endOfLife, '2026-04-30');
  });

  it('node-ok before the end-of-life date; still says the SDK floor on Node 20', async () => {
    const [f] = await run('v20.20.2', '2026-04-29T23:59:59Z');
    assert.equal(f!.code, 'node-ok');
    assert.equal(f!.status, 'pass');
    assert.match(f!.title, /supported until 2026-04-30/);
    assert.match(f!.detail!, /require Node\.js 22/);
  });

  it('node-ok on Node 22 without the SDK note; an unknown newer major passes without a date', async () => {
    const [ok] = await run('v22.12.0', '2026-11-30T12:00:00Z');
    assert.equal(ok!.code, 'node-ok');
    assert.doesNotMatch(ok!.detail!, /require/);
    const [future] = await run('v31.0.0', '2030-01-01T00:00:00Z');
    assert.equal(future!.code, 'node-ok');
    assert.match(future!.title, /no end-of-life date known/);
    assert.equal(future!.evidence!.endOfLife, null);
  });

  it('nodeSupport turns on the end-of-life day itself', () => {
    assert.equal(nodeSupport('v18.0.0', new Date('2025-04-30T00:00:00Z')).kind, 'end-of-life');
    assert.equal(nodeSupport('v18.0.0', new Date('2025-04-29T23:59:59Z')).kind, 'supported');
  });
});
