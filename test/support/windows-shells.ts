import assert from 'node:assert/strict';

/* Reference readers of Windows command lines, to check quoting without a Windows machine. */

/**
 * PowerShell's reading of a single-quoted string (the tokenizer's rule): any of ' ‘ ’ ‚ ‛ ends it unless the next
 * character is one too, which stands for the first. Returns the value and what follows the string.
 */
export function readPowerShellSingleQuoted(text: string): { value: string; rest: string } {
  const quote = /['\u2018\u2019\u201a\u201b]/;
  assert.ok(quote.test(text[0]!), `not a single-quoted string: ${text}`);
  let value = '';
  for (let i = 1; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quote.test(ch)) {
      if (quote.test(text[i + 1] ?? '')) {
        value += ch;
        i += 1;
        continue;
      }
      return { value, rest: text.slice(i + 1) };
    }
    value += ch;
  }
  throw new Error(`unterminated string: ${text}`);
}

/** cmd.exe's interactive line: fails on a special character it would act on; removes the escaping carets. */
export function readCmdLine(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (ch === '^') {
      out += line[i + 1] ?? '';
      i += 1;
      continue;
    }
    assert.ok(!'()%!"<>&|'.includes(ch), `cmd.exe would act on ${ch} in: ${line}`);
    out += ch;
  }
  return out;
}

/** The Microsoft C runtime's argument parser (CommandLineToArgvW), for the arguments a program receives. */
export function parseWindowsArgv(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let inQuotes = false;
  let started = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (ch === '\\') {
      let n = 0;
      while (line[i] === '\\') {
        n += 1;
        i += 1;
      }
      if (line[i] === '"') {
        current += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) current += '"';
        else {
          inQuotes = !inQuotes;
        }
      } else {
        current += '\\'.repeat(n);
        i -= 1;
      }
      started = true;
      continue;
    }
    if (ch === '"') {
      inQuotes = !inQuotes;
      started = true;
      continue;
    }
    if ((ch === ' ' || ch === '\t') && !inQuotes) {
      if (started) args.push(current);
      current = '';
      started = false;
      continue;
    }
    current += ch;
    started = true;
  }
  if (started) args.push(current);
  return args;
}

