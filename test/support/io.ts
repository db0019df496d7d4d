import type { Io } from '../../src/cli/io.js';

/** An in-memory Io for in-process CLI runs of commands that touch neither HOME nor the environment. */
export function memoryIo(o: { stdin?: string; answers?: boolean[]; tty?: boolean } = {}): Io & { stdout: string; stderr: string; questions: string[] } {
  const answers = [...(o.answers ?? [])];
  const io = {
    stdout: '',
    stderr: '',
    questions: [] as string[],
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
    isTTY: o.tty ?? false,
    errIsTTY: o.tty ?? false,
    stdinIsTTY: o.tty ?? false,
    columns: o.tty ? 80 : null,
    async readStdin(max: number) {
      return (o.stdin ?? '').slice(0, max);
    },
    async ask(q: string) {
      io.questions.push(q);
      return answers.shift() ?? false;
    },
    async prompt(q: string) {
      io.questions.push(q);
      return null;
    },
  };
  return io;
}
