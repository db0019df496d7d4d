import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { consumerFiles, consumerPaths, resolveConsumer } from '../../src/aws/consumer-model.js';
import { loginCachePaths, resolvedLoginCacheDirs } from '../../src/aws/login-cache.js';
import type { Consumer } from '../../src/aws/profile-selection.js';
import { awsCliV2Peer, awsCliV2PeerMissing } from '../support/aws-cli-v2-peer.js';
import { diffCase, readForModel, writeCase, type DiffCase } from '../support/oracles/cases.js';
import { JsOracle, type OracleAnswer } from '../support/oracles/js-oracle.js';
import { DISAGREEMENTS } from './consumer-model.fixtures.js';

/**
 * The doctor's model of each consumer against the consumers themselves: pip botocore (pyenv python3), the
 * real AWS CLI v2 2.36.7 (its own driver session, batched through its Python entry point) and the JS SDK
 * from node_modules. Every case the generator ever found a disagreement on is kept in DISAGREEMENTS.
 */
const CASES = Number(process.env.LD_DIFF_CASES ?? 80);
const SEED = Number(process.env.LD_DIFF_SEED ?? 20261130);
const ORACLE = fileURLToPath(new URL('../support/oracles/botocore_oracle.py', import.meta.url));
const CI = process.env.CI === 'true';

type Compared = Pick<OracleAnswer, 'profile' | 'status' | 'source' | 'chain' | 'loginSession' | 'ssoSession' | 'region' | 'loginCacheDir'>;

function model(consumer: Consumer, env: Record<string, string>, home: string): Compared {
  const f = consumerFiles(consumer, consumerPaths(consumer, env, home, home), readForModel);
  // pip botocore here has no awscrt: its login provider refuses before it reads the cache.
  if (consumer !== 'botocore') f.loginCacheExists = (session) => existsSync(loginCachePaths(session, env, home, 'linux', home)[consumer === 'js' ? 'jsFile' : 'botocoreFile']);
  const r = resolveConsumer(consumer, f, env, null);
  // A consumer that fails before it picks a profile reports nothing else.
  const failed = r.status !== 'ok' && r.source === null;
  const dirs = resolvedLoginCacheDirs(env, home, 'linux', home);
  // The JS SDK shows its folder only when its login provider opens a token file there.
  const jsReads = r.chain.at(-1) === 'login' || (r.error ?? '').startsWith('Failed to load a token for session');
  return {
    loginCacheDir: consumer === 'js' ? (jsReads ? dirs.js : null) : dirs.botocore,
    profile: r.status === 'parse-error' || (consumer !== 'js' && r.profileFrom === 'default') ? null : r.profile,
    status: consumer === 'js' && r.status !== 'ok' ? 'error' : r.status,
    source: failed ? null : r.source,
    chain: r.chain,
    loginSession: failed ? null : r.loginSession,
    ssoSession: failed ? null : r.ssoSession,
    region: failed ? null : r.region,
  };
}

function pick(a: OracleAnswer): Compared {
  // The CLI v2 fails on a broken file before it names the profile; pip botocore names it first.
  return { profile: a.status === 'parse-error' ? null : a.profile, status: a.status, source: a.source, chain: a.chain, loginSession: a.loginSession, ssoSession: a.ssoSession, region: a.region, loginCacheDir: a.loginCacheDir };
}

async function python(consumer: 'botocore' | 'cli-v2', cases: Array<{ env: Record<string, string>; cwd: string; list: boolean }>): Promise<OracleAnswer[] | string> {
  if (consumer === 'cli-v2') {
    const missing = await awsCliV2PeerMissing();
    if (missing) return missing;
  }
  const lib = consumer === 'cli-v2' ? (await awsCliV2Peer('2.36.7')).lib : null;
  const [cmd, args] = consumer === 'cli-v2' ? ['/usr/bin/python3', ['-I', ORACLE, 'cli-v2', lib!]] : ['python3', [ORACLE, 'pip']];
  return new Promise((resolve) => {
    const child = spawn(cmd, args as string[], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => resolve(`${cmd} failed: ${e.message}`));
    child.on('close', (code) => resolve(code === 0 ? (JSON.parse(out) as OracleAnswer[]) : `${cmd} failed: ${err.slice(-2000)}`));
    child.stdin.end(JSON.stringify(cases));
  });
}

const LISTED = new Set(['login', 'config-file', 'shared-credentials-file', 'custom-process', 'env', 'none']);

/** `aws configure list` of the real AWS CLI v2 must show what the model predicts: the failure, the region, the source. */
function checkConfigureList(m: Compared, list: NonNullable<OracleAnswer['configureList']>) {
  if (m.status === 'parse-error' || m.status === 'profile-not-found') return assert.notEqual(list.rc, 0);
  if (m.status !== 'ok' || !LISTED.has(m.source ?? '')) return;
  assert.equal(list.rc, 0);
  assert.equal(list.rows.region?.value, m.region ?? '<not set>');
  const key = list.rows.access_key;
  if (m.source === 'none') assert.ok(!key || key.value === '<not set>');
  else assert.equal(key?.type, m.source);
}

const js = new JsOracle();
before(() => js.start());
after(() => js.stop());

/** `listEvery`: run the real `aws configure list` (slow: a whole CLI start) on every n-th case. */
async function compare(label: string, cases: DiffCase[], listEvery: number) {
  const written = cases.map((c) => writeCase(c));
  const batch = written.map((w, i) => ({ env: w.env, cwd: w.home, list: i % listEvery === 0 }));
  const answers: Partial<Record<Consumer, OracleAnswer[]>> = {};
  const timing: string[] = [];
  // Both Python oracles run while the JS SDK answers in this process.
  const started = performance.now();
  const pending = (['botocore', 'cli-v2'] as const).map(async (consumer) => {
    const got = await python(consumer, batch);
    timing.push(`${consumer} ${Math.round(performance.now() - started)} ms`);
    return [consumer, got] as const;
  });
  answers.js = [];
  const jsStarted = performance.now();
  for (const w of written) answers.js.push(await js.ask(w.env, w.home));
  timing.push(`js ${Math.round(performance.now() - jsStarted)} ms`);
  for (const [consumer, got] of await Promise.all(pending)) {
    if (typeof got === 'string') {
      assert.ok(!CI, `${consumer} oracle unavailable under CI: ${got}`);
      console.log(`# ${label}: ${consumer} oracle skipped: ${got}`);
    } else answers[consumer] = got;
  }
  const disagreements: string[] = [];
  let compared = 0;
  for (const consumer of ['botocore', 'cli-v2', 'js'] as const) {
    const list = answers[consumer];
    if (!list) continue;
    list.forEach((answer, i) => {
      compared++;
      const want = pick(answer);
      const got = model(consumer, written[i]!.env, written[i]!.home);
      try {
        assert.deepEqual(got, want);
        if (answer.configureList) checkConfigureList(got, answer.configureList);
      } catch (e) {
        const list = answer.configureList ? `\n  aws configure list: ${JSON.stringify(answer.configureList)} (${(e as Error).message.split('\n')[0]})` : '';
        disagreements.push(
          `${consumer} on case ${cases[i]!.name} ${JSON.stringify({ ...cases[i], name: undefined })}\n  real:  ${JSON.stringify(want)} ${answer.error ?? ''}\n  model: ${JSON.stringify(got)}${list}`,
        );
      }
    });
  }
  if (process.env.LD_DIFF_REPORT) writeFileSync(`${process.env.LD_DIFF_REPORT}.${label}`, disagreements.join('\n'));
  const outcomes = new Map<string, number>();
  for (const list of Object.values(answers)) for (const a of list) outcomes.set(a.source ?? a.status, (outcomes.get(a.source ?? a.status) ?? 0) + 1);
  const listed = answers['cli-v2']?.filter((a) => a.configureList).length ?? 0;
  console.log(`# ${label}: ${compared} consumer resolutions compared over ${cases.length} cases (${listed} also through the real \`aws configure list\`), ${disagreements.length} disagreements`);
  console.log(`# ${label} oracle time: ${timing.join(', ')}`);
  console.log(`# ${label} outcomes: ${[...outcomes].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  assert.deepEqual(disagreements.slice(0, 4), []);
}

test('every disagreement found so far, as named fixtures', async () => {
  await compare('fixtures', DISAGREEMENTS, 1);
});

test(`generated setups (${CASES} cases, seed ${SEED}): the model agrees with pip botocore, the AWS CLI v2 and the JS SDK`, async () => {
  const cases = fc.sample(diffCase, { numRuns: CASES, seed: SEED }).map((c, i) => ({ ...c, name: `generated-${i}` }));
  await compare('generated', cases, 4);
});
