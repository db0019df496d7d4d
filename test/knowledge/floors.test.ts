import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { FLOORS } from '../../src/knowledge/floors.js';
import { REPO_ROOT } from '../support/cli.js';

const SRC = join(REPO_ROOT, 'src');
const HOME = join(SRC, 'knowledge', 'floors.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Where `version` appears as a whole version (not inside a longer one such as 11.41.0 or 1.41.0.1). */
function occurrences(text: string, version: string): number[] {
  const re = new RegExp(`(?<![0-9.])${version.replace(/\./g, '\\.')}(?![0-9]|\\.[0-9])`, 'g');
  return [...text.matchAll(re)].map((m) => text.slice(0, m.index).split('\n').length);
}

describe('version floors', () => {
  it('appear as literals only in src/knowledge/floors.ts; everything else reads FLOORS', () => {
    const versions = [...new Set(Object.values(FLOORS).map((f) => f.version))];
    const stray = sourceFiles(SRC)
      .filter((file) => file !== HOME)
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return versions.flatMap((v) => occurrences(text, v).map((line) => `${relative(REPO_ROOT, file)}:${line} names ${v}`));
      });
    assert.deepEqual(stray, []);
  });

  it('the scan finds a floor in code and comments, and not inside a longer version', () => {
    const text = "const a = '1.41.0';\n// botocore >= 1.41.0\nx 11.41.0 1.41.01 1.41.0.1 v1.41.0";
    assert.deepEqual(occurrences(text, '1.41.0'), [1, 2, 3]);
  });
});
