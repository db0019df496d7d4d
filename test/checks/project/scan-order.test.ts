/**
 * The project scan lists files in the root collation's order without starting ICU for plain paths: the same
 * order `localeCompare` gave (the slow path) on every fixture project, and on any path of the plain alphabet.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { comparePaths, scanProject } from '../../../src/checks/project/sdk-scan.js';
import { fixtureContext } from '../../support/context.js';
import { FIXTURES, fixtureHome } from '../../support/cli.js';

const root = new Intl.Collator('und');

describe('comparePaths', () => {
  it('orders like the root collation, plain paths and others', () => {
    const plain = fc.string({ unit: fc.constantFrom(...'aAbBzZ09.-/'.split('')), maxLength: 8 });
    const any = fc.string({ unit: fc.constantFrom(...'aAbB09.-/_ é~'.split('')), maxLength: 6 });
    for (const gen of [plain, any]) {
      fc.assert(fc.property(gen, gen, (a, b) => Math.sign(comparePaths(a, b)) === Math.sign(root.compare(a, b))), { numRuns: 3000 });
    }
    const names = ['Cargo.toml', 'Cargo.lock', 'build/Cargo.toml', 'a', 'A', 'a-b', 'a.b', 'a/b', 'go.mod', 'go.sum', 'src/Api/Api.csproj', 'Worker.csproj', 'main.tf', '.terraform.lock.hcl'];
    assert.deepEqual([...names].sort(comparePaths), [...names].sort((a, b) => a.localeCompare(b)));
  });

  it("gives every fixture project's scan the order localeCompare gave", async () => {
    const projects = readdirSync(join(FIXTURES, 'projects'));
    let compared = 0;
    for (const project of projects) {
      const ctx = fixtureContext({ home: fixtureHome('empty'), cwd: join(FIXTURES, 'projects', project) });
      const scan = await scanProject(ctx);
      if (!scan) continue;
      const rels = scan.files.map((f) => f.rel);
      assert.deepEqual(rels, [...rels].sort((a, b) => a.localeCompare(b)), project);
      compared += rels.length > 1 ? 1 : 0;
    }
    assert.ok(compared > 10, `only ${compared} fixture projects with several files`);
  });
});
