/** Where strict JSON parsing stops, for findings that must say exactly what is wrong with a cache file. */
export interface JsonSyntaxError {
  message: string;
  /** 0-based character offset into the text. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
}

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

// A token file is a flat object; deeper nesting is not a token and must not exhaust the stack.
const MAX_DEPTH = 64;

/** JSON.parse, plus the line and column of the first syntax error when it fails. */
export function parseJsonText(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: locateJsonError(text) };
  }
}

/** The JSON object in `text`, or null when it is not JSON or not an object (an array, a string, null...). */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  const parsed = parseJsonText(text);
  return parsed.ok && isObject(parsed.value) ? parsed.value : null;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Scans text as RFC 8259 JSON and returns the first error (or a generic one if the text is valid). */
export function locateJsonError(text: string): JsonSyntaxError {
  let i = 0;
  const describe = (at: number) => {
    if (at >= text.length) return 'the end of the file';
    const ch = text[at]!;
    if (ch === '\ufeff') return 'a byte order mark (U+FEFF)';
    if (ch === '"') return 'a double quote';
    const code = ch.codePointAt(0)!;
    return code < 0x20 || code === 0x7f ? `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : `"${ch}"`;
  };
  const fail = (what: string): never => {
    throw new Stop(i, `expected ${what}, found ${describe(i)}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('a JSON value');
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('a closing quote');
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch.charCodeAt(0) < 0x20) fail('a closing quote (strings cannot span lines)');
      if (ch === '\\') {
        i++;
        const esc = text[i];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('four hex digits after \\u');
          i += 5;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i++;
        else fail('a valid escape sequence');
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail('a JSON value');
    i += m![0].length;
  };
  const value = (depth: number) => {
    ws();
    if (depth > MAX_DEPTH) throw new Stop(i, `nesting deeper than ${MAX_DEPTH} levels`);
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail('":" after a property name');
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail('"," or "}" after a property value');
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail('"," or "]" after an array element');
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    fail('a JSON value');
  };
  let stop: Stop;
  try {
    value(0);
    ws();
    if (i < text.length) fail('the end of the file after the JSON value');
    stop = new Stop(0, 'JSON.parse rejected the text');
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    stop = error;
  }
  return { message: stop.message, offset: stop.offset, ...lineColumn(text, stop.offset) };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
