/** poetry.lock, uv.lock and Pipfile.lock (its own module: the TOML parser loads only for projects that have one). */
import { parse as parseToml } from 'smol-toml';
import { isObject, LineCursor, type Json, type LockedPackage, type PythonLockKind } from './lockfiles.js';
import { normalizePythonName } from './python-requirements.js';

/** poetry.lock and uv.lock: TOML `[[package]]` tables with `name` and `version`. */
function parseTomlPackages(text: string): LockedPackage[] {
  const doc = parseToml(text) as Json;
  if (!Array.isArray(doc.package)) throw new Error('no [[package]] tables');
  const cursor = new LineCursor(text);
  const out: LockedPackage[] = [];
  for (const entry of doc.package) {
    if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.version !== 'string') continue;
    cursor.find('[[package]]');
    const start = cursor.position;
    const versionLine = cursor.find(`version = ${JSON.stringify(entry.version)}`, 10);
    if (versionLine === 0) cursor.reset(start);
    out.push({ name: normalizePythonName(entry.name), version: entry.version, line: versionLine || start });
  }
  return out;
}

/** Pipfile.lock: JSON `default` and `develop` maps of `name: { version: "==1.2.3" }`. */
function parsePipfileLock(text: string): LockedPackage[] {
  const doc = JSON.parse(text) as unknown;
  if (!isObject(doc) || (!isObject(doc.default) && !isObject(doc.develop))) throw new Error('no "default" or "develop" section');
  const cursor = new LineCursor(text);
  const out: LockedPackage[] = [];
  for (const section of ['default', 'develop']) {
    const deps = doc[section];
    if (!isObject(deps)) continue;
    cursor.find(`"${section}": {`);
    for (const [name, entry] of Object.entries(deps)) {
      if (!isObject(entry) || typeof entry.version !== 'string') continue;
      const keyLine = cursor.find(`${JSON.stringify(name)}: {`);
      const start = cursor.position;
      const versionLine = cursor.find(`"version": ${JSON.stringify(entry.version)}`, 40);
      if (versionLine === 0) cursor.reset(start);
      out.push({ name: normalizePythonName(name), version: entry.version.replace(/^===?/, ''), line: versionLine || keyLine });
    }
  }
  return out;
}

export function parsePythonLock(kind: PythonLockKind, text: string): LockedPackage[] {
  if (kind === 'Pipfile.lock') return parsePipfileLock(text);
  return parseTomlPackages(text);
}
