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

describe('error signatures: hostile input', () => {
  it('any text yields a list and never throws', async () => {
    const fc = (await import('fast-check')).default;
    const pieces = fc.constantFrom(...SAMPLES.map(([t]) => t), 'Failed to refresh token: ', 'SignatureDoesNotMatch', ' ', '\n', 'KeyError(', "'");
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), pieces), { maxLength: 8 }), (parts) => {
        const found = matchErrorText(parts.join(''));
        assert.ok(Array.isArray(found));
        for (const m of found) assert.ok(ERROR_SIGNATURES.includes(m.signature));
      }),
      { numRuns: 1500 },
    );
  });

  it('a long pasted log full of near-misses is matched in linear-ish time (bounded wildcards)', () => {
    const log = 'Failed to refresh token: x SignatureDoesNotMatch Failed to load token from y '.repeat(20000);
    // No timing assertion: the run completing at all (instead of hanging the suite) is the check.
    assert.deepEqual(
      matchErrorText(log).map((m) => m.signature.id),
      ['sts-signature-does-not-match'],
    );
  });
});

describe('classifyRefreshFailure', () => {
  it('classifies refresh failures by each client wording', async () => {
    const { classifyRefreshFailure: refreshCodeFor } = await import('../../src/knowledge/refresh-signatures.js');
    assert.equal(refreshCodeFor("Traceback ...\nAttributeError: type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'"), 'refresh-awscrt-no-padded-signature');
    assert.equal(refreshCodeFor('Failed to refresh token: Error: Region is missing. Please re-authenticate using aws login'), 'refresh-no-region');
    assert.equal(refreshCodeFor("aws: [ERROR]: Your session has expired. Please reauthenticate using 'aws login'."), 'refresh-session-expired');
    assert.equal(refreshCodeFor('An error occurred (ValidationException) when calling the CreateOAuth2Token operation: The provided authorization grant is invalid, expired, revoked, or malformed'), 'refresh-invalid-grant');
    // A cache error names no refresh cause.
    assert.equal(refreshCodeFor("Error loading login session token: Failed to load access token from token cache, missing one or more required fields."), 'refresh-unknown');
    assert.equal(refreshCodeFor('all fine'), 'refresh-unknown');
  });
});

describe('error signatures point at real checks', () => {
  it('every check id in the table is registered (or is the refresh test)', async () => {
    const { CHECKS } = await import('../../src/checks/registry.js');
    const ids = new Set(CHECKS.map((c) => c.id));
    assert.deepEqual(
      ERROR_SIGNATURES.filter((s) => s.check !== 'refresh-test' && !ids.has(s.check)).map((s) => `${s.id} → ${s.check}`),
      [],
    );
  });
});
