import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FLOORS, RECOMMENDED_PYTHON_PINS } from '../../src/knowledge/floors.js';
import { OTHER_SDK_FLOORS as O } from '../../src/knowledge/other-sdks.js';
import { codesOfCheck } from '../../src/engine/finding-codes.js';
import { REPO_ROOT } from '../support/cli.js';

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
  'pins-go-too-old': { check: 'project.other-sdks', floors: [O.goConfig.version, O.goCredentials.version] },
  'pins-java-too-old': { check: 'project.other-sdks', floors: [O.java.version, O.javaSigninRegion.version] },
  'pins-java-no-signin': { check: 'project.other-sdks', floors: [] },
  'pins-java-signin-region': { check: 'project.other-sdks', floors: [O.javaSigninRegion.version] },
  'pins-dotnet-too-old': { check: 'project.other-sdks', floors: [O.dotnetCore.version] },
  'pins-dotnet-no-signin': { check: 'project.other-sdks', floors: [O.dotnetCore.version] },
  'pins-rust-too-old': { check: 'project.other-sdks', floors: [O.rustConfig.version] },
  'pins-rust-no-login-feature': { check: 'project.other-sdks', floors: [] },
  'terraform-too-old': { check: 'project.other-sdks', floors: [O.terraform.version] },
  'terraform-provider-too-old': { check: 'project.other-sdks', floors: [O.terraformProvider.version] },
  'opentofu-no-login': { check: 'project.other-sdks', floors: [] },
  'pins-cdk-too-old': { check: 'project.other-sdks', floors: [O.cdk.version] },
  'pins-cdk-stale-cache': { check: 'project.other-sdks', floors: [O.cdk.version, O.cdkFreshCache.version] },
  'role-chain-unsupported': { check: 'project.other-sdks', floors: [] },
  'sdk-pins-ok': { check: 'project.other-sdks', floors: [] },
  'sdk-file-unreadable': { check: 'project.other-sdks', floors: [] },
};

describe('docs/findings.md for the project checks', () => {
  it('every code the project checks declare is listed here', () => {
    const declared = [...codesOfCheck('project.js-sdk'), ...codesOfCheck('project.pins'), ...codesOfCheck('project.other-sdks')];
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
