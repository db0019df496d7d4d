import { createInterface, type Interface } from 'node:readline';

/** The terminal as the commands see it; tests pass an in-memory one. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  errIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Width of the terminal stdout writes to; null when stdout is not a terminal (never wrap piped text). */
  columns: number | null;
  /** Reads stdin to the end, keeping at most maxBytes. */
  readStdin(maxBytes: number): Promise<string>;
  /** Asks a yes/no question on the terminal (stderr); end of input answers no. */
  ask(question: string): Promise<boolean>;
  /** Asks for a line of text on the terminal (stderr); null at end of input. */
  prompt(question: string): Promise<string | null>;
}

/** A reader that quits early (`login-doctor --help | head`) is not an error: stop quietly. */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}

let terminal: Interface | null = null;
let lines: AsyncIterator<string> | null = null;

/** Lets the process end: the terminal reader keeps stdin open once a question was asked. */
export function closeProcessIo(): void {
  terminal?.close();
  terminal = null;
  lines = null;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY),
  stdinIsTTY: Boolean(process.stdin.isTTY),
  columns: process.stdout.isTTY ? process.stdout.columns || 80 : null,
  async readStdin(maxBytes) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      if (size < maxBytes) chunks.push(chunk.subarray(0, maxBytes - size));
      size += chunk.length;
    }
    return Buffer.concat(chunks).toString('utf8');
  },
  ask(question) {
    return processIo.prompt(question).then((answer) => answer !== null && /^y(es)?$/i.test(answer.trim()));
  },
  async prompt(question) {
    // One reader for the whole run: lines typed (or pasted) ahead of a question wait for it instead of being lost.
    terminal ??= createInterface({ input: process.stdin, crlfDelay: Infinity });
    lines ??= terminal[Symbol.asyncIterator]();
    process.stderr.write(question);
    const next = await lines.next();
    return next.done ? null : next.value;
  },
};
