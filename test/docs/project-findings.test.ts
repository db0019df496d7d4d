import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FLOORS, RECOMMENDED_PYTHON_PINS } from '../../src/knowledge/floors.js';
import { codesOfCheck } from '../../src/engine/finding-codes.js';
import { REPO_ROOT } from '../helpers/cli.js';

const docs = readFileSync(`${REPO_ROOT}docs/findings.md`, 'utf8');

function section(code: string): string {
  const start = docs.indexOf(`## \`${code}\`\n`);
  assert.ok(start >= 0, `docs/findings.md has a section for ${code}`);
  const end = docs.indexOf('\n## ', start + 1);
  return docs.slice(start, end === -1 ? undefined : end);
}

/** The project checks' codes and the floors each section must quote (so a floor change forces a docs change). */
const CODES: Record<string, { check: string; floors: string[] }> = {
  'js-sdk-no-login': { check: 'project.js-sdk', floors: [FLOORS.jsIniLogin.version] },
  'js-login-stale-cache': { check: 'project.js-sdk', floors: [FLOORS.jsLoginFreshCache.version] },
  'js-ini-no-caller-config': { check: 'project.js-sdk', floors: [FLOORS.jsIniLogin.version, FLOORS.jsIniCallerConfig.version] },
  'js-sdk-found': { check: 'project.js-sdk', floors: [] },
  'js-sdk-none': { check: 'project.js-sdk', floors: [] },
  'pins-python-too-old': {
    check: 'project.pins',
    floors: [FLOORS.botocoreLogin.version, FLOORS.botocorePaddedDpop.version, FLOORS.awscrtPaddedDpop.version, ...RECOMMENDED_PYTHON_PINS],
  },
  'pins-js-too-old': { check: 'project.pins', floors: [FLOORS.jsIniLogin.version, FLOORS.jsLoginFreshCache.version] },
  'pins-ok': { check: 'project.pins', floors: [] },
  'pins-none': { check: 'project.pins', floors: [] },
  'project-file-unreadable': { check: 'project.pins', floors: [] },
};

describe('docs/findings.md for the project checks', () => {
  it('every code the project checks declare is listed here', () => {
    const declared = [...codesOfCheck('project.js-sdk'), ...codesOfCheck('project.pins')];
    assert.deepEqual(declared.sort(), Object.keys(CODES).sort());
  });
  for (const [code, { check, floors }] of Object.entries(CODES)) {
    it(`${code}: format, check id and the current floors`, () => {
      const text = section(code);
      assert.match(text, new RegExp(`^## \`${code}\`\\n\\*\\*Status:\\*\\* [^\\n]+ \\| \\*\\*Check:\\*\\* \`${check.replace('.', '\\.')}\` \\| \\*\\*Affects:\\*\\* [^\\n]+\\n\\n\\S`));
      for (const f of floors) assert.ok(text.includes(f), `${code} mentions ${f}`);
    });
  }
});
