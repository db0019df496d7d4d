// Build step: renders `login-doctor --help` once, as a pipe sees it (80 columns), into dist/cli/help.txt, so
// bin/login-doctor.js can print it without loading the CLI. bin/ falls back to the CLI for other widths.
import { writeFileSync } from 'node:fs';

Object.defineProperty(process.stdout, 'isTTY', { value: false });
const { main } = await import('../dist/cli/main.js');
let text = '';
const io = { out: (t) => (text += t), err: (t) => process.stderr.write(t), isTTY: false, errIsTTY: false, stdinIsTTY: false, readStdin: async () => '', ask: async () => false };
const code = await main(['--help'], io);
if (code !== 0 || !text.includes('Usage: login-doctor')) throw new Error(`rendering --help failed (exit ${code})`);
writeFileSync(new URL('../dist/cli/help.txt', import.meta.url), text);
