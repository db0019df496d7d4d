import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FLOORS, RECOMMENDED_PYTHON_PINS } from '../../src/knowledge/floors.js';
import { BOTOCORE_ERRORS } from '../../src/knowledge/botocore-errors.js';
import { codesOfCheck } from '../../src/engine/finding-codes.js';
import { REPO_ROOT } from '../support/cli.js';

const doc = readFileSync(`${REPO_ROOT}docs/findings.md`, 'utf8');

describe('docs/findings.md for the tools checks', () => {
  it('has a section in the exact format for every code the tools checks declare', () => {
    const codes = [...codesOfCheck('tools.aws-cli'), ...codesOfCheck('tools.python')];
    assert.ok(codes.length >= 18, codes.join(' '));
    for (const code of codes) {
      const re = new RegExp(`^## \`${code}\`\\n\\*\\*Status:\\*\\* [^|\\n]+ \\| \\*\\*Check:\\*\\* \`tools\\.(aws-cli|python)\` \\| \\*\\*Affects:\\*\\* [^\\n]+\\n\\n\\S`, 'm');
      assert.match(doc, re, code);
    }
  });

  it('quotes the floors, pins and error texts exactly as src/knowledge has them', () => {
    for (const key of ['botocoreLogin', 'botocorePaddedDpop', 'botocoreAtomicCache', 'awscrtGate', 'awscrtPaddedDpop', 'cliLogin', 'cliPaddedDpop'] as const) {
      assert.ok(doc.includes(FLOORS[key].version), key);
    }
    for (const pin of RECOMMENDED_PYTHON_PINS) assert.ok(doc.includes(pin), pin);
    assert.ok(doc.includes(BOTOCORE_ERRORS.missingDependency.text));
    assert.ok(doc.includes(BOTOCORE_ERRORS.noPaddedPair.text.replace('AttributeError: ', '')));
  });
});
