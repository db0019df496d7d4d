/**
 * Rules for Python dependency pins: which declared specifiers and locked versions make `aws login`
 * credentials unusable or unrefreshable for botocore/boto3, and the corrected declaration.
 * Floors come from knowledge/floors.ts; nothing here restates a version.
 */
import { gte, inc, lt, satisfies, valid } from '@renovatebot/pep440';
import { FLOORS, RECOMMENDED_PYTHON_PINS } from '../knowledge/floors.js';
import type { LockedPackage } from './lockfiles.js';
import { formatRequirement, parsePep508, type PythonRequirement } from './python-requirements.js';

export type PythonPinProblem = 'botocore-too-old' | 'awscrt-too-old' | 'awscrt-missing';

export interface PythonPinIssue<R = PythonRequirement | LockedPackage> {
  problem: PythonPinProblem;
  /** The declaration or lock entry at fault. */
  source: R;
  /** Normalized package name the issue is about (botocore, boto3, awscrt). */
  package: string;
  line: number;
  /** The declaration or lock entry as found. */
  found: string;
  /** The declaration to write instead (a new line for awscrt-missing in a manifest); null for lock files. */
  corrected: string | null;
  why: string;
}

const LOGIN_FLOORS: Record<string, string> = { botocore: FLOORS.botocoreLogin.version, boto3: FLOORS.boto3Login.version };

function loginWhy(name: string): string {
  return name === 'boto3' ? FLOORS.boto3Login.why : FLOORS.botocoreLogin.why;
}

/**
 * True when some version at or above `floor` satisfies the PEP 440 specifier. Checked on candidates:
 * the floor, every version the specifier names and their next releases, and a far-future version;
 * an open `>=` allows the far-future one, an `==`/`~=`/`<` that stops below the floor allows none.
 */
export function specifierAllowsAtLeast(specifier: string, floor: string): boolean {
  if (specifier.trim() === '') return true;
  const named = specifier
    .split(',')
    .map((clause) => clause.replace(/^(~=|===|==|!=|<=|>=|<|>)/, '').replace(/\.\*$/, '').trim())
    .filter((v) => valid(v) !== null);
  const candidates = new Set<string>([floor, '9999']);
  for (const v of named) {
    candidates.add(v);
    for (const step of ['major', 'minor', 'patch'] as const) {
      const next = inc(v, step);
      if (next) candidates.add(next);
    }
  }
  for (const c of candidates) {
    if (valid(c) !== null && gte(c, floor) && satisfies(c, specifier)) return true;
  }
  return false;
}

/** The lowest version a specifier pins exactly (`==1.2.3`, `===1.2.3`), or null when it is a range. */
export function exactPin(specifier: string | null): string | null {
  if (!specifier) return null;
  const m = /^===?([^,*]+)$/.exec(specifier);
  return m && valid(m[1]!) !== null ? m[1]! : null;
}

const RECOMMENDED = new Map(
  RECOMMENDED_PYTHON_PINS.map((pin) => {
    const r = parsePep508(pin, 0)!;
    return [r.name, r] as const;
  }),
);

/** The recommended requirement string for botocore, boto3 or awscrt (RECOMMENDED_PYTHON_PINS). */
export function recommendedPin(name: string): string {
  return recommended(name).text;
}

function recommended(name: string): PythonRequirement {
  const r = RECOMMENDED.get(name);
  if (!r) throw new Error(`no recommended pin for ${name}`);
  return r;
}

/** The declaration rewritten to the recommended specifier, keeping the user's spelling, extras and marker. */
export function correctedDeclaration(req: PythonRequirement): string {
  const rec = recommended(req.name);
  const extras = [...req.extras];
  for (const e of rec.extras) if (!extras.includes(e)) extras.push(e);
  if (req.style === 'poetry') {
    const ex = extras.length ? `, extras = [${extras.map((e) => JSON.stringify(e)).join(', ')}]` : '';
    return `${req.rawName} = { version = ${JSON.stringify(rec.specifier ?? '')}${ex} }`;
  }
  const line = formatRequirement(req.rawName, extras, rec.specifier ?? '', req.marker);
  return req.style === 'pep621' ? JSON.stringify(line) : line;
}

/** The same declaration with the crt extra added and its version kept (the smallest change that brings awscrt). */
function withCrtExtra(req: PythonRequirement): string {
  const extras = req.extras.includes('crt') ? req.extras : [...req.extras, 'crt'];
  if (req.style === 'poetry') {
    return `${req.rawName} = { version = ${JSON.stringify(req.poetryVersion ?? '*')}, extras = [${extras.map((e) => JSON.stringify(e)).join(', ')}] }`;
  }
  const line = formatRequirement(req.rawName, extras, req.specifier ?? '', req.marker);
  return req.style === 'pep621' ? JSON.stringify(line) : line;
}

const hasCrt = (r: PythonRequirement) => (r.name === 'botocore' || r.name === 'boto3') && r.extras.includes('crt');

/**
 * Problems in hand-written declarations (requirements, constraints, pyproject) of one project, judged together:
 * pip combines them, so a botocore range in one file and an awscrt pin in another still meet.
 */
export function manifestIssues<R extends PythonRequirement>(requirements: readonly R[]): PythonPinIssue<R>[] {
  const issues: PythonPinIssue<R>[] = [];
  const sdk = requirements.filter((r) => (r.name === 'botocore' || r.name === 'boto3') && r.specifier !== null);
  for (const r of sdk) {
    const floor = LOGIN_FLOORS[r.name]!;
    if (!specifierAllowsAtLeast(r.specifier!, floor)) {
      issues.push({
        problem: 'botocore-too-old',
        source: r,
        package: r.name,
        line: r.line,
        found: r.text,
        corrected: correctedDeclaration(r),
        why: `${r.name}${r.specifier} allows only versions below ${floor}, which cannot use login_session profiles (${loginWhy(r.name)}).`,
      });
    }
  }
  const botocoreLike = sdk.filter((r) => r.name === 'botocore');
  const sdkForDpop = botocoreLike.length ? botocoreLike : sdk;
  const mayGetPaddedBotocore = sdkForDpop.length > 0 && sdkForDpop.every((r) => specifierAllowsAtLeast(r.specifier!, FLOORS.botocorePaddedDpop.version));
  const awscrt = requirements.filter((r) => r.name === 'awscrt' && r.specifier !== null);
  for (const r of awscrt) {
    if (mayGetPaddedBotocore && !specifierAllowsAtLeast(r.specifier!, FLOORS.awscrtPaddedDpop.version)) {
      issues.push({
        problem: 'awscrt-too-old',
        source: r,
        package: 'awscrt',
        line: r.line,
        found: r.text,
        corrected: correctedDeclaration(r),
        why: `awscrt${r.specifier} allows only versions below ${FLOORS.awscrtPaddedDpop.version} while the botocore declared here may resolve to ${FLOORS.botocorePaddedDpop.version} or later: ${FLOORS.awscrtPaddedDpop.why}. The refresh ~10 minutes after login then fails with AttributeError: type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'.`,
      });
    }
  }
  // Only an exact pin says "this is the whole environment" (pip-compile output, frozen requirements).
  const pinned = sdk.filter((r) => {
    const v = exactPin(r.specifier);
    return v !== null && gte(v, LOGIN_FLOORS[r.name]!);
  });
  const crtDeclared = requirements.some((r) => r.name === 'awscrt' || hasCrt(r));
  if (pinned.length > 0 && !crtDeclared) {
    const r = pinned.find((p) => p.name === 'botocore') ?? pinned[0]!;
    issues.push({
      problem: 'awscrt-missing',
      source: r,
      package: r.name,
      line: r.line,
      found: r.text,
      corrected: withCrtExtra(r),
      why: `${r.name} ${exactPin(r.specifier)} is pinned without the crt extra and no awscrt is declared, so awscrt is not installed and botocore refuses login_session profiles: Missing Dependency: Using the login credential provider requires an additional dependency. You will need to pip install "botocore[crt]" before proceeding.`,
    });
  }
  return issues;
}

/** Problems in one Python lock file: it is a complete environment, so what is absent is not installed. */
export function lockIssues(locked: readonly LockedPackage[]): PythonPinIssue<LockedPackage>[] {
  const issues: PythonPinIssue<LockedPackage>[] = [];
  const valids = locked.filter((p) => valid(p.version) !== null);
  const find = (name: string) => valids.filter((p) => p.name === name);
  for (const name of ['botocore', 'boto3'] as const) {
    for (const p of find(name)) {
      if (lt(p.version, LOGIN_FLOORS[name]!)) {
        issues.push({
          problem: 'botocore-too-old',
          source: p,
          package: name,
          line: p.line,
          found: `${name} ${p.version}`,
          corrected: null,
          why: `${name} is locked at ${p.version}, below ${LOGIN_FLOORS[name]}, which cannot use login_session profiles (${loginWhy(name)}).`,
        });
      }
    }
  }
  const botocore = find('botocore');
  const awscrt = find('awscrt');
  const loginBotocore = botocore.filter((p) => gte(p.version, FLOORS.botocoreLogin.version));
  if (loginBotocore.length > 0 && !locked.some((p) => p.name === 'awscrt')) {
    const p = loginBotocore[0]!;
    issues.push({
      problem: 'awscrt-missing',
      source: p,
      package: 'botocore',
      line: p.line,
      found: `botocore ${p.version}`,
      corrected: null,
      why: `botocore ${p.version} is locked without awscrt (the crt extra), so botocore refuses login_session profiles: Missing Dependency: Using the login credential provider requires an additional dependency. You will need to pip install "botocore[crt]" before proceeding.`,
    });
  }
  if (botocore.some((p) => gte(p.version, FLOORS.botocorePaddedDpop.version))) {
    for (const p of awscrt) {
      if (lt(p.version, FLOORS.awscrtPaddedDpop.version)) {
        issues.push({
          problem: 'awscrt-too-old',
          source: p,
          package: 'awscrt',
          line: p.line,
          found: `awscrt ${p.version}`,
          corrected: null,
          why: `awscrt is locked at ${p.version} next to botocore ${botocore.map((b) => b.version).join(', ')}: ${FLOORS.awscrtPaddedDpop.why}. The refresh ~10 minutes after login then fails with AttributeError: type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'.`,
        });
      }
    }
  }
  return issues;
}
