import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_SIGNATURES, matchErrorText } from '../../src/knowledge/error-signatures.js';
import { SAMPLES } from './error-samples.js';

describe('error signatures', () => {
  for (const [text, id] of SAMPLES) {
    it(`explains: ${text.slice(0, 90)}`, () => {
      const matches = matchErrorText(text);
      assert.ok(matches.length > 0, 'no signature matched');
      assert.equal(matches[0]!.signature.id, id);
    });
  }

  it('every signature is exercised by a sample text', () => {
    const used = new Set(SAMPLES.map(([, id]) => id));
    const unused = ERROR_SIGNATURES.map((s) => s.id).filter((id) => !used.has(id));
    assert.deepEqual(unused, []);
  });

  it('entries are well formed', () => {
    const ids = ERROR_SIGNATURES.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate id');
    for (const s of ERROR_SIGNATURES) {
      assert.match(s.code, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, s.id);
      assert.match(s.check, /^(?:[a-z]+\.[a-z0-9-]+|refresh-test)$/, s.id);
      assert.ok(s.cause.length > 20 && s.fix.text.length > 5 && s.source.length > 3, s.id);
      if (typeof s.match !== 'string') assert.ok(!s.match.flags.includes('g'), `${s.id}: no global regexes`);
    }
  });

  it('unknown text matches nothing', () => {
    assert.deepEqual(matchErrorText('npm ERR! code ERESOLVE unable to resolve dependency tree'), []);
    assert.deepEqual(matchErrorText(''), []);
  });

  it('reports every distinct error in a pasted log, in order', () => {
    const log = 'first: You must specify a region.\nthen: Could not load credentials from any providers';
    assert.deepEqual(
      matchErrorText(log).map((m) => m.signature.id),
      ['botocore-no-region', 'js-no-providers'],
    );
  });

  it('a generic wrapper does not shadow the specific error inside it', () => {
    const ids = matchErrorText('Failed to refresh token: Error: Region is missing. Please re-authenticate using aws login').map((m) => m.signature.id);
    assert.deepEqual(ids, ['js-region-missing']);
  });
});
