// The same cause has the same severity with --offline and online: the live checks add findings, they never change
// what an offline check concluded. Every fixture HOME, online against the local fake AWS.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Finding } from '../../src/engine/finding.js';
import { FIXTURES, fixtureHome, runJson } from '../support/cli.js';
import { FakeAws } from '../support/fake-aws.js';

/** The implicit default profile, and dev where the fixture has one. */
function profileRuns(home: string): string[][] {
  let config = '';
  try {
    config = readFileSync(`${home}/.aws/config`, 'utf8');
  } catch {
    // No config file: the default profile only.
  }
  return /^\[profile dev\]/m.test(config) ? [[], ['--profile', 'dev']] : [[]];
}

const failing = (f: Finding) => f.status === 'fail' || f.status === 'warn';

const key = (f: Finding) => `${f.check} ${f.code} ${f.title}`;

describe('severity does not depend on --offline', () => {
  const fake = new FakeAws();
  before(() => fake.start());
  after(() => fake.stop());

  for (const name of readdirSync(`${FIXTURES}homes`)) {
    const home = fixtureHome(name);
    for (const profile of profileRuns(home)) {
      it(`fixture ${name} ${profile.join(' ') || '(default profile)'}: same status for the same finding, and no new failure for a cause offline already reported`, async () => {
        const args = [...profile, '--skip', 'tools,project'];
        const env = fake.env();
        const offline = (await runJson(['--offline', ...args], { home, env })).report.findings;
        const online = (await runJson(args, { home, env })).report.findings;
        const onlineByKey = new Map(online.map((f) => [key(f), f]));
        const differ = offline
          .filter((f) => f.check !== 'live.sts')
          .map((f) => [f, onlineByKey.get(key(f))] as const)
          .filter(([a, b]) => b && (a.status !== b.status || a.causedBy?.code !== b.causedBy?.code))
          .map(([a, b]) => `${key(a)}: offline ${a.status}${a.causedBy ? ` (caused by ${a.causedBy.code})` : ''}, online ${b!.status}${b!.causedBy ? ` (caused by ${b!.causedBy.code})` : ''}`);
        assert.deepEqual(differ, []);
        const onlineCodes = new Set(online.map((f) => `${f.check} ${f.code}`));
        assert.deepEqual(offline.filter((f) => f.check !== 'live.sts' && !onlineCodes.has(`${f.check} ${f.code}`)).map(key), []);
        // What the live check adds counts only when offline could not know it: a defined profile without credential
        // settings, whose only source is instance metadata, which only a call can test.
        const added = online
          .filter((f) => f.check === 'live.sts' && failing(f))
          .filter((f) => !(f.code === 'sts-credentials-failed' && f.evidence.profileKind === 'none' && offline.some((o) => o.code === 'profile-selected')));
        assert.deepEqual(added.map(key), []);
      });
    }
  }
});
