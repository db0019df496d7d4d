import { createInterface } from 'node:readline';

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
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    return new Promise((resolve) => {
      // Resolve before close(): close emits 'close' synchronously, which answers "no" (end of input).
      rl.question(question, (answer) => {
        resolve(/^y(es)?$/i.test(answer.trim()));
        rl.close();
      });
      rl.on('close', () => resolve(false));
    });
  },
};
