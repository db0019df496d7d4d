/** pyproject.toml dependencies, PEP 621 and Poetry (its own module: the TOML parser loads only when one exists). */
import { parse as parseToml } from 'smol-toml';
import { normalizePythonName, parsePep508, type PythonRequirement } from './python-requirements.js';

export interface PyprojectDeps {
  requirements: PythonRequirement[];
}

type TomlTable = Record<string, unknown>;

function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Line of the first line at or after `from` that matches, 1-based; 0 when absent. */
function findLine(lines: readonly string[], test: (line: string) => boolean, from = 0): number {
  for (let i = from; i < lines.length; i++) if (test(lines[i]!)) return i + 1;
  return 0;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Converts a Poetry version constraint to a PEP 440 specifier (Poetry docs, "Dependency specification"):
 * `^1.2.3`, `~1.2`, `1.2.*`, `*`, bare `1.2.3` (exact), comparison lists; null for `||` alternatives we do not model.
 */
export function poetryToPep440(constraint: string): string | null {
  const c = constraint.trim();
  if (c.includes('||')) return null;
  const parts = c.split(',').map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  for (const part of parts) {
    if (part === '*') continue;
    const caret = /^\^\s*(\d+(?:\.\d+)*)$/.exec(part);
    const tilde = /^~(?!=)\s*(\d+(?:\.\d+)*)$/.exec(part);
    if (caret) {
      const nums = caret[1]!.split('.').map(Number);
      const firstNonZero = nums.findIndex((n) => n !== 0);
      const idx = firstNonZero === -1 ? nums.length - 1 : firstNonZero;
      const upper = nums.slice(0, idx + 1);
      upper[idx] = upper[idx]! + 1;
      out.push(`>=${caret[1]}`, `<${upper.join('.')}`);
    } else if (tilde) {
      const nums = tilde[1]!.split('.').map(Number);
      const upper = nums.length === 1 ? [nums[0]! + 1] : [nums[0]!, nums[1]! + 1];
      out.push(`>=${tilde[1]}`, `<${upper.join('.')}`);
    } else if (/^(~=|===|==|!=|<=|>=|<|>)/.test(part)) out.push(part.replace(/\s+/g, ''));
    else if (/^\d+(\.\d+)*(\.\*)?$/.test(part)) out.push(`==${part}`);
    else return null;
  }
  return out.join(',');
}

/** Dependencies of a pyproject.toml: [project] dependencies and optional-dependencies, and Poetry's tables. */
export function parsePyproject(text: string): PyprojectDeps {
  const doc = parseToml(text) as TomlTable;
  const lines = text.split(/\r\n|\n|\r/);
  const requirements: PythonRequirement[] = [];
  const project = isTable(doc.project) ? doc.project : {};
  const pep621: string[] = [];
  if (Array.isArray(project.dependencies)) pep621.push(...project.dependencies.filter((d): d is string => typeof d === 'string'));
  if (isTable(project['optional-dependencies'])) {
    for (const group of Object.values(project['optional-dependencies'])) {
      if (Array.isArray(group)) pep621.push(...group.filter((d): d is string => typeof d === 'string'));
    }
  }
  for (const dep of pep621) {
    const line = findLine(lines, (l) => l.includes(`"${dep}"`) || l.includes(`'${dep}'`));
    const parsed = parsePep508(dep, line);
    if (parsed) requirements.push({ ...parsed, style: 'pep621' });
  }

  const tool = isTable(doc.tool) ? doc.tool : {};
  const poetry = isTable(tool.poetry) ? tool.poetry : {};
  const tables: TomlTable[] = [];
  if (isTable(poetry.dependencies)) tables.push(poetry.dependencies);
  if (isTable(poetry['dev-dependencies'])) tables.push(poetry['dev-dependencies']);
  if (isTable(poetry.group)) {
    for (const group of Object.values(poetry.group)) if (isTable(group) && isTable(group.dependencies)) tables.push(group.dependencies);
  }
  for (const table of tables) {
    for (const [rawName, value] of Object.entries(table)) {
      if (normalizePythonName(rawName) === 'python') continue;
      const version = typeof value === 'string' ? value : isTable(value) && typeof value.version === 'string' ? value.version : null;
      const extras = isTable(value) && Array.isArray(value.extras) ? value.extras.filter((e): e is string => typeof e === 'string') : [];
      const keyPattern = new RegExp(`^\\s*["']?${escapeRegExp(rawName)}["']?\\s*=`);
      const line = findLine(lines, (l) => keyPattern.test(l));
      requirements.push({
        name: normalizePythonName(rawName),
        rawName,
        extras,
        specifier: version === null ? null : poetryToPep440(version),
        marker: '',
        line,
        text: line > 0 ? lines[line - 1]!.trim() : `${rawName} = ${JSON.stringify(value)}`,
        style: 'poetry',
        ...(version === null ? {} : { poetryVersion: version }),
      });
    }
  }
  return { requirements };
}
