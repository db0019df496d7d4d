/**
 * AWS SDK for .NET packages (AWSSDK.*) in *.csproj, Directory.Packages.props (fast-xml-parser) and
 * packages.lock.json (JSON.parse); lines are found in the text afterwards. Pure; throw on text that is not the format.
 */
import { parseXml } from './xml.js';

export interface NugetReference {
  id: string;
  /** Version or range as written; null when versions are managed centrally. */
  version: string | null;
  line: number;
}

type XmlNode = Record<string, unknown>;

function lineMatching(lines: string[], test: (line: string) => boolean): number {
  return lines.findIndex(test) + 1;
}

function walk(node: unknown, tag: string, out: XmlNode[]): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, tag, out);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node as XmlNode)) {
    if (k === tag) for (const item of Array.isArray(v) ? v : [v]) if (item && typeof item === 'object') out.push(item as XmlNode);
    walk(v, tag, out);
  }
}

/**
 * `<PackageReference Include="AWSSDK.Core" Version="4.0.3.2" />` in a project file, or `<PackageVersion ...>`
 * in Directory.Packages.props (`tag`). Only AWSSDK.* packages.
 */
export function parseMsbuildPackages(xml: string, tag: 'PackageReference' | 'PackageVersion'): NugetReference[] {
  const doc = parseXml(xml, { ignoreAttributes: false, attributeNamePrefix: '@' }) as XmlNode;
  if (!doc.Project) throw new Error('no <Project> element');
  const lines = xml.split(/\r\n|\n|\r/);
  const found: XmlNode[] = [];
  walk(doc.Project, tag, found);
  const out: NugetReference[] = [];
  for (const node of found) {
    const id = String(node['@Include'] ?? node['@Update'] ?? '');
    if (!/^AWSSDK\./i.test(id)) continue;
    const v = node['@Version'] ?? node['@VersionOverride'] ?? node.Version;
    const quoted = new RegExp(`(?:Include|Update)\\s*=\\s*["']${id.replace(/\./g, '\\.')}["']`, 'i');
    out.push({ id, version: typeof v === 'string' ? v.trim() : null, line: lineMatching(lines, (l) => quoted.test(l)) });
  }
  return out;
}

/** packages.lock.json (NuGet): every AWSSDK.* package resolved for any target framework. */
export function parseNugetLock(json: string): NugetReference[] {
  const doc = JSON.parse(json) as { dependencies?: Record<string, Record<string, { resolved?: string }>> };
  if (!doc || typeof doc !== 'object' || typeof doc.dependencies !== 'object') throw new Error('no "dependencies" object');
  const lines = json.split(/\r\n|\n|\r/);
  const out = new Map<string, NugetReference>();
  for (const framework of Object.values(doc.dependencies ?? {})) {
    for (const [id, entry] of Object.entries(framework ?? {})) {
      if (!/^AWSSDK\./i.test(id) || typeof entry?.resolved !== 'string' || out.has(id.toLowerCase())) continue;
      out.set(id.toLowerCase(), { id, version: entry.resolved, line: lineMatching(lines, (l) => l.includes(`"${id}":`)) });
    }
  }
  return [...out.values()];
}

