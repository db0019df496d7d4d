import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { getSetting, sessionChain } from '../../src/aws/config.js';
import { consumerFiles, consumerPaths, resolveConsumer } from '../../src/aws/consumer-model.js';
import { selectedProfile } from '../../src/aws/profile-selection.js';
import { loadConfig } from '../../src/checks/aws-config.js';
import { consumersCheck } from '../../src/checks/config/consumers.js';
import { configFilesCheck } from '../../src/checks/config/files.js';
import { fixtureContext } from '../support/context.js';
import { diffCase, readForModel, writeCase } from '../support/oracles/cases.js';

/**
 * The shared reader (src/aws/config.ts) feeds profile selection, the region rule, the cache checks and the live
 * check. Over the differential generator's set-ups (whose consumer model the real consumers confirm), it must
 * read the selected profile as the AWS CLI v2 does (the consumer whose profile order the doctor follows), or a
 * finding must say why the consumers part ways (so no check silently follows a view no consumer has).
 */
const CASES = Number(process.env.LD_DIFF_CASES ?? 80) * 3;

test(`the shared reader's view of the selected profile is the AWS CLI v2's, or a finding explains the difference (${CASES} generated set-ups)`, async () => {
  const cases = fc.sample(diffCase, { numRuns: CASES, seed: 20261212 });
  const silent: string[] = [];
  let same = 0;
  let explained = 0;
  for (const c of cases) {
    const { env, home } = writeCase(c);
    const ctx = fixtureContext({ home, env, cwd: home });
    const { config } = await loadConfig(ctx);
    const name = selectedProfile(env, null).name;
    const data = config.profiles.get(name);
    const chain = sessionChain(config, name);
    const old = {
      profile: name,
      loginSession: data ? (getSetting(data, 'login_session')?.value ?? null) : null,
      ssoSession: data ? (getSetting(data, 'sso_session')?.value ?? null) : null,
      holder: chain.problem ? null : chain.holder,
    };
    const r = resolveConsumer('cli-v2', consumerFiles('cli-v2', consumerPaths('cli-v2', env, home, home), readForModel), env, null);
    // The profile that holds the session, where the CLI resolves a chain to one.
    const settled = r.status === 'ok' && r.source !== 'error' && r.source !== 'env';
    const cli = {
      profile: r.profile,
      loginSession: r.loginSession,
      ssoSession: r.ssoSession,
      holder: settled && r.chainProfiles.length > 0 ? r.chainProfiles.at(-1)! : old.holder,
    };
    if (JSON.stringify(old) === JSON.stringify(cli)) {
      same++;
      continue;
    }
    const codes = new Set<string>([...(await consumersCheck.run(ctx)), ...(await configFilesCheck.run(ctx))].map((f) => f.code));
    const because = ['config-parse-error', 'config-path-env', 'profile-name-unusual', 'config-consumers-disagree', 'credential-chain-broken'].filter((k) => codes.has(k));
    if (because.length) explained++;
    else silent.push(`${JSON.stringify(c)}\n  shared reader ${JSON.stringify(old)}\n  AWS CLI v2    ${JSON.stringify(cli)}\n  findings: ${[...codes].join(', ')}`);
  }
  console.log(`# ${cases.length} set-ups: the shared reader reads the selected profile as the AWS CLI v2 in ${same}; ${explained} differ with a finding that says why; ${silent.length} silently`);
  assert.deepEqual(silent.slice(0, 3), []);
});
