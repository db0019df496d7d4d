/** Progress on stderr while the checks run: only for a person watching a terminal. */
export interface SpinnerDecision {
  stderrIsTTY: boolean;
  json: boolean;
  markdown: boolean;
  ci: boolean;
  github: boolean;
  term: string | undefined;
}

export function shouldSpin(d: SpinnerDecision): boolean {
  return d.stderrIsTTY && !d.json && !d.markdown && !d.ci && !d.github && d.term !== 'dumb';
}

const UNICODE_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const ASCII_FRAMES = ['|', '/', '-', '\\'];

export class Spinner {
  private frame = 0;
  private done = 0;
  private total = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (text: string) => void,
    private readonly ascii: boolean,
  ) {}

  /** The line currently shown (also used by tests). */
  line(): string {
    const frames = this.ascii ? ASCII_FRAMES : UNICODE_FRAMES;
    return `\r${frames[this.frame % frames.length]} Checking${this.ascii ? '...' : '…'} ${this.done}/${this.total}`;
  }

  start(total: number): void {
    this.total = total;
    this.write(this.line());
    this.timer = setInterval(() => {
      this.frame += 1;
      this.write(this.line());
    }, 80);
    this.timer.unref();
  }

  update(done: number, total: number): void {
    this.done = done;
    this.total = total;
    this.write(this.line());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Carriage return + erase line: the report starts on a clean line.
    this.write('\r\u001b[K');
  }
}
