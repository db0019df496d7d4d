import { Chalk, type ChalkInstance } from 'chalk';
import type { Status } from '../engine/finding.js';

export interface StyleOptions {
  /** --color (true) / --no-color (false) / neither (undefined). */
  colorFlag: boolean | undefined;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
  ascii: boolean;
}

/** Colour precedence: --color/--no-color > FORCE_COLOR > NO_COLOR > TTY detection. */
export function colorLevel({ colorFlag, env, isTTY }: StyleOptions): 0 | 1 | 2 | 3 {
  if (colorFlag === false) return 0;
  if (colorFlag === true) return forcedLevel(env.FORCE_COLOR) || 1;
  if (env.FORCE_COLOR !== undefined) return forcedLevel(env.FORCE_COLOR);
  if (env.NO_COLOR) return 0;
  if (!isTTY || env.TERM === 'dumb') return 0;
  return 1;
}

function forcedLevel(value: string | undefined): 0 | 1 | 2 | 3 {
  if (value === undefined) return 0;
  if (value === '' || value === 'true') return 1;
  if (value === 'false') return 0;
  const n = Number.parseInt(value, 10);
  return n >= 3 ? 3 : n === 2 ? 2 : n === 1 ? 1 : 0;
}

export interface Style {
  chalk: ChalkInstance;
  symbol(status: Status): string;
  /** Columns a status symbol takes. */
  symbolWidth: number;
  /** The text as the terminal can show it: typographic characters spelled in ASCII with --ascii or TERM=dumb. */
  text(s: string): string;
}

const ASCII_SPELLING: Record<string, string> = { '…': '...', '·': '-', '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '–': '-', '—': '-', '“': '"', '”': '"', '‘': "'", '’': "'", '×': 'x', '✓': '[ok]', '✗': '[XX]', '○': '[--]' };
const TYPOGRAPHIC = new RegExp(`[${Object.keys(ASCII_SPELLING).join('')}]`, 'g');

/** Spells the typographic characters login-doctor itself writes in ASCII (other text keeps its characters). */
export function asciiText(s: string): string {
  return s.replace(TYPOGRAPHIC, (c) => ASCII_SPELLING[c]!);
}

const UNICODE: Record<Status, string> = { pass: '✓', info: 'i', warn: '!', fail: '✗', skip: '○' };
const ASCII: Record<Status, string> = { pass: '[ok]', info: '[ii]', warn: '[!!]', fail: '[XX]', skip: '[--]' };

export function makeStyle(options: StyleOptions): Style {
  const chalk = new Chalk({ level: colorLevel(options) });
  const ascii = options.ascii || options.env.TERM === 'dumb';
  const paint: Record<Status, (s: string) => string> = {
    pass: chalk.green,
    info: chalk.blue,
    warn: chalk.yellow,
    fail: chalk.red,
    skip: chalk.gray,
  };
  return {
    chalk,
    symbol: (status) => paint[status]((ascii ? ASCII : UNICODE)[status]),
    symbolWidth: ascii ? 4 : 1,
    text: ascii ? asciiText : (s) => s,
  };
}
