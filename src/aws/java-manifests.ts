/**
 * AWS SDK for Java 2.x coordinates (group software.amazon.awssdk) in Maven and Gradle builds: pom.xml (with
 * the bom import and ${properties}), build.gradle(.kts), gradle.lockfile and gradle/libs.versions.toml.
 * pom.xml goes through fast-xml-parser and the catalog through smol-toml; Gradle build scripts are programs,
 * so only their dependency notations are read line by line. Pure: text in; pom and catalog parsers throw on
 * text that is not XML or TOML.
 */
import { parseXml } from './xml.js';
import { parse as parseToml } from 'smol-toml';
import { JAVA_GROUP } from '../knowledge/other-sdks.js';

export interface JavaCoordinate {
  artifact: string;
  /** As resolved; null when managed by the bom or a property that could not be resolved. */
  version: string | null;
  /** The unresolved text, when a property or catalog reference could not be followed. */
  unresolved?: string;
  line: number;
}

export interface JavaBuild {
  /** software.amazon.awssdk:bom, from a Maven import or a Gradle platform(). */
  bom: JavaCoordinate | null;
  /** Other software.amazon.awssdk artifacts. */
  dependencies: JavaCoordinate[];
}

export type Properties = Map<string, { value: string; line: number }>;

const PROPERTY = /^\$\{([^}]+)\}$/;

function lineOf(lines: string[], needle: string, from = 0): number {
  for (let i = from; i < lines.length; i += 1) if (lines[i]!.includes(needle)) return i + 1;
  return 0;
}

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

type XmlNode = Record<string, unknown>;

function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  return null;
}

export interface Pom {
  build: JavaBuild;
  properties: Properties;
  /** The pom declares a <parent>. */
  hasParent: boolean;
}

/** pom.xml; `inherited` are properties of poms above it (a parent's <properties> apply to its modules). */
export function parsePom(xml: string, inherited: Properties = new Map()): Pom {
  const doc = parseXml(xml, { ignoreAttributes: true, trimValues: true }) as XmlNode;
  const project = doc.project as XmlNode | undefined;
  if (!project || typeof project !== 'object') throw new Error('no <project> element');
  const lines = xml.split(/\r\n|\n|\r/);
  const properties: Properties = new Map(inherited);
  const props = project.properties as XmlNode | undefined;
  if (props && typeof props === 'object') {
    for (const [key, value] of Object.entries(props)) {
      const v = text(value);
      if (v !== null) properties.set(key, { value: v, line: lineOf(lines, `<${key}>`) });
    }
  }
  const projectVersion = text(project.version);
  if (projectVersion) properties.set('project.version', { value: projectVersion, line: lineOf(lines, '<version>') });

  let cursor = 0;
  const coordinate = (dep: XmlNode): JavaCoordinate | null => {
    if (text(dep.groupId) !== JAVA_GROUP) return null;
    const artifact = text(dep.artifactId) ?? '';
    const artifactLine = lineOf(lines, `<artifactId>${artifact}</artifactId>`, cursor);
    if (artifactLine) cursor = artifactLine;
    const raw = text(dep.version);
    if (raw === null) return { artifact, version: null, line: artifactLine };
    const prop = PROPERTY.exec(raw);
    if (!prop) return { artifact, version: raw, line: lineOf(lines, raw, Math.max(0, artifactLine - 3)) || artifactLine };
    const found = properties.get(prop[1]!);
    return found ? { artifact, version: found.value, line: found.line || artifactLine } : { artifact, version: null, unresolved: raw, line: artifactLine };
  };

  let bom: JavaCoordinate | null = null;
  const managed = ((project.dependencyManagement as XmlNode | undefined)?.dependencies as XmlNode | undefined)?.dependency;
  for (const dep of asArray(managed as XmlNode | XmlNode[] | undefined)) {
    const c = coordinate(dep);
    if (c && c.artifact === 'bom') bom = c;
  }
  const dependencies: JavaCoordinate[] = [];
  const deps = (project.dependencies as XmlNode | undefined)?.dependency;
  for (const dep of asArray(deps as XmlNode | XmlNode[] | undefined)) {
    const c = coordinate(dep);
    if (c) dependencies.push(c);
  }
  return { build: { bom, dependencies }, properties, hasParent: project.parent !== undefined };
}

/** gradle.properties-style `key=value` lines. */
export function parseGradleProperties(text: string): Properties {
  const out: Properties = new Map();
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const m = /^\s*([\w.-]+)\s*[=:]\s*(\S.*?)\s*$/.exec(raw);
    if (m && !raw.trim().startsWith('#')) out.set(m[1]!, { value: m[2]!, line: i + 1 });
  });
  return out;
}

export interface CatalogLibrary {
  artifact: string;
  version: string | null;
  line: number;
}

/** gradle/libs.versions.toml: the software.amazon.awssdk libraries by accessor (`aws-bom` is used as `libs.aws.bom`). */
export function parseVersionCatalog(toml: string): { libraries: Map<string, CatalogLibrary>; bundles: Map<string, string[]> } {
  const doc = parseToml(toml) as Record<string, unknown>;
  const lines = toml.split(/\r\n|\n|\r/);
  const versions = (doc.versions ?? {}) as Record<string, unknown>;
  const versionOf = (v: unknown): string | null => {
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.ref === 'string') return versionOf(versions[o.ref]);
      for (const k of ['strictly', 'require', 'prefer']) if (typeof o[k] === 'string') return o[k] as string;
    }
    return null;
  };
  const accessor = (alias: string) => alias.replace(/[-_]/g, '.');
  const libraries = new Map<string, CatalogLibrary>();
  for (const [alias, spec] of Object.entries((doc.libraries ?? {}) as Record<string, unknown>)) {
    let module: string | null = null;
    let version: string | null = null;
    if (typeof spec === 'string') {
      const [g, a, v] = spec.split(':');
      module = `${g}:${a}`;
      version = v ?? null;
    } else if (spec && typeof spec === 'object') {
      const o = spec as Record<string, unknown>;
      module = typeof o.module === 'string' ? o.module : typeof o.group === 'string' && typeof o.name === 'string' ? `${o.group}:${o.name}` : null;
      version = versionOf(o.version);
    }
    if (!module?.startsWith(`${JAVA_GROUP}:`)) continue;
    const line = lines.findIndex((l) => new RegExp(`^\\s*["']?${alias.replace(/[.-]/g, '\\$&')}["']?\\s*=`).test(l)) + 1;
    libraries.set(accessor(alias), { artifact: module.slice(JAVA_GROUP.length + 1), version, line });
  }
  const bundles = new Map<string, string[]>();
  for (const [alias, list] of Object.entries((doc.bundles ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(list)) bundles.set(accessor(alias), list.filter((x): x is string => typeof x === 'string').map(accessor));
  }
  return { libraries, bundles };
}

const STRING_NOTATION = new RegExp(`["']${JAVA_GROUP.replace(/\./g, '\\.')}:([\\w.-]+)(?::([^"':@]+))?["']`, 'g');
const MAP_NOTATION = new RegExp(`group\\s*[:=]\\s*["']${JAVA_GROUP.replace(/\./g, '\\.')}["']\\s*,\\s*name\\s*[:=]\\s*["']([\\w.-]+)["'](?:\\s*,\\s*version\\s*[:=]\\s*["']([^"']+)["'])?`, 'g');
const CATALOG_REF = /\blibs\.((?:bundles\.)?[A-Za-z][\w]*(?:\.[A-Za-z]\w*)*)/g;
const ASSIGNMENT = /(?:^|[\s{(,])(?:def\s+|val\s+|var\s+|ext\.)?([A-Za-z_][\w.]*)\s*=\s*["']([^"'$]+)["']/;
const SET_CALL = /set\(\s*["']([\w.]+)["']\s*,\s*["']([^"'$]+)["']\s*\)/;

/** build.gradle / build.gradle.kts: dependency notations, variables, platform() boms and version-catalog references. */
export function parseGradleBuild(
  script: string,
  properties: Properties = new Map(),
  catalog: ReturnType<typeof parseVersionCatalog> | null = null,
): JavaBuild {
  const lines = script.split(/\r\n|\n|\r/);
  const vars: Properties = new Map(properties);
  lines.forEach((l, i) => {
    const m = SET_CALL.exec(l) ?? ASSIGNMENT.exec(l);
    if (m) vars.set(m[1]!.replace(/^ext\./, ''), { value: m[2]!, line: i + 1 });
  });
  const resolve = (raw: string | undefined, line: number): Pick<JavaCoordinate, 'version' | 'unresolved' | 'line'> => {
    if (raw === undefined) return { version: null, line };
    const ref = /^\$\{?([\w.]+)\}?$/.exec(raw) ?? /^\$\{(?:property\(["']|project\.)?([\w.]+)["']?\)?\}$/.exec(raw);
    if (!ref) return { version: raw, line };
    const found = vars.get(ref[1]!);
    return found ? { version: found.value, line } : { version: null, unresolved: raw, line };
  };
  const build: JavaBuild = { bom: null, dependencies: [] };
  const add = (c: JavaCoordinate) => {
    if (c.artifact === 'bom') build.bom ??= c;
    else build.dependencies.push(c);
  };
  lines.forEach((raw, i) => {
    const l = raw.replace(/\/\/.*$/, '');
    for (const m of l.matchAll(STRING_NOTATION)) add({ artifact: m[1]!, ...resolve(m[2], i + 1) });
    for (const m of l.matchAll(MAP_NOTATION)) add({ artifact: m[1]!, ...resolve(m[2], i + 1) });
    if (!catalog) return;
    for (const m of l.matchAll(CATALOG_REF)) {
      const ref = m[1]!;
      const names = ref.startsWith('bundles.') ? (catalog.bundles.get(ref.slice(8)) ?? []) : [ref];
      for (const name of names) {
        const lib = catalog.libraries.get(name);
        if (lib) add({ artifact: lib.artifact, version: lib.version, line: i + 1 });
      }
    }
  });
  return build;
}

/** gradle.lockfile: `group:artifact:version=configurations` lines. */
export function parseGradleLockfile(text: string): JavaCoordinate[] {
  const out: JavaCoordinate[] = [];
  const prefix = `${JAVA_GROUP}:`;
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    if (!raw.startsWith(prefix)) return;
    const m = /^[^:]+:([^:]+):([^=\s]+)=/.exec(raw);
    if (m) out.push({ artifact: m[1]!, version: m[2]!, line: i + 1 });
  });
  return out;
}
