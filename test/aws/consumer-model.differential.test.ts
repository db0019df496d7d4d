import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { consumerFiles, consumerPaths, invalidUtf8Line, resolveConsumer, type FileContent } from '../../src/aws/consumer-model.js';
import { loginCachePaths } from '../../src/aws/login-cache.js';
import type { Consumer } from '../../src/aws/profile-selection.js';
import { awsCliV2Lib } from '../helpers/peers.js';
import { diffCase, writeCase, type DiffCase } from '../support/oracles/cases.js';
import { JsOracle, type OracleAnswer } from '../support/oracles/js-oracle.js';
import { DISAGREEMENTS } from './consumer-model.fixtures.js';

/**
 * The doctor's model of each consumer against the consumers themselves: pip botocore (pyenv python3), the
 * real AWS CLI v2 2.36.7 (its own driver session, batched through its Python entry point) and the JS SDK
 * from node_modules. Every case the generator ever found a disagreement on is kept in DISAGREEMENTS.
 */
const CASES = Number(process.env.LD_DIFF_CASES ?? 120);
const SEED = Number(process.env.LD_DIFF_SEED ?? 20261130);
const ORACLE = fileURLToPath(new URL('../support/oracles/botocore_oracle.py', import.meta.url));
const CI = process.env.CI === 'true';

function read(path: string): FileContent {
  try {
    if (!statSync(path).isFile()) return { kind: 'absent' };
    const text = readFileSync(path).toString('utf8');
    return { kind: 'text', text, invalidUtf8Line: invalidUtf8Line(text) };
  } catch {
    return { kind: 'absent' };
  }
}

type Compared = Pick<OracleAnswer, 'profile' | 'status' | 'source' | 'chain' | 'loginSession' | 'ssoSession' | 'region'>;

function model(consumer: Consumer, env: Record<string, string>, home: string): Compared {
  const f = consumerFiles(consumer, consumerPaths(consumer, env, home, home), read);
  // pip botocore here has no awscrt: its login provider refuses before it reads the cache.
  if (consumer !== 'botocore') f.loginCacheExists = (session) => existsSync(loginCachePaths(session, env, home, 'linux', home)[consumer === 'js' ? 'jsFile' : 'botocoreFile']);
  const r = resolveConsumer(consumer, f, env, null);
  // A consumer that fails before it picks a profile reports nothing else.
  const failed = r.status !== 'ok' && r.source === null;
  return {
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
  return { profile: a.status === 'parse-error' ? null : a.profile, status: a.status, source: a.source, chain: a.chain, loginSession: a.loginSession, ssoSession: a.ssoSession, region: a.region };
}

function python(consumer: 'botocore' | 'cli-v2', cases: Array<{ env: Record<string, string>; cwd: string }>): OracleAnswer[] | string {
  const lib = consumer === 'cli-v2' ? awsCliV2Lib('2.36.7') : null;
  if (consumer === 'cli-v2' && !lib) return 'the AWS CLI v2 2.36.7 peer tree (shared/peers/aws-cli-v2) or /usr/bin/python3 is missing';
  const [cmd, args] = consumer === 'cli-v2' ? ['/usr/bin/python3', ['-I', ORACLE, 'cli-v2', lib!]] : ['python3', [ORACLE, 'pip']];
  const r = spawnSync(cmd, args as string[], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  if (r.status !== 0) return `${cmd} failed: ${r.error?.message ?? r.stderr.slice(-2000)}`;
  return JSON.parse(r.stdout) as OracleAnswer[];
}

const js = new JsOracle();
before(() => js.start());
after(() => js.stop());

async function compare(label: string, cases: DiffCase[]) {
  const written = cases.map((c) => writeCase(c));
  const batch = written.map((w) => ({ env: w.env, cwd: w.home }));
  const answers: Partial<Record<Consumer, OracleAnswer[]>> = {};
  for (const consumer of ['botocore', 'cli-v2'] as const) {
    const got = python(consumer, batch);
    if (typeof got === 'string') {
      assert.ok(!CI, `${consumer} oracle unavailable under CI: ${got}`);
      console.log(`# ${label}: ${consumer} oracle skipped: ${got}`);
    } else answers[consumer] = got;
  }
  answers.js = [];
  for (const w of written) answers.js.push(await js.ask(w.env, w.home));
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
      } catch {
        disagreements.push(
          `${consumer} on case ${cases[i]!.name} ${JSON.stringify({ ...cases[i], name: undefined })}\n  real:  ${JSON.stringify(want)} ${answer.error ?? ''}\n  model: ${JSON.stringify(got)}`,
        );
      }
    });
  }
  if (process.env.LD_DIFF_REPORT) writeFileSync(process.env.LD_DIFF_REPORT, disagreements.join('\n'));
  if (process.env.LD_DIFF_REPORT) writeFileSync(process.env.LD_DIFF_REPORT, disagreements.join('\n'));
  const outcomes = new Map<string, number>();
  for (const list of Object.values(answers)) for (const a of list) outcomes.set(a.source ?? a.status, (outcomes.get(a.source ?? a.status) ?? 0) + 1);
  console.log(`# ${label}: ${compared} consumer resolutions compared over ${cases.length} cases, ${disagreements.length} disagreements`);
  console.log(`# ${label} outcomes: ${[...outcomes].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  assert.deepEqual(disagreements.slice(0, 4), []);
}

test('every disagreement found so far, as named fixtures', async () => {
  await compare('fixtures', DISAGREEMENTS);
});

test(`generated setups (${CASES} cases, seed ${SEED}): the model agrees with pip botocore, the AWS CLI v2 and the JS SDK`, async () => {
  const cases = fc.sample(diffCase, { numRuns: CASES, seed: SEED }).map((c, i) => ({ ...c, name: `generated-${i}` }));
  await compare('generated', cases);
});
