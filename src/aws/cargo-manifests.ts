/**
 * The Rust aws-config crate in Cargo.toml and Cargo.lock (smol-toml); lines are found in the text afterwards.
 * Pure; throw on text that is not TOML.
 */
import { parse as parseToml } from 'smol-toml';
import { RUST_CONFIG_CRATE } from '../knowledge/other-sdks.js';

export interface CargoDependency {
  /** Requirement as written (`1.8`, `=1.8.5`); null for a path/git dependency without one. */
  requirement: string | null;
  features: string[];
  defaultFeatures: boolean;
  /** `aws-config = { workspace = true, ... }`: the requirement and base features live in the workspace root. */
  workspace: boolean;
  line: number;
  /** The line as written, for the corrected line in a finding. */
  text: string;
  table: string;
}

/** Every declaration of aws-config in a Cargo.toml ([dependencies], dev/build, target-specific, [workspace.dependencies]). */
export function parseCargoToml(toml: string): CargoDependency[] {
  const doc = parseToml(toml) as Record<string, unknown>;
  const lines = toml.split(/\r\n|\n|\r/);
  const tables: [string, unknown][] = [];
  const collect = (prefix: string, node: Record<string, unknown> | undefined) => {
    for (const kind of ['dependencies', 'dev-dependencies', 'build-dependencies']) {
      if (node?.[kind]) tables.push([`${prefix}${kind}`, node[kind]]);
    }
  };
  collect('', doc);
  for (const [target, node] of Object.entries((doc.target ?? {}) as Record<string, Record<string, unknown>>)) collect(`target.${target}.`, node);
  collect('workspace.', doc.workspace as Record<string, unknown> | undefined);
  const out: CargoDependency[] = [];
  for (const [table, deps] of tables) {
    const spec = (deps as Record<string, unknown>)[RUST_CONFIG_CRATE];
    if (spec === undefined) continue;
    // Headers may quote keys ([target.'cfg(unix)'.dependencies]); the key is looked up within its own table.
    const header = (l: string) => l.trim().replace(/["'\s]/g, '');
    const headerLine = lines.findIndex((l) => header(l) === `[${table}]`);
    const nextHeader = lines.findIndex((l, i) => i > headerLine && /^\s*\[/.test(l));
    const keyLine = headerLine < 0 ? -1 : lines.findIndex((l, i) => i > headerLine && (nextHeader < 0 || i < nextHeader) && /^\s*["']?aws-config["']?\s*=/.test(l));
    const dottedHeader = lines.findIndex((l) => header(l) === `[${table}.${RUST_CONFIG_CRATE}]`);
    const line = keyLine >= 0 ? keyLine + 1 : dottedHeader + 1;
    const o = typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>) : {};
    out.push({
      requirement: typeof spec === 'string' ? spec : typeof o.version === 'string' ? o.version : null,
      features: Array.isArray(o.features) ? o.features.filter((f): f is string => typeof f === 'string') : [],
      defaultFeatures: o['default-features'] !== false && o.default_features !== false,
      workspace: o.workspace === true,
      line,
      text: line > 0 ? lines[line - 1]!.trim() : '',
      table,
    });
  }
  return out;
}

/** Cargo.lock packages with their lines. */
export function parseCargoLock(toml: string): { name: string; version: string; line: number }[] {
  const doc = parseToml(toml) as { package?: { name?: unknown; version?: unknown }[] };
  if (!Array.isArray(doc.package)) throw new Error('no [[package]] entries');
  const lines = toml.split(/\r\n|\n|\r/);
  let from = 0;
  return doc.package.flatMap((p) => {
    if (typeof p.name !== 'string' || typeof p.version !== 'string') return [];
    const i = lines.findIndex((l, n) => n >= from && l.trim() === `name = "${p.name}"`);
    if (i >= 0) from = i + 1;
    return [{ name: p.name, version: p.version, line: i + 1 }];
  });
}
