// `npm run doctor`: rebuild dist/ only when a TypeScript source or build setting is newer than the last build,
// so a run from a clone starts in milliseconds instead of compiling on every call.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), st.mtimeMs);
}

let built = -Infinity;
try {
  built = statSync(join(root, 'dist/bundle/main.js')).mtimeMs;
} catch {
  // Never built.
}
const sources = Math.max(...['src', 'tsconfig.json', 'scripts/build-bundle.mjs'].map((p) => newest(join(root, p))));
if (sources > built) {
  process.stderr.write('login-doctor: sources changed, rebuilding dist/ …\n');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
}
