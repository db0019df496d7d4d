import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { locateJsonError, parseJsonText } from '../../src/aws/json-text.js';

const at = (text: string) => {
  const r = parseJsonText(text);
  assert.ok(!r.ok, `${JSON.stringify(text)} parsed`);
  return `${r.error.line}:${r.error.column} ${r.error.message}`;
};

test('locates the first syntax error by line and column', () => {
  assert.equal(at('{"a": 1,}'), '1:9 expected a property name in double quotes, found "}"');
  assert.equal(at('{"a": 1\n "b": 2}'), '2:2 expected "," or "}" after a property value, found a double quote');
  assert.equal(at('{"a": "x\ny"}'), '1:9 expected a closing quote (strings cannot span lines), found control character U+000A');
  assert.equal(at('{"a": tru}'), '1:7 expected a JSON value, found "t"');
  assert.equal(at('{"a": "\\q"}'), '1:9 expected a valid escape sequence, found "q"');
  assert.equal(at('{} {}'), '1:4 expected the end of the file after the JSON value, found "{"');
  assert.equal(at('{"a": [1 2]}'), '1:10 expected "," or "]" after an array element, found "2"');
  assert.equal(at('{"a": 01}'), '1:8 expected "," or "}" after a property value, found "1"');
  assert.equal(at('['.repeat(100_000)), '1:66 nesting deeper than 64 levels');
});

test('agrees with JSON.parse on which texts are valid', () => {
  fc.assert(
    fc.property(fc.json(), fc.nat(), (text, cut) => {
      const truncated = text.slice(0, cut % (text.length + 1));
      let valid = true;
      try {
        JSON.parse(truncated);
      } catch {
        valid = false;
      }
      const r = parseJsonText(truncated);
      assert.equal(r.ok, valid);
      if (!valid) assert.notEqual(locateJsonError(truncated).message, 'JSON.parse rejected the text');
    }),
  );
});
