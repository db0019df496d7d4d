import { InvalidArgumentError, type Command } from 'commander';
import { didYouMean } from '../engine/suggest.js';

export { didYouMean };

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
