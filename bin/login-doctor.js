#!/usr/bin/env node
// Thin launcher: the bundled CLI lives in dist/bundle (see scripts/build-bundle.mjs), so an installed package starts without compiling.
// --version and --help load nothing else; a diagnosis starts its Python probes before the CLI loads.
import { readFileSync } from 'node:fs';

// The AWS SDK's multi-line NodeVersionSupportWarning would land on stderr of every live run (and between the
// spinner's frames); login-doctor reports the Node version once, as the environment.node finding, instead.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const argv = process.argv.slice(2);
const only = argv.length === 1 ? argv[0] : null;

/** The help the build rendered for 80 columns (a pipe or an 80-column terminal); null otherwise. */
function renderedHelp() {
  if ((process.stdout.isTTY ? process.stdout.columns : 80) !== 80) return null;
  try {
    return readFileSync(new URL('../dist/bundle/help.txt', import.meta.url), 'utf8');
  } catch {
    return null;
  }
}

const help = only === '--help' || only === '-h' ? renderedHelp() : null;
if (only === '--version' || only === '-V') {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else if (help) {
  process.stdout.write(help);
} else {
  const early = await import('../dist/bundle/early-start.js');
  await early.startEarly(argv);
  const { main } = await import('../dist/bundle/main.js');
  process.exitCode = await main(argv);
  // main awaited every answer it uses: an early probe of a run that stopped at a usage error, say, is not needed.
  early.stopAllChildren();
}
