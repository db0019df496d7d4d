/**
 * Readers for the line-based manifests of Go and Terraform: go.mod, go.sum, .terraform.lock.hcl and the few
 * settings of *.tf files that matter here (required_version, backend "s3", the aws provider). These formats
 * are simple enough that a full HCL or Go-modfile parser would add weight without adding accuracy for what
 * we read. Pure: text in, entries with 1-based lines out. They never throw.
 */

export interface ModuleVersion {
  module: string;
  version: string;
  line: number;
}

function stripComment(line: string): string {
  const i = line.indexOf('//');
  return (i < 0 ? line : line.slice(0, i)).trim();
}

function unquote(word: string): string {
  return /^".*"$/.test(word) || /^`.*`$/.test(word) ? word.slice(1, -1) : word;
}

/** go.mod `require` entries (single lines and blocks); `replace` lines that pin a module to a version override them. */
export function parseGoMod(text: string): { requires: ModuleVersion[]; replaces: ModuleVersion[] } {
  const requires: ModuleVersion[] = [];
  const replaces: ModuleVersion[] = [];
  let block: 'require' | 'replace' | 'other' | null = null;
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const line = stripComment(raw);
    if (line === '') return;
    if (block) {
      if (line === ')') block = null;
      else if (block === 'require') pushRequire(line, i + 1);
      else if (block === 'replace') pushReplace(line, i + 1);
      return;
    }
    const m = /^(\w+)\s*(.*)$/.exec(line);
    if (!m) return;
    const [, verb, rest] = m as unknown as [string, string, string];
    if (rest === '(') block = verb === 'require' ? 'require' : verb === 'replace' ? 'replace' : 'other';
    else if (verb === 'require') pushRequire(rest, i + 1);
    else if (verb === 'replace') pushReplace(rest, i + 1);
  });
  function pushRequire(spec: string, line: number) {
    const words = spec.split(/\s+/).map(unquote);
    if (words.length >= 2 && words[1]!.startsWith('v')) requires.push({ module: words[0]!, version: words[1]!, line });
  }
  function pushReplace(spec: string, line: number) {
    // `old [v] => new v`: only a replacement by a module version says which version is built.
    const m = /^(\S+)(?:\s+\S+)?\s*=>\s*(\S+)\s+(v\S+)$/.exec(spec);
    if (m) replaces.push({ module: unquote(m[1]!), version: m[3]!, line });
  }
  return { requires, replaces };
}

/** go.sum entries, one per module version (the `/go.mod` hash lines fold into the same version). */
export function parseGoSum(text: string): ModuleVersion[] {
  const out: ModuleVersion[] = [];
  const seen = new Set<string>();
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const m = /^(\S+)\s+(v[^\s/]+)(?:\/go\.mod)?\s+\S+$/.exec(raw.trim());
    if (!m) return;
    const key = `${m[1]} ${m[2]}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ module: m[1]!, version: m[2]!, line: i + 1 });
  });
  return out;
}

export interface LockedProvider {
  /** registry.terraform.io/hashicorp/aws */
  address: string;
  version: string | null;
  line: number;
}

/** `.terraform.lock.hcl`: each `provider "address" { version = "x" }` block. */
export function parseTerraformLock(text: string): LockedProvider[] {
  const out: LockedProvider[] = [];
  let current: LockedProvider | null = null;
  let depth = 0;
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (current === null) {
      const m = /^provider\s+"([^"]+)"\s*\{$/.exec(line);
      if (m) {
        current = { address: m[1]!, version: null, line: i + 1 };
        depth = 1;
      }
      return;
    }
    const v = depth === 1 ? /^version\s*=\s*"([^"]*)"$/.exec(line) : null;
    if (v) {
      current.version = v[1]!;
      current.line = i + 1;
    }
    depth += (line.match(/[{[]/g) ?? []).length - (line.match(/[}\]]/g) ?? []).length;
    if (depth <= 0) {
      out.push(current);
      current = null;
    }
  });
  if (current) out.push(current);
  return out;
}

export interface TerraformSettings {
  requiredVersion: { constraint: string; line: number } | null;
  /** Line of `backend "s3" {`, when the configuration stores its state in S3. */
  s3Backend: number | null;
  /** Line of the first `provider "aws"` block or `aws = {` required_providers entry. */
  awsProvider: number | null;
}

/** The settings of one *.tf file that decide which Terraform reads AWS credentials. */
export function parseTerraformFile(text: string): TerraformSettings {
  const out: TerraformSettings = { requiredVersion: null, s3Backend: null, awsProvider: null };
  let inComment = false;
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    let line = raw;
    if (inComment) {
      const end = line.indexOf('*/');
      if (end < 0) return;
      line = line.slice(end + 2);
      inComment = false;
    }
    line = line.replace(/\/\*.*?\*\//g, '');
    if (line.includes('/*')) {
      line = line.slice(0, line.indexOf('/*'));
      inComment = true;
    }
    line = line.replace(/(?:#|\/\/).*$/, '').trim();
    const rv = /^required_version\s*=\s*"([^"]*)"/.exec(line);
    if (rv && !out.requiredVersion) out.requiredVersion = { constraint: rv[1]!, line: i + 1 };
    if (/^backend\s+"s3"\s*\{/.test(line) && out.s3Backend === null) out.s3Backend = i + 1;
    if ((/^provider\s+"aws"\s*\{/.test(line) || /^aws\s*=\s*\{/.test(line)) && out.awsProvider === null) out.awsProvider = i + 1;
  });
  return out;
}
