/**
 * The shared config/credentials INI dialect, parsed the way botocore's configparser reads it
 * (the strictest consumer): `=` or `:` delimiters, `#`/`;` comment lines, indented continuation
 * lines, lower-cased keys, and duplicates or keys before any section are errors that make
 * botocore reject the whole file.
 */
export interface IniEntry {
  value: string;
  line: number;
}

export interface IniSection {
  /** The raw text between the brackets. */
  header: string;
  line: number;
  entries: Map<string, IniEntry>;
}

export interface IniError {
  line: number;
  message: string;
  /** True when botocore refuses the whole file for it (configparser raises). */
  fatalForBotocore: boolean;
}

export interface ParsedIni {
  sections: IniSection[];
  errors: IniError[];
}

const SECTION = /^\[(.+)\]/;
const OPTION = /^(.*?)\s*([=:])\s*(.*)$/;

export function parseIni(text: string): ParsedIni {
  const sections: IniSection[] = [];
  const errors: IniError[] = [];
  const seenHeaders = new Set<string>();
  let current: IniSection | null = null;
  let lastKey: string | null = null;
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const indented = /^[ \t]/.test(raw);
    if (indented && current && lastKey) {
      // Continuation of the previous value (nested settings like `s3 =` then `  addressing_style = path`).
      const entry = current.entries.get(lastKey)!;
      entry.value = entry.value === '' ? trimmed : `${entry.value}\n${trimmed}`;
      return;
    }
    const section = SECTION.exec(trimmed);
    if (section) {
      const header = section[1]!;
      if (seenHeaders.has(header)) {
        errors.push({ line: lineNo, message: `section [${header}] appears twice`, fatalForBotocore: true });
      }
      seenHeaders.add(header);
      current = { header, line: lineNo, entries: new Map() };
      sections.push(current);
      lastKey = null;
      return;
    }
    const option = OPTION.exec(trimmed);
    if (!current) {
      errors.push({ line: lineNo, message: 'a setting before any [section] header', fatalForBotocore: true });
      return;
    }
    if (!option || option[1] === '') {
      errors.push({ line: lineNo, message: `not a "key = value" line: ${trimmed.slice(0, 80)}`, fatalForBotocore: true });
      lastKey = null;
      return;
    }
    const key = option[1]!.toLowerCase();
    if (current.entries.has(key)) {
      errors.push({ line: lineNo, message: `"${key}" is set twice in [${current.header}]`, fatalForBotocore: true });
    }
    current.entries.set(key, { value: option[3]!, line: lineNo });
    lastKey = key;
  });
  return { sections, errors };
}

/** A value as a consumer stores it: text, or a nested block (`s3 =` then indented `key = value` lines). */
export type ConsumerValue = string | Readonly<Record<string, string>>;

export interface DialectSection {
  /** The text between the brackets, as the consumer keeps it. */
  header: string;
  line: number;
  values: Map<string, { value: ConsumerValue; line: number }>;
}

/** The first line a consumer refuses, and its own words for why. */
export interface DialectError {
  line: number;
  message: string;
}

export type PythonIniResult = { ok: true; sections: DialectSection[] } | { ok: false; error: DialectError };

const PY_SECTION = /^\[([^\n]+)\]/;
/**
 * str.isspace() in Python (and `\s` of its re module), by code: JavaScript's \s differs (it has U+FEFF, lacks
 * U+001C-U+001F and U+0085). A loop, not a regular expression: files of many megabytes go through here.
 */
function isPyWs(c: number): boolean {
  return (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x20) || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}
function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPyWs(s.charCodeAt(a))) a++;
  while (b > a && isPyWs(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}
function pyRstrip(s: string): string {
  let b = s.length;
  while (b > 0 && isPyWs(s.charCodeAt(b - 1))) b--;
  return b === s.length ? s : s.slice(0, b);
}
/** configparser's option pattern `(?P<option>.*?)\s*(?P<vi>[=:])\s*(?P<value>.*)$` on a stripped line: the first `=` or `:` splits it. */
function pyOption(line: string): [key: string, value: string] | null {
  const eq = line.indexOf('=');
  const colon = line.indexOf(':');
  const at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
  return at < 0 ? null : [pyStrip(line.slice(0, at)), pyStrip(line.slice(at + 1))];
}
/** Python's str.splitlines() boundaries (botocore splits nested blocks with it). */
const PY_SPLITLINES = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/;

/**
 * Python's configparser.RawConfigParser (strict, `=`/`:` delimiters, full-line `#`/`;` comments, indented
 * continuation lines, a `[DEFAULT]` section whose keys reach every section) followed by botocore's
 * raw_config_parse (nested blocks must be `key = value` lines). pip botocore and the AWS CLI v2 read both files
 * this way; any error makes them refuse the whole file. `invalidUtf8Line` is the first line with bytes that are
 * not UTF-8 (Python fails to decode the file).
 */
export function parsePythonIni(text: string, invalidUtf8Line: number | null = null): PythonIniResult {
  if (invalidUtf8Line !== null) return { ok: false, error: { line: invalidUtf8Line, message: "'utf-8' codec can't decode the file (bytes that are not UTF-8)" } };
  const sections = new Map<string, { line: number; values: Map<string, { lines: string[]; line: number }> }>();
  const defaults = new Map<string, { lines: string[]; line: number }>();
  const added = new Set<string>();
  let cur: Map<string, { lines: string[]; line: number }> | null = null;
  let sectname = '';
  let optname: string | null = null;
  let indentLevel = 0;
  let firstBad: DialectError | null = null;
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    const stripped = pyStrip(raw);
    const comment = stripped.startsWith('#') || stripped.startsWith(';');
    const value = comment ? '' : stripped;
    if (!value) {
      if (!comment && cur && optname) cur.get(optname)!.lines.push('');
      continue;
    }
    let indent = 0;
    while (isPyWs(raw.charCodeAt(indent))) indent++;
    if (cur && optname && indent > indentLevel) {
      cur.get(optname)!.lines.push(value);
      continue;
    }
    indentLevel = indent;
    const section = PY_SECTION.exec(value);
    if (section) {
      sectname = section[1]!;
      if (sections.has(sectname)) return { ok: false, error: { line: lineNo, message: `section '${sectname}' already exists (DuplicateSectionError)` } };
      if (sectname === 'DEFAULT') cur = defaults;
      else {
        cur = new Map();
        sections.set(sectname, { line: lineNo, values: cur });
        added.add(sectname);
      }
      optname = null;
      continue;
    }
    if (!cur) {
      const bom = lineNo === 1 && raw.startsWith('\ufeff');
      const message = bom ? 'the file starts with a UTF-8 byte-order mark, which Python keeps as part of the first line' : 'a setting before any [section] header';
      return { ok: false, error: { line: lineNo, message: `${message} (MissingSectionHeaderError)` } };
    }
    const option = pyOption(value);
    if (!option) {
      firstBad ??= { line: lineNo, message: 'not a "key = value" line (ParsingError)' };
      continue;
    }
    if (!option[0]) firstBad ??= { line: lineNo, message: 'a value with no key (ParsingError)' };
    optname = option[0].toLowerCase();
    const key = `${sectname}\u0000${optname}`;
    if (added.has(key)) return { ok: false, error: { line: lineNo, message: `option '${optname}' in section '${sectname}' already exists (DuplicateOptionError)` } };
    added.add(key);
    cur.set(optname, { lines: [option[1]], line: lineNo });
  }
  if (firstBad) return { ok: false, error: firstBad };
  const out: DialectSection[] = [];
  for (const [header, s] of sections) {
    const values = new Map<string, { value: ConsumerValue; line: number }>();
    for (const [k, v] of [...defaults, ...s.values]) {
      const joined = pyRstrip(v.lines.join('\n'));
      if (!joined.startsWith('\n')) {
        values.set(k, { value: joined, line: v.line });
        continue;
      }
      const nested: Record<string, string> = {};
      for (const part of joined.split(PY_SPLITLINES)) {
        const l = pyStrip(part);
        if (!l) continue;
        const eq = l.indexOf('=');
        if (eq < 0) return { ok: false, error: { line: v.line, message: `the indented block under "${k}" has a line without "=" (ValueError)` } };
        nested[pyStrip(l.slice(0, eq))] = pyStrip(l.slice(eq + 1));
      }
      values.set(k, { value: nested, line: v.line });
    }
    out.push({ header, line: s.line, values });
  }
  return { ok: true, sections: out };
}

/**
 * Python's shlex.split (POSIX mode), which botocore uses on `[profile NAME]` headers; null where shlex raises.
 */
export function shlexSplit(s: string): string[] | null {
  const out: string[] = [];
  let token: string | null = null;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (token !== null) out.push(token);
      token = null;
      i++;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) return null;
      token = (token ?? '') + s.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let t = '';
      for (;;) {
        if (j >= s.length) return null;
        const d = s[j]!;
        if (d === '"') break;
        if (d === '\\' && j + 1 < s.length && (s[j + 1] === '"' || s[j + 1] === '\\')) {
          t += s[j + 1];
          j += 2;
        } else {
          t += d;
          j++;
        }
      }
      token = (token ?? '') + t;
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 >= s.length) return null;
      token = (token ?? '') + s[i + 1];
      i += 2;
    } else {
      token = (token ?? '') + c;
      i++;
    }
  }
  if (token !== null) out.push(token);
  return out;
}

export interface JsIniResult {
  /** Section keys as the JS SDK builds them: `profile.NAME`, `sso-session.NAME`, or the bare header. */
  sections: Map<string, DialectSection>;
  /** Set when the JS SDK throws on the file (and then silently reads it as empty). */
  error: DialectError | null;
}

const JS_PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const JS_SECTION_TYPES = ['profile', 'sso-session', 'services'];

/**
 * @smithy/shared-ini-file-loader parseIni: `\n` or `\r\n` lines, `#`/`;` comments at line start or after
 * whitespace (also inside values), only `=` as delimiter, keys kept as written, duplicates merged (last wins),
 * `key =` opens a sub-section for the indented lines that follow, and anything it does not understand skipped.
 */
export function parseJsIni(text: string): JsIniResult {
  const sections = new Map<string, DialectSection>();
  let current: string | undefined;
  let sub: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = raw.split(/(^|\s)[;#]/)[0]!.trim();
    if (trimmed[0] === '[' && trimmed[trimmed.length - 1] === ']') {
      current = undefined;
      sub = undefined;
      const name = trimmed.substring(1, trimmed.length - 1);
      const m = JS_PREFIXED.exec(name);
      if (m) {
        if (JS_SECTION_TYPES.includes(m[1]!)) current = `${m[1]}.${m[3]}`;
      } else current = name;
      if (name === '__proto__' || name === 'profile __proto__') {
        return { sections: new Map(), error: { line: i + 1, message: `Found invalid profile name "${name}"` } };
      }
      continue;
    }
    if (current === undefined) continue;
    const eq = trimmed.indexOf('=');
    if (eq === 0 || eq === -1) continue;
    const key = trimmed.substring(0, eq).trim();
    const value = trimmed.substring(eq + 1).trim();
    if (value === '') {
      sub = key;
      continue;
    }
    if (sub && raw.trimStart() === raw) sub = undefined;
    let section = sections.get(current);
    if (!section) {
      section = { header: current, line: i + 1, values: new Map() };
      sections.set(current, section);
    }
    section.values.set(sub ? `${sub}.${key}` : key, { value, line: i + 1 });
  }
  return { sections, error: null };
}
