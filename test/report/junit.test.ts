import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CheckReport } from '../../src/engine/runner.js';
import { renderJunit, xmlText } from '../../src/report/junit.js';
import { runCli } from '../support/cli.js';
import { finding, HOSTILE } from '../support/findings.js';
import { tempHome } from '../support/temp-home.js';
import { writeHealthyLoginCache } from '../support/token-fixtures.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'testcase' });

interface Case {
  '@name': string;
  '@classname': string;
  failure?: { '#text': string; '@message': string; '@type': string };
  skipped?: { '@message': string } | string;
  'system-out'?: string;
}

function parse(xml: string): { suites: Record<string, string>; cases: Case[] } {
  const valid = XMLValidator.validate(xml);
  assert.equal(valid, true, JSON.stringify(valid));
  const doc = parser.parse(xml) as { testsuites: Record<string, string> & { testsuite: { testcase: Case[] } } };
  return { suites: doc.testsuites, cases: doc.testsuites.testsuite.testcase };
}

function result(id: string, findings: CheckReport['findings']): CheckReport {
  return { check: { id, title: `Title of ${id}`, category: 'config' }, findings, durationMs: 12 };
}

describe('JUnit XML', () => {
  it('one testcase per check: failure with detail and fix, skipped marked, pass empty', () => {
    const xml = renderJunit(
      [
        result('config.region', [finding()]),
        result('live.sts', [finding({ status: 'skip', code: 'network-unreachable', title: 'offline' })]),
        result('config.files', [finding({ status: 'pass', code: 'config-files-ok' })]),
        result('config.sources', [finding({ status: 'warn', code: 'env-keys-shadow-profile', title: 'keys hide profile' })]),
      ],
      { strict: false, generatedAt: new Date('2026-01-05T07:00:00Z'), version: '0.1.0' },
    );
    const { suites, cases } = parse(xml);
    assert.equal(suites['@tests'], '4');
    assert.equal(suites['@failures'], '1');
    assert.equal(suites['@skipped'], '1');
    assert.equal(cases.length, 4);
    assert.equal(cases[0]!['@name'], 'config.region: Title of config.region');
    assert.equal(cases[0]!.failure!['@type'], 'region-missing');
    assert.match(cases[0]!.failure!['#text'], /The refresh needs a region\.\nFix: Set the region\.\n  \$ aws configure set region us-east-1 --profile dev/);
    assert.ok(cases[1]!.skipped !== undefined);
    assert.equal(cases[2]!.failure, undefined);
    assert.equal(cases[3]!.failure, undefined);
    assert.match(String(cases[3]!['system-out']), /keys hide profile/);
  });

  it('--strict turns warnings into failures', () => {
    const xml = renderJunit([result('config.sources', [finding({ status: 'warn' })])], { strict: true, generatedAt: new Date(0), version: '1' });
    assert.equal(parse(xml).suites['@failures'], '1');
  });

  it('hostile text (markup, quotes, CDATA end, controls XML 1.0 forbids, lone surrogates) stays valid XML', () => {
    const hostile = finding({ code: HOSTILE, title: HOSTILE, detail: HOSTILE, fix: { text: HOSTILE, commands: [HOSTILE] } });
    const xml = renderJunit([{ check: { id: HOSTILE, title: HOSTILE, category: 'config' }, findings: [hostile], durationMs: 1 }], {
      strict: false,
      generatedAt: new Date(0),
      version: HOSTILE,
    });
    assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    const { cases } = parse(xml);
    const text = cases[0]!.failure!['#text'];
    assert.ok(text.includes('<script>alert(1)</script> & "q"'), 'markup survives as text');
    assert.ok(text.includes('\\u{0}\\u{1}'), 'forbidden controls are shown, not dropped silently');
  });

  it('xmlText leaves ordinary text alone', () => {
    assert.equal(xmlText('plain text, 100%'), 'plain text, 100%');
  });
});

describe('--junit through the CLI', () => {
  const fx = tempHome({ '.aws/config': '[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/alice\n' });
  // A healthy login cache, so region-missing is the only failure.
  writeHealthyLoginCache(fx.home, 'arn:aws:iam::123456789012:user/alice');
  after(fx.cleanup);

  it('writes a valid report beside the normal output', async () => {
    const file = join(fx.home, 'junit.xml');
    const r = await runCli(['--offline', '--profile', 'dev', '--only', 'environment,config', '--junit', file], { home: fx.home });
    assert.equal(r.code, 1);
    const { cases } = parse(readFileSync(file, 'utf8'));
    const region = cases.find((c) => c['@name'].startsWith('config.region:'))!;
    assert.equal(region.failure!['@type'], 'region-missing');
    assert.match(region.failure!['#text'], /\$ aws configure set region us-east-1 --profile dev/);
    assert.equal(cases.filter((c) => c.failure).length, 1);
  });

  it('checks left out by --skip are listed as skipped', async () => {
    const file = join(fx.home, 'junit-skip.xml');
    const r = await runCli(['--offline', '--profile', 'dev', '--only', 'environment,config', '--skip', 'config.region', '--junit', file], { home: fx.home });
    assert.equal(r.code, 0);
    const { suites, cases } = parse(readFileSync(file, 'utf8'));
    const region = cases.find((c) => c['@name'].startsWith('config.region:'))!;
    assert.deepEqual(region.skipped, { '@message': 'not selected (--only/--skip)' });
    assert.equal(Number(suites['@skipped']), cases.filter((c) => c.skipped !== undefined).length);
    assert.equal(suites['@failures'], '0');
  });

  it('an unwritable path is a usage error (exit 2)', async () => {
    const r = await runCli(['--offline', '--profile', 'dev', '--junit', join(fx.home, 'no', 'such', 'dir', 'j.xml')], { home: fx.home });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot write the JUnit file/);
  });
});
