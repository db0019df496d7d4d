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
