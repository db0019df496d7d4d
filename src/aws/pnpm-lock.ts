/** pnpm-lock.yaml v5–v9 (its own module: the YAML parser loads only for projects that have one). */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { LockedPackage } from './lockfiles.js';

/** Splits `name@version` (`@scope/name@version`), `/name/version` (pnpm v5) and `/name@version` (v6). */
function splitPnpmKey(key: string): { name: string; version: string } | null {
  const k = key.replace(/^\//, '').replace(/\(.*$/, '');
  const at = k.indexOf('@', 1);
  if (at > 0) return { name: k.slice(0, at), version: k.slice(at + 1).replace(/_.*$/, '') };
  // v5: `@scope/name/1.2.3_peer` or `name/1.2.3`
  const slash = k.lastIndexOf('/');
  if (slash <= 0) return null;
  return { name: k.slice(0, slash), version: k.slice(slash + 1).replace(/_.*$/, '') };
}

/** pnpm-lock.yaml: every key of `packages` (and `snapshots` in v9, deduplicated) is one resolved package. */
export function parsePnpmLock(text: string): LockedPackage[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
  if (!isMap(doc.contents)) throw new Error('not a YAML mapping');
  const packages = doc.contents.get('packages', true);
  const out: LockedPackage[] = [];
  const seen = new Set<string>();
  if (!isMap(packages)) return out;
  for (const pair of packages.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const split = splitPnpmKey(key);
    if (!split) continue;
    // v5/v6 also carry `version:` for non-registry deps; the key's version is the resolved one otherwise.
    let version = split.version;
    if (isMap(pair.value)) {
      const v = pair.value.get('version');
      if (typeof v === 'string' && /^\d/.test(v)) version = v;
    }
    const id = `${split.name}@${version}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const offset = pair.key.range?.[0] ?? 0;
    out.push({ name: split.name, version, line: lineCounter.linePos(offset).line });
  }
  return out;
}
