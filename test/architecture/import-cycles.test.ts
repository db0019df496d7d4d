import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../support/cli.js';

const SRC = join(REPO_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

// Static `import … from`, `export … from` and side-effect imports, type-only ones included: a type cycle is still a
// layering knot. Dynamic import() is left out on purpose (it is how a lazy, one-way edge is written).
const IMPORT = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Relative imports of each file under src/, as paths relative to src/. */
export function importGraph(files: readonly { path: string; text: string }[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const { path, text } of files) {
    const targets = [...text.matchAll(IMPORT)].map((m) => resolve(dirname(path), m[1]!.replace(/\.js$/, '.ts')));
    graph.set(path, [...new Set(targets)]);
  }
  return graph;
}

/** Every strongly connected component with more than one file (or a file importing itself): each is a cycle. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

describe('imports under src/', () => {
  it('form no cycle', () => {
    const graph = importGraph(sourceFiles(SRC).map((path) => ({ path, text: readFileSync(path, 'utf8') })));
    assert.ok(graph.size > 50, `read ${graph.size} files`);
    const named = cycles(graph).map((c) => c.map((f) => relative(SRC, f)).join(' <-> '));
    assert.deepEqual(named, []);
  });

  it('form no cycle between the folders of src/ (the layers)', () => {
    const files = importGraph(sourceFiles(SRC).map((path) => ({ path, text: readFileSync(path, 'utf8') })));
    const folder = (file: string) => relative(SRC, file).split('/')[0]!;
    const layers = new Map<string, string[]>();
    for (const [file, targets] of files) {
      const from = folder(file);
      layers.set(from, [...new Set([...(layers.get(from) ?? []), ...targets.map(folder).filter((to) => to !== from)])]);
    }
    assert.deepEqual(cycles(layers), []);
  });

  it('the walk sees value, type, re-export and multi-line imports and finds a cycle through them', () => {
    const files = [
      { path: '/s/a.ts', text: "import { b } from './b.js';\n" },
      { path: '/s/b.ts', text: "import type {\n  C,\n} from './c/c.js';\n" },
      { path: '/s/c/c.ts', text: "export { a } from '../a.js';\n" },
      { path: '/s/d.ts', text: "import './a.js';\nconst later = () => import('./e.js');\n" },
      { path: '/s/e.ts', text: "import { d } from './d.js';\n" },
    ];
    assert.deepEqual(cycles(importGraph(files)), [['/s/a.ts', '/s/b.ts', '/s/c/c.ts']]);
  });
});
