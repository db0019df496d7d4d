// The command layer stays thin: cli/ reaches probes and AWS rules only through checks, refresh and the real context
// (test/architecture/import-cycles.test.ts rules out cycles).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Relative imports of a source file (static, dynamic and type-only), as src-relative .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\.js$/, '.ts'));
}

it('cli/ imports no probe or aws module directly (the real context is the one door)', () => {
  const bad = files(join(SRC, 'cli')).flatMap((f) =>
    importsOf(f)
      .filter((i) => (i.startsWith('probes/') && i !== 'probes/real-context.ts') || i.startsWith('aws/'))
      .map((i) => `${relative(SRC, f)} -> ${i}`),
  );
  assert.deepEqual(bad, []);
});
