import { InvalidArgumentError, type Command } from 'commander';

/** A mistake in the command line: printed as one error line, a suggestion and a pointer to --help; exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose --help the hint names (`refresh-test`), or null for the program. */
    readonly command: string | null = null,
  ) {
    super(message);
  }
}

/** Repeatable options; no default value, so help does not print "(default: [])". */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Milliseconds and counts: a whole number above zero. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('Expected a whole number above 0 (milliseconds).');
  return n;
}

/** Parses `a,b` lists limited to `allowed`, without repeats. */
export function choiceList<T extends string>(allowed: readonly T[], name: string): (value: string) => T[] {
  return (value) => {
    const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
    const bad = parts.filter((p) => !(allowed as readonly string[]).includes(p));
    if (bad.length > 0 || parts.length === 0) {
      const hint = bad.length === 1 ? didYouMean(bad[0]!, allowed) : null;
      throw new InvalidArgumentError(`${name} takes a comma list of ${allowed.join(', ')}; got "${value}".${hint ? ` Did you mean ${hint}?` : ''}`);
    }
    return [...new Set(parts as T[])];
  };
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The closest candidate within a few edits (or one that contains the word), or null. */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  let best: { c: string; d: number } | null = null;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    const limit = Math.max(1, Math.min(3, Math.floor(c.length / 3)));
    const close = d <= limit || (w.length >= 3 && c.toLowerCase().includes(w));
    if (close && (!best || d < best.d)) best = { c, d };
  }
  return best?.c ?? null;
}

/**
 * A subcommand's option values merged with the program options given before its name
 * (`login-doctor --offline report`): what was typed wins over a default, the subcommand's over the program's.
 */
export function typedOptions<T>(command: Command): T {
  const merged: Record<string, unknown> = { ...command.opts() };
  for (let parent = command.parent; parent; parent = parent.parent) {
    for (const [key, value] of Object.entries(parent.opts())) {
      const typedHere = command.getOptionValueSource(key) === 'cli';
      if (!typedHere && (parent.getOptionValueSource(key) === 'cli' || !(key in merged))) merged[key] = value;
    }
  }
  return merged as T;
}
