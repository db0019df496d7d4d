/**
 * Python dependency declarations as written by hand: requirements/constraints files (PEP 508 lines);
 * pyproject.ts reads pyproject.toml into the same shape. Pure parsers: text in, requirements with their line out.
 */

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

/** `name[extras]specifier; marker` as a requirements line. */
export function formatRequirement(rawName: string, extras: readonly string[], specifier: string, marker: string): string {
  const ex = extras.length ? `[${extras.join(',')}]` : '';
  return `${rawName}${ex}${specifier}${marker ? `; ${marker}` : ''}`;
}
