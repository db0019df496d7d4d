// `npm run build` (type checking is `npm run typecheck`): bundles our own code and the small runtime packages into
// dist/bundle, one file per entry plus shared chunks (lazily loaded parsers stay in their own chunks), so a run opens
// a handful of files instead of ~150 modules; the AWS SDK stays in node_modules (only live checks load it). Then
// renders `--help` once, as a pipe sees it (80 columns), so bin/login-doctor.js can print it without loading the CLI.
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  // Flat output: every file sits at dist/bundle/, as deep as src/cli/, so version.ts finds ../../package.json.
  entryPoints: { main: 'src/cli/main.ts', 'early-start': 'src/probes/early-start.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@aws-sdk/*', '@smithy/*'],
  // Bundled CommonJS packages (semver, cross-spawn, @renovatebot/pep440) call require() for Node's own modules.
  banner: { js: "import { createRequire as __ldCreateRequire } from 'node:module'; const require = __ldCreateRequire(import.meta.url);" },
  outdir: 'dist/bundle',
  logLevel: 'warning',
});

Object.defineProperty(process.stdout, 'isTTY', { value: false });
const { main } = await import('../dist/bundle/main.js');
let text = '';
const io = { out: (t) => (text += t), err: (t) => process.stderr.write(t), isTTY: false, errIsTTY: false, stdinIsTTY: false, readStdin: async () => '', ask: async () => false };
const code = await main(['--help'], io);
if (code !== 0 || !text.includes('Usage: login-doctor')) throw new Error(`rendering --help failed (exit ${code})`);
writeFileSync(new URL('../dist/bundle/help.txt', import.meta.url), text);
