/**
 * Rewrites one timestamp inside a token cache file without re-serialising it, so the file keeps its key order,
 * whitespace style (single-line `json.dumps` from botocore, pretty `JSON.stringify(…, null, 2)` from the JS SDK)
 * and timestamp style (`…:00Z` from botocore and the CLI, `…:00.000Z` from the JS SDK): aws/aws-cli awscli/customizations/login/utils.py,
 * boto/botocore utils.py JSONFileCache, @aws-sdk/credential-provider-login LoginCredentialsFetcher.
 */

export interface Span {
  /** Offset of the opening quote. */
  start: number;
  /** Offset just past the closing quote. */
  end: number;
}

/** The path of the expiry a login cache file carries (`accessToken.expiresAt`). */
export const LOGIN_EXPIRY_PATH = ['accessToken', 'expiresAt'] as const;

class Scanner {
  constructor(
    private readonly text: string,
    public pos = 0,
  ) {}

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos += 1;
  }

  fail(what: string): never {
    throw new SyntaxError(`${what} at offset ${this.pos}`);
  }

  string(): Span {
    const start = this.pos;
    if (this.text[this.pos] !== '"') this.fail('expected a string');
    this.pos += 1;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (ch === '\\') this.pos += 2;
      else if (ch === '"') return { start, end: ++this.pos };
      else this.pos += 1;
    }
    return this.fail('unterminated string');
  }

  /**
   * Skips one value and returns the span of the string at `path` below it (the last duplicate key wins, as in
   * JSON.parse); `path` null means nothing below is wanted.
   */
  value(path: readonly string[] | null): Span | null {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '"') {
      const span = this.string();
      return path?.length === 0 ? span : null;
    }
    if (ch === '{') return this.object(path?.length ? path : null);
    if (ch === '[') {
      this.pos += 1;
      this.skipSpace();
      if (this.text[this.pos] === ']') {
        this.pos += 1;
        return null;
      }
      for (;;) {
        this.value(null);
        this.skipSpace();
        const next = this.text[this.pos++];
        if (next === ']') return null;
        if (next !== ',') this.fail('expected , or ]');
      }
    }
    const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!literal) this.fail('unexpected character');
    this.pos += literal[0].length;
    return null;
  }

  private object(path: readonly string[] | null): Span | null {
    this.pos += 1;
    let found: Span | null = null;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return null;
    }
    for (;;) {
      this.skipSpace();
      const keySpan = this.string();
      const key = JSON.parse(this.text.slice(keySpan.start, keySpan.end)) as string;
      this.skipSpace();
      if (this.text[this.pos++] !== ':') this.fail('expected :');
      const wanted = path !== null && key === path[0];
      const below = this.value(wanted ? path.slice(1) : null);
      if (wanted) found = below;
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === '}') return found;
      if (next !== ',') this.fail('expected , or }');
    }
  }
}

/** Where the string value at `path` sits in `text`, or null if there is none. Throws SyntaxError on bad JSON. */
export function findStringAt(text: string, path: readonly string[]): Span | null {
  JSON.parse(text);
  const scanner = new Scanner(text);
  return scanner.value(path);
}

const ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]00:?00)$/;

/** Formats `date` in the same style as `example` (fraction digits and UTC suffix); plain `…Z` if unrecognised. */
export function formatLike(example: string, date: Date): string {
  const m = ISO.exec(example);
  const iso = date.toISOString();
  const seconds = iso.slice(0, 19);
  if (!m) return `${seconds}Z`;
  const digits = m[2] ? m[2].length - 1 : 0;
  const fraction = digits === 0 ? '' : '.' + iso.slice(20, 23).padEnd(digits, '0').slice(0, digits);
  return `${seconds}${fraction}${m[3]}`;
}

export type RewriteResult = { ok: true; text: string; previous: string } | { ok: false; reason: string };

/**
 * Replaces the string at `path` with `value`, touching no other byte, and proves it: the result must parse to
 * the same document with only that one value changed.
 */
export function replaceStringAt(text: string, path: readonly string[], value: string): RewriteResult {
  let span: Span | null;
  try {
    span = findStringAt(text, path);
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${(error as Error).message}` };
  }
  if (!span) return { ok: false, reason: `no string at ${path.join('.')}` };
  const previous = JSON.parse(text.slice(span.start, span.end)) as string;
  const out = text.slice(0, span.start) + JSON.stringify(value) + text.slice(span.end);
  const expected = JSON.parse(text) as Record<string, unknown>;
  setPath(expected, path, value);
  if (JSON.stringify(JSON.parse(out)) !== JSON.stringify(expected)) return { ok: false, reason: 'rewrite changed more than the one value' };
  return { ok: true, text: out, previous };
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: string): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

/** Rewrites the timestamp at `path` to `date`, in the file's own timestamp style. */
export function rewriteExpiry(text: string, path: readonly string[], date: Date): RewriteResult {
  let span: Span | null;
  try {
    span = findStringAt(text, path);
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${(error as Error).message}` };
  }
  if (!span) return { ok: false, reason: `no ${path.join('.')} string` };
  const previous = JSON.parse(text.slice(span.start, span.end)) as string;
  return replaceStringAt(text, path, formatLike(previous, date));
}
