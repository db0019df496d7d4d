/**
 * A repair `--fix` may make itself, carried beside a finding with its exact path (the printed finding only shows
 * a sanitized copy in `evidence.fixable`). src/fix/local-fixes.ts applies them; everything else is only printed.
 */
export type FixAction =
  /** Tighten a mode: it may grant nothing to group/others. */
  | { kind: 'chmod'; path: string; mode: string }
  /** Give a file/folder back to the current user; without gid the file keeps its group. */
  | { kind: 'chown'; path: string; uid: number; gid?: number }
  /** Only tmp*.tmp leftovers (botocore's interrupted writes). */
  | { kind: 'remove'; path: string }
  /** One missing `key = value` in an INI section; `section` is the header text ("profile dev"), `line` its 1-based line. */
  | { kind: 'add-setting'; path: string; section: string; line: number; key: string; value: string };
