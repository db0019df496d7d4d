/**
 * Version comparison across ecosystems: Go (v1.32.0), Maven (2.39.1), NuGet (4.0.3.2), Cargo and Terraform
 * requirements. Plain numbers compared part by part; a pre-release sorts before its release.
 */
import semver from 'semver';

interface Parsed {
  parts: number[];
  pre: boolean;
}

function parse(version: string): Parsed | null {
  const m = /^v?(\d+(?:\.\d+)*)(?:([-.+]?)([0-9A-Za-z.+-]*))?$/.exec(version.trim());
  if (!m) return null;
  const parts = m[1]!.split('.').map(Number);
  // Maven and Go write pre-releases with a dash (2.40.0-SNAPSHOT, v1.32.0-rc.1); a plus is build metadata.
  const pre = m[2] === '-' || (m[2] === '.' && /^[A-Za-z]/.test(m[3] ?? ''));
  return { parts, pre };
}

/** Negative when a < b, 0 when equal, positive when a > b; null when either is not a version. */
export function compareVersions(a: string, b: string): number | null {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return null;
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i += 1) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  return x.pre === y.pre ? 0 : x.pre ? -1 : 1;
}

/** found < floor; null when found is not a version. */
export function versionBelow(found: string, floor: string): boolean | null {
  const c = compareVersions(found, floor);
  return c === null ? null : c < 0;
}

/** Pads 1 and 1.8 to 1.0.0 and 1.8.0 for semver. */
function full(version: string): string | null {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?([-+].*)?$/.exec(version.trim());
  return m ? `${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}${m[4] ?? ''}` : null;
}

function allows(range: string, floor: string): boolean | null {
  try {
    const r = new semver.Range(range);
    return semver.intersects(r.range || '*', `>=${full(floor)}`);
  } catch {
    return null;
  }
}

/**
 * Whether a Terraform version constraint (`>= 1.5, < 1.15`, `~> 1.14.0`) admits any version at or above floor.
 * null when the constraint cannot be read.
 */
export function terraformConstraintAllows(constraint: string, floor: string): boolean | null {
  const parts: string[] = [];
  for (const raw of constraint.split(',')) {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*v?(\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?)\s*$/.exec(raw);
    if (!m) return null;
    const [, op = '=', v] = m as unknown as [string, string | undefined, string];
    const f = full(v)!;
    if (op === '!=') continue;
    if (op === '~>') {
      // ~> 1.14.0 allows 1.14.x; ~> 1.14 allows 1.x from 1.14.
      const n = v.split('-')[0]!.split('.').map(Number);
      const upper = n.length >= 3 ? `${n[0]}.${n[1]! + 1}.0` : n.length === 2 ? `${n[0]! + 1}.0.0` : null;
      parts.push(`>=${f}`);
      if (upper) parts.push(`<${upper}`);
    } else parts.push(op === '=' ? f : `${op}${f}`);
  }
  return allows(parts.join(' ') || '*', floor);
}

/** Whether a Cargo version requirement (`1.8`, `=1.8.5`, `~1.8.2`, `>=1.5, <1.8`) admits a version at or above floor. */
export function cargoRequirementAllows(requirement: string, floor: string): boolean | null {
  const parts: string[] = [];
  for (const raw of requirement.split(',')) {
    const m = /^\s*(\^|~|=|>=|<=|>|<)?\s*(\d+(?:\.(?:\d+|\*)){0,2}(?:-[0-9A-Za-z.-]+)?|\*)\s*$/.exec(raw);
    if (!m) return null;
    const [, op, v] = m as unknown as [string, string | undefined, string];
    // A bare requirement in Cargo is a caret requirement.
    parts.push(`${op ?? (v === '*' ? '' : '^')}${v}`);
  }
  return allows(parts.join(' '), floor);
}

/** Whether an npm range admits a version at or above floor (a tag or URL: null). */
export function npmRangeAllows(range: string, floor: string): boolean | null {
  return semver.validRange(range) ? allows(range, floor) : null;
}

/** The lowest version a NuGet version or range (`4.0.3.2`, `[4.0.3.2, )`, `4.0.*`) can resolve to; null when unreadable. */
export function nugetLowest(spec: string): string | null {
  const s = spec.trim();
  const m = /^[[(]\s*([^,\s)\]]*)\s*(?:,[^)\]]*)?[)\]]$/.exec(s);
  const v = m ? m[1]! : s;
  const plain = v.replace(/\.\*$/, '.0').replace(/^\*$/, '0');
  return parse(plain) ? plain : null;
}
