import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildAwsConfig } from '../../src/aws/config.js';
import { parseIni } from '../../src/aws/ini.js';

const iniLike = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom('[default]', '[profile dev]', '[sso-session s]', '[x', ']', '  indented = 1', 'k = v', '#c', ';c', '=', ':'),
      fc.string({ unit: 'binary' }),
    ),
    { maxLength: 30 },
  )
  .map((lines) => lines.join(fc.sample(fc.constantFrom('\n', '\r\n', '\r'), 1)[0]!));

test('parseIni never throws and every error has a line inside the text', () => {
  fc.assert(
    fc.property(iniLike, (text) => {
      const { sections, errors } = parseIni(text);
      const lineCount = text.split(/\r\n|\n|\r/).length;
      for (const e of errors) assert.ok(e.line >= 1 && e.line <= lineCount);
      for (const s of sections) for (const entry of s.entries.values()) assert.ok(entry.line >= s.line);
    }),
    { numRuns: 3000 },
  );
});

test('buildAwsConfig never throws on arbitrary config and credentials text', () => {
  fc.assert(
    fc.property(iniLike, iniLike, (config, credentials) => {
      const c = buildAwsConfig('/c', config, '/k', credentials);
      assert.ok(c.profiles instanceof Map);
    }),
    { numRuns: 2000 },
  );
});
