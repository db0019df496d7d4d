import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compareCliVersions, parseAwsVersionOutput, parseCliVersion } from '../../src/aws/cli-version.js';

describe('parseAwsVersionOutput', () => {
  it('reads the v2 format, with exec-env and prompt suffixes', () => {
    const v = parseAwsVersionOutput('aws-cli/2.34.50 Python/3.14.4 Linux/6.6.87.2-microsoft-standard-WSL2 exe/x86_64.ubuntu.26\n')!;
    assert.deepEqual(v.version, [2, 34, 50]);
    assert.equal(v.python, '3.14.4');
    assert.equal(v.distribution, 'exe');
    assert.equal(v.botocore, null);
    const debian = parseAwsVersionOutput('aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12 prompt/off')!;
    assert.equal(debian.distribution, 'source');
    assert.equal(parseAwsVersionOutput('aws-cli/2.36.36 Python/3.14.6 Windows/10 script-exe/AMD64')!.distribution, 'script-exe');
  });

  it('reads the v1 format with and without awscrt, also from stderr after other lines', () => {
    const v1 = parseAwsVersionOutput('aws-cli/1.45.11 Python/3.11.7 Linux/6.18.44 botocore/1.43.11')!;
    assert.deepEqual(v1.version, [1, 45, 11]);
    assert.equal(v1.botocore, '1.43.11');
    assert.equal(v1.awscrt, null);
    const crt = parseAwsVersionOutput('warning: something\r\naws-cli/1.44.0 Python/3.12.1 Darwin/24.0 awscrt/0.29.1 exec-env/CloudShell botocore/1.42.0\r\n')!;
    assert.equal(crt.awscrt, '0.29.1');
    assert.equal(crt.botocore, '1.42.0');
  });

  it('refuses what is not an aws-cli/x.y.z line', () => {
    for (const bad of ['', 'garbage', 'aws-cli/2.x Python/3', 'aws-cli/2.32 Python/3', 'aws-cli/', 'Segmentation fault']) assert.equal(parseAwsVersionOutput(bad), null, bad);
  });

  it('never throws, whatever the output', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseAwsVersionOutput(s);
        return r === null || r.version.length === 3;
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.nat(99), fc.nat(99), fc.nat(999), fc.string({ maxLength: 40 }), (a, b, c, rest) => {
        const r = parseAwsVersionOutput(`aws-cli/${a}.${b}.${c} ${rest.replace(/[\r\n]/g, ' ')}`);
        return r !== null && compareCliVersions(r.version, [a, b, c]) === 0;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseCliVersion / compareCliVersions', () => {
  it('compares numerically, not as text', () => {
    assert.ok(compareCliVersions(parseCliVersion('2.32.10')!, parseCliVersion('2.32.7')!) > 0);
    assert.ok(compareCliVersions(parseCliVersion('2.9.19')!, parseCliVersion('2.32.0')!) < 0);
    assert.equal(parseCliVersion('2.32.0.dev0'), null);
  });
});
