import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import semver from 'semver';
import { parseGoMod, parseGoSum, parseTerraformFile, parseTerraformLock } from '../../src/aws/line-manifests.js';
import { cargoRequirementAllows, compareVersions, npmRangeAllows, nugetLowest, terraformConstraintAllows, versionBelow } from '../../src/aws/sdk-versions.js';

const SEED = { seed: 15, numRuns: 300 };
const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const modulePath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `github.com/${parts.join('/')}`);
const goVersion = fc.tuple(fc.nat(3), fc.nat(60), fc.nat(40)).map(([a, b, c]) => `v${a}.${b}.${c}`);

describe('go.mod reader', () => {
  it('reads single require lines, blocks, comments, quoted paths and replace directives', () => {
    const text = [
      'module example.com/x',
      '',
      'go 1.22',
      '',
      'require github.com/aws/aws-sdk-go-v2/config v1.29.6 // pinned',
      'require (',
      '\t"github.com/aws/aws-sdk-go-v2/credentials" v1.17.59 // indirect',
      '\t// github.com/commented/out v9.9.9',
      ')',
      'replace github.com/aws/aws-sdk-go-v2/config => github.com/aws/aws-sdk-go-v2/config v1.32.1',
      'exclude (',
      '\tgithub.com/excluded/mod v1.0.0',
      ')',
    ].join('\n');
    const parsed = parseGoMod(text);
    assert.deepEqual(parsed.requires, [
      { module: 'github.com/aws/aws-sdk-go-v2/config', version: 'v1.29.6', line: 5 },
      { module: 'github.com/aws/aws-sdk-go-v2/credentials', version: 'v1.17.59', line: 7 },
    ]);
    assert.deepEqual(parsed.replaces, [{ module: 'github.com/aws/aws-sdk-go-v2/config', version: 'v1.32.1', line: 10 }]);
  });

  it('property: every required module comes back with its version and line, whatever the layout', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(modulePath, goVersion, fc.boolean(), fc.boolean()), { selector: ([m]) => m, maxLength: 12 }),
        fc.boolean(),
        (entries, crlf) => {
          const lines = ['module example.com/p', '', 'go 1.23', ''];
          const expected: { module: string; version: string; line: number }[] = [];
          let inBlock = false;
          for (const [module, version, block, indirect] of entries) {
            if (block && !inBlock) lines.push('require (');
            if (!block && inBlock) lines.push(')');
            inBlock = block;
            lines.push(`${block ? '\t' : 'require '}${module} ${version}${indirect ? ' // indirect' : ''}`);
            expected.push({ module, version, line: lines.length });
          }
          if (inBlock) lines.push(')');
          assert.deepEqual(parseGoMod(lines.join(crlf ? '\r\n' : '\n')).requires, expected);
        },
      ),
      SEED,
    );
  });

  it('property: never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (t) => {
        parseGoMod(t);
        parseGoSum(t);
        parseTerraformLock(t);
        parseTerraformFile(t);
      }),
      SEED,
    );
  });

  it('go.sum: one entry per module version, the /go.mod hash folded in', () => {
    const sum = parseGoSum('a.com/m v1.0.0 h1:x=\na.com/m v1.0.0/go.mod h1:y=\na.com/m v1.2.0/go.mod h1:z=\n');
    assert.deepEqual(sum, [
      { module: 'a.com/m', version: 'v1.0.0', line: 1 },
      { module: 'a.com/m', version: 'v1.2.0', line: 3 },
    ]);
  });
});

describe('.terraform.lock.hcl and *.tf readers', () => {
  it('property: every provider block comes back with its version line', () => {
    const address = fc.tuple(segment, segment).map(([ns, n]) => `registry.terraform.io/${ns}/${n}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(address, goVersion), { maxLength: 6 }), (providers) => {
        const lines = ['# This file is maintained automatically by "terraform init".', ''];
        const expected: { address: string; version: string; line: number }[] = [];
        for (const [addr, v] of providers) {
          lines.push(`provider "${addr}" {`);
          lines.push(`  version     = "${v.slice(1)}"`);
          expected.push({ address: addr, version: v.slice(1), line: lines.length });
          lines.push('  constraints = ">= 1.0"', '  hashes = [', '    "h1:abc=",', '  ]', '}', '');
        }
        assert.deepEqual(parseTerraformLock(lines.join('\n')), expected);
      }),
      SEED,
    );
  });

  it('reads required_version, the s3 backend and the aws provider, not inside comments', () => {
    const tf = [
      '/* terraform {',
      '  required_version = "1.0.0"',
      '} */',
      'terraform {',
      '  # required_version = "0.12"',
      '  required_version = ">= 1.5, < 1.15"',
      '  backend "s3" {',
      '  }',
      '}',
      'provider "aws" {}',
    ].join('\n');
    assert.deepEqual(parseTerraformFile(tf), { requiredVersion: { constraint: '>= 1.5, < 1.15', line: 6 }, s3Backend: 7, awsProvider: 10 });
  });
});

describe('version rules across ecosystems', () => {
  it('compares Go, Maven and NuGet versions numerically, a pre-release before its release', () => {
    assert.equal(versionBelow('v1.29.6', 'v1.32.0'), true);
    assert.equal(versionBelow('v1.32.0', 'v1.32.0'), false);
    assert.equal(versionBelow('v1.32.0-rc.1', 'v1.32.0'), true);
    assert.equal(versionBelow('2.40.0-SNAPSHOT', '2.39.1'), false);
    assert.equal(versionBelow('4.0.3.1', '4.0.3.2'), true);
    assert.equal(versionBelow('4.0.10', '4.0.3.2'), false);
    assert.equal(versionBelow('2.1020.2', '2.1034.0'), true);
    assert.equal(versionBelow('2.178.0', '2.1034.0'), true);
    assert.equal(versionBelow('latest', '1.0.0'), null);
  });

  it('property: agrees with semver on x.y.z versions and is antisymmetric', () => {
    const v = fc.tuple(fc.nat(20), fc.nat(2000), fc.nat(50)).map((t) => t.join('.'));
    fc.assert(
      fc.property(v, v, (a, b) => {
        assert.equal(Math.sign(compareVersions(a, b)!), semver.compare(a, b));
        assert.equal(Math.sign(compareVersions(a, b)!), -Math.sign(compareVersions(b, a)!));
      }),
      SEED,
    );
  });

  it('Terraform constraints', () => {
    assert.equal(terraformConstraintAllows('~> 1.14.0', '1.15.0'), false);
    assert.equal(terraformConstraintAllows('~> 1.14', '1.15.0'), true);
    assert.equal(terraformConstraintAllows('>= 1.5, < 1.15', '1.15.0'), false);
    assert.equal(terraformConstraintAllows('>= 1.5', '1.15.0'), true);
    assert.equal(terraformConstraintAllows('1.14.3', '1.15.0'), false);
    assert.equal(terraformConstraintAllows('!= 1.15.0, >= 1.0', '1.15.0'), true);
    assert.equal(terraformConstraintAllows('whatever', '1.15.0'), null);
  });

  it('Cargo requirements: a bare version is a caret requirement', () => {
    assert.equal(cargoRequirementAllows('1.8', '1.8.11'), true);
    assert.equal(cargoRequirementAllows('1.5', '1.8.11'), true);
    assert.equal(cargoRequirementAllows('=1.8.5', '1.8.11'), false);
    assert.equal(cargoRequirementAllows('~1.7', '1.8.11'), false);
    assert.equal(cargoRequirementAllows('>=1.0, <1.8', '1.8.11'), false);
    assert.equal(cargoRequirementAllows('0.55', '1.8.11'), false);
  });

  it('npm ranges and NuGet lowest versions', () => {
    assert.equal(npmRangeAllows('~2.1100.0', '2.1136.0'), false);
    assert.equal(npmRangeAllows('^2.1100.0', '2.1136.0'), true);
    assert.equal(npmRangeAllows('latest', '2.1136.0'), null);
    assert.equal(nugetLowest('[4.0.3.2, )'), '4.0.3.2');
    assert.equal(nugetLowest('4.0.*'), '4.0.0');
    assert.equal(nugetLowest('(,5.0)'), null);
  });
});
