import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CheckReport } from '../../src/engine/runner.js';
import { mdCode, mdParagraph, mdText, renderMarkdownReport } from '../../src/report/markdown.js';
import { runCli } from '../support/cli.js';
import { finding, HOSTILE } from '../support/findings.js';
import { tempHome } from '../support/temp-home.js';
import { leakedSecrets, writeHealthyLoginCache } from '../support/token-fixtures.js';

const ACCOUNT = '987654321098';
const USER = 'zorro-quixote';
const ROLE = 'ZorroDeployRole';
const SECRETS = ['SECRET-xyz-zorro-secret-key-0001', 'SECRET-xyz-zorro-session-token-0002', 'AKIAZORRO1234567890X'];

const fx = tempHome(
  {
    '.aws/config': `[profile dev]\nlogin_session = arn:aws:iam::${ACCOUNT}:user/${USER}\n\n[profile keys]\nregion = eu-west-1\n`,
    '.aws/credentials': `[dev]\naws_access_key_id = ${SECRETS[2]}\naws_secret_access_key = ${SECRETS[0]}\naws_session_token = ${SECRETS[1]}\n`,
  },
  'ld-home-WOMBAT7-',
);
// A real login cache for the session (its secrets are the shared distinctive fakes).
writeHealthyLoginCache(fx.home, `arn:aws:iam::${ACCOUNT}:user/${USER}`);
const env = {
  AWS_PROFILE: 'dev',
  AWS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/${ROLE}`,
  AWS_WEB_IDENTITY_TOKEN_FILE: join(fx.home, 'token'),
  SHELL: join(fx.home, 'bin', 'zsh'),
};

describe('Markdown support report', () => {
  after(fx.cleanup);

  it('report: environment, profile kind and sources, every finding with its fix', async () => {
    const r = await runCli(['report', '--offline'], { home: fx.home, env });
    assert.equal(r.code, 1, r.stderr);
    const md = r.stdout;
    assert.match(md, /^# login-doctor report$/m);
    assert.match(md, /^- login-doctor: \d+\.\d+\.\d+/m);
    assert.match(md, /^- OS: \S+/m);
    assert.match(md, new RegExp(`^- Node\\.js: ${process.version.replace(/\./g, '\\.')}$`, 'm'));
    assert.match(md, /^- Shell: .*zsh$/m);
    assert.match(md, /^- Name: `dev` \(chosen by AWS\\_PROFILE\)$/m);
    assert.match(md, /^- Kind: login$/m);
    assert.match(md, /^  - botocore: web-identity \(AWS\\_ROLE\\_ARN \/ AWS\\_WEB\\_IDENTITY\\_TOKEN\\_FILE\); hides shared-credentials-file, login$/m);
    assert.match(md, /^  - js: static \(.*credentials:2\); hides login, web-identity$/m);
    assert.match(md, /#### ❌ fail · `region-missing` · /);
    assert.match(md, /#### ❌ fail · `static-keys-shadow-login` · /);
    assert.match(md, /#### ⚠️ warn · `web-identity-env-set` · /);
    assert.match(md, /```sh\naws configure set region us-east-1 --profile dev\n```/);
    assert.match(md, /^## Tool versions$/m);
    // Not anonymized: the identifying values are there (so the anonymized test below can fail).
    assert.ok(md.includes(ACCOUNT) && md.includes(ROLE) && md.includes(fx.home));
  });

  it('--markdown is the same report', async () => {
    const r = await runCli(['--markdown', '--offline'], { home: fx.home, env });
    assert.match(r.stdout, /^# login-doctor report$/m);
    assert.equal((await runCli(['--markdown', '--json', '--offline'], { home: fx.home, env })).code, 2);
  });

  it('--anonymize: no account id, user or role name, or home path in any output format', async () => {
    const junit = join(fx.home, 'anon-junit.xml');
    const summary = join(fx.home, 'anon-summary.md');
    const outputs = [
      (await runCli(['report', '--offline', '--anonymize'], { home: fx.home, env })).stdout,
      (await runCli(['--offline', '--anonymize', '--verbose'], { home: fx.home, env })).stdout,
      (await runCli(['--offline', '--anonymize', '--json'], { home: fx.home, env })).stdout,
      (await runCli(['--offline', '--anonymize', '--github', '--junit', junit], { home: fx.home, env: { ...env, GITHUB_STEP_SUMMARY: summary } })).stdout,
    ];
    outputs.push(readFileSync(junit, 'utf8'), readFileSync(summary, 'utf8'));
    for (const out of outputs) {
      for (const value of [ACCOUNT, USER, ROLE, fx.home, 'WOMBAT7']) assert.ok(!out.includes(value), `${value} leaked:\n${out}`);
      assert.deepEqual(leakedSecrets(out), []);
    }
    assert.match(outputs[0]!, /arn:aws:iam::\\<account-1\\>:role\/\\<role-1\\>/);
    assert.match(outputs[2]!, /"AWS_ROLE_ARN": "arn:aws:iam::<account-1>:role\/<role-1>"/);
    assert.match(outputs[0]!, /^- Anonymized: yes$/m);
  });

  it('no secret appears in any report format', async () => {
    const junit = join(fx.home, 'junit.xml');
    const outputs = [
      (await runCli(['report', '--offline'], { home: fx.home, env })).stdout,
      (await runCli(['--offline', '--verbose'], { home: fx.home, env })).stdout,
      (await runCli(['--offline', '--json'], { home: fx.home, env })).stdout,
      (await runCli(['--offline', '--github', '--junit', junit], { home: fx.home, env })).stdout,
    ];
    outputs.push(readFileSync(junit, 'utf8'));
    for (const out of outputs) {
      for (const s of SECRETS) assert.ok(!out.includes(s), `${s} leaked`);
      assert.deepEqual(leakedSecrets(out), []);
    }
    assert.match(outputs[0]!, /caches\.login/, 'the cache check ran on the fixture');
  });
});

describe('Markdown rendering', () => {
  it('tool versions come from the evidence of tools/project checks, generically', () => {
    const results: CheckReport[] = [
      {
        check: { id: 'tools.python', title: 'Python', category: 'tools' },
        durationMs: 1,
        findings: [finding({ check: 'tools.python', code: 'python-awscrt-missing', title: '/usr/bin/python3: no awscrt', evidence: { python: '/usr/bin/python3', versions: { botocore: '1.43.11', awscrt: null }, paths: ['/a', '/b'] } })],
      },
    ];
    const md = renderMarkdownReport(results, { version: '0.1.0', generatedAt: new Date(0), os: 'Linux', node: 'v20', shell: 'bash', profile: 'dev', anonymized: false });
    assert.match(md, /## Tool versions\n\n### \/usr\/bin\/python3: no awscrt/);
    assert.match(md, /\| versions\.botocore \| 1\.43\.11 \|/);
    assert.match(md, /\| versions\.awscrt \| null \|/);
    assert.match(md, /\| paths \| \/a, \/b \|/);
  });

  it('hostile text cannot create markup, break a table or close a code fence', () => {
    const t = mdText(HOSTILE);
    assert.doesNotMatch(t, /(?<!\\)[|<>`[\]]/);
    assert.doesNotMatch(t, /[\r\n\u0000\u001b]/);
    assert.equal(mdParagraph('# heading\n1. item\n- x'), '\\# heading  \n1\\. item  \n\\- x');
    assert.equal(mdText('version 0.1.0'), 'version 0.1.0');
    const block = mdCode(['echo ```` oops']);
    assert.ok(block.startsWith('`````\n') && block.endsWith('\n`````'));
  });
});
