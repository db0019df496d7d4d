import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { REPO_ROOT } from '../../helpers/cli.js';

// Every code the cache checks can emit, read from their source, must have its section in docs/findings.md.
test('every caches.* finding code is documented with its check', () => {
  const docs = readFileSync(`${REPO_ROOT}docs/findings.md`, 'utf8');
  const dir = `${REPO_ROOT}src/checks/caches/`;
  const codes = new Set<string>();
  for (const file of readdirSync(dir)) {
    for (const m of readFileSync(dir + file, 'utf8').matchAll(/code: '([a-z0-9-]+)'/g)) codes.add(m[1]!);
  }
  assert.ok(codes.size >= 27, `only ${codes.size} codes found`);
  for (const code of codes) {
    const section = new RegExp('## `' + code + '`\\n\\*\\*Status:\\*\\* [a-z, ]+ \\| \\*\\*Check:\\*\\* `caches\\.(login|sso|cli)` \\| \\*\\*Affects:\\*\\* .+\\n\\n\\S');
    assert.match(docs, section, `${code} is not documented in the expected format`);
  }
});
