/**
 * Rules for the AWS SDK for JavaScript v3 packages that resolve `login_session` profiles: which installed
 * or locked versions, and which declared ranges, cannot use or refresh `aws login` credentials.
 * Floors come from knowledge/floors.ts.
 */
import semver from 'semver';
import { FLOORS } from '../knowledge/floors.js';
import { INI_PACKAGE, isJsSdkPackage, LOGIN_PACKAGE } from './js-sdk-packages.js';

export type JsSdkProblem = 'no-login' | 'stale-cache' | 'no-caller-config';


/** The floor a package must reach to avoid a problem, per package. */
function floorsFor(name: string): { problem: JsSdkProblem; floor: string; below?: string }[] {
  if (name === INI_PACKAGE) {
    return [
      { problem: 'no-login', floor: FLOORS.jsIniLogin.version },
      // Only a version that has login at all can lack the caller config.
      { problem: 'no-caller-config', floor: FLOORS.jsIniCallerConfig.version, below: FLOORS.jsIniLogin.version },
    ];
  }
  if (name === LOGIN_PACKAGE) return [{ problem: 'stale-cache', floor: FLOORS.jsLoginFreshCache.version }];
  if (isJsSdkPackage(name)) return [{ problem: 'no-login', floor: FLOORS.jsIniLogin.version }];
  return [];
}

/** Problems of one installed or locked version of a package (an unparsable version yields none). */
export function versionProblems(name: string, version: string): { problem: JsSdkProblem; floor: string }[] {
  const v = semver.valid(version);
  if (!v) return [];
  return floorsFor(name)
    .filter((f) => semver.lt(v, f.floor) && (f.below === undefined || semver.gte(v, f.below)))
    .map(({ problem, floor }) => ({ problem, floor }));
}

/** Problems a declared range forces: only when no version it allows reaches the floor (`^3.900.0` is fine). */
export function rangeProblems(name: string, range: string): { problem: JsSdkProblem; floor: string }[] {
  const r = semver.validRange(range);
  if (!r) return [];
  return floorsFor(name)
    .filter((f) => f.problem !== 'no-caller-config' && !semver.intersects(r, `>=${f.floor}`))
    .map(({ problem, floor }) => ({ problem, floor }));
}

export const JS_PROBLEM_WHY: Record<JsSdkProblem, string> = {
  'no-login': FLOORS.jsIniLogin.why,
  'stale-cache': FLOORS.jsLoginFreshCache.why,
  'no-caller-config': FLOORS.jsIniCallerConfig.why,
};
