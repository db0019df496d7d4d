/**
 * Python dependency declarations as written by hand: requirements/constraints files (PEP 508 lines),
 * pyproject.toml (PEP 621 and Poetry). Pure parsers: text in, requirements with their line out.
 */
import { parse as parseToml } from 'smol-toml';

export interface PythonRequirement {
  /** PEP 503 normalized name (lower case, runs of -_. as one -). */
  name: string;
  /** The name as written, for the corrected line. */
  rawName: string;
  extras: string[];
  /** PEP 440 specifier, '' when any version is allowed; null for direct references (`name @ url`). */
  specifier: string | null;
  marker: string;
  line: number;
  /** The declaration as written (one line of a requirements file, or the TOML value). */
  text: string;
  /** How the corrected line must be written: a requirements line, a quoted TOML string (PEP 621), or a Poetry entry. */
  style: 'pep508' | 'pep621' | 'poetry';
  /** Poetry only: the constraint as written (`^1.40`), kept when only extras change. */
  poetryVersion?: string;
}

export interface RequirementsFile {
  requirements: PythonRequirement[];
  /** `-r other.txt` / `-c other.txt` lines, which are not followed. */
  includes: { line: number; text: string }[];
  /** Lines that are neither a requirement nor a known option. */
  unparsed: { line: number; text: string }[];
}

export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

// PEP 508: name, optional [extras], then a version specifier (possibly parenthesized) or `@ url`, then `; marker`.
const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/;

/** Parses one PEP 508 requirement string; null when it is not one. */
export function parsePep508(text: string, line: number): PythonRequirement | null {
  const semi = text.indexOf(';');
  const body = (semi >= 0 ? text.slice(0, semi) : text).trim();
  const marker = semi >= 0 ? text.slice(semi + 1).trim() : '';
  const m = REQUIREMENT.exec(body);
  if (!m) return null;
  const rawName = m[1]!;
  const extras = (m[2] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  let rest = m[3]!.trim();
  let specifier: string | null;
  if (rest.startsWith('@')) specifier = null;
  else {
    if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1).trim();
    if (rest !== '' && !/^(~=|===|==|!=|<=|>=|<|>)/.test(rest)) return null;
    specifier = rest.replace(/\s+/g, '');
  }
  return { name: normalizePythonName(rawName), rawName, extras, specifier, marker, line, text: text.trim(), style: 'pep508' };
}

/** A requirements.txt / constraints.txt file as pip reads it (comments, continuations, options). */
export function parseRequirementsFile(text: string): RequirementsFile {
  const out: RequirementsFile = { requirements: [], includes: [], unparsed: [] };
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let logical = lines[i]!;
    // A trailing backslash joins the next physical line (pip's join_lines).
    while (logical.endsWith('\\') && i + 1 < lines.length) logical = logical.slice(0, -1) + ' ' + lines[++i]!;
    // pip strips `#` comments at the line start or after whitespace (a `#` inside a URL fragment survives).
    const content = logical.replace(/(^|\s)#.*$/, '').trim();
    if (content === '') continue;
    if (/^(-r|--requirement|-c|--constraint)(\s|=|$)/.test(content)) {
      out.includes.push({ line: lineNo, text: content });
      continue;
    }
    if (content.startsWith('-')) continue; // --index-url, -e, --hash ... carry no version of ours
    // Per-requirement options such as `--hash=sha256:...` follow the requirement.
    const requirement = content.replace(/\s--?[a-z][\w-]*(?:[=\s]\S+)?/g, '').trim();
    const parsed = parsePep508(requirement, lineNo);
    if (parsed) out.requirements.push(parsed);
    else if (!/^[a-z][\w+.-]*:\/\/|^\.{0,2}\//i.test(requirement)) out.unparsed.push({ line: lineNo, text: content });
  }
  return out;
}

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

/** `name[extras]specifier; marker` as a requirements line. */
export function formatRequirement(rawName: string, extras: readonly string[], specifier: string, marker: string): string {
  const ex = extras.length ? `[${extras.join(',')}]` : '';
  return `${rawName}${ex}${specifier}${marker ? `; ${marker}` : ''}`;
}
