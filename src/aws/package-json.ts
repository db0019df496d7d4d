/** A project's package.json: its declared dependencies with their lines, and the package manager it names. */

/** A dependency as package.json declares it. */
export interface DeclaredJsDependency {
  name: string;
  range: string;
  field: 'dependencies' | 'devDependencies' | 'optionalDependencies';
  line: number;
}

export interface PackageJson {
  dependencies: DeclaredJsDependency[];
  /** The `packageManager` field (`pnpm@9.15.0`), when present. */
  packageManager: string | null;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/** Throws when the text is not a JSON object. */
export function parsePackageJson(text: string): PackageJson {
  const doc = JSON.parse(text) as unknown;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('not a JSON object');
  const fields = doc as Record<string, unknown>;
  const lines = text.split(/\r\n|\n|\r/);
  // A name can be in several fields: look for it after its own field's key.
  const lineOf = (field: string, name: string): number => {
    const fieldLine = lines.findIndex((l) => l.includes(`${JSON.stringify(field)}:`));
    const i = lines.findIndex((l, n) => n > fieldLine && l.includes(`${JSON.stringify(name)}:`));
    return i + 1;
  };
  const dependencies: DeclaredJsDependency[] = [];
  for (const field of DEPENDENCY_FIELDS) {
    const deps = fields[field];
    if (typeof deps !== 'object' || deps === null) continue;
    for (const [name, range] of Object.entries(deps)) {
      if (typeof range === 'string') dependencies.push({ name, range, field, line: lineOf(field, name) });
    }
  }
  return { dependencies, packageManager: typeof fields.packageManager === 'string' ? fields.packageManager : null };
}
