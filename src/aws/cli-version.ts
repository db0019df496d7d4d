/**
 * AWS CLI versions are plain x.y.z (no pre-releases on PyPI or in the installers), so they are parsed here
 * without a semver/PEP 440 library. Formats: aws/aws-cli awscli/clidriver.py _cli_version (v2), botocore Session.user_agent (v1).
 */
export type CliVersionTuple = readonly [number, number, number];

export interface CliVersionLine {
  version: CliVersionTuple;
  /** The Python the CLI runs on, as `Python/x.y.z` says. */
  python: string | null;
  /** v1 only: the botocore it imports. */
  botocore: string | null;
  /** v1 only, and only when that botocore has CRT support. */
  awscrt: string | null;
  /** v2 only: `exe`, `source`, `script-exe`... followed by `/arch`. */
  distribution: string | null;
  line: string;
}

const VERSION = /^(\d{1,4})\.(\d{1,4})\.(\d{1,6})$/;

/** `2.9.19` → [2, 9, 19]; null for anything else. */
export function parseCliVersion(text: string): CliVersionTuple | null {
  const m = VERSION.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

export function compareCliVersions(a: CliVersionTuple, b: CliVersionTuple): number {
  for (let i = 0; i < 3; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

export function formatCliVersion(v: CliVersionTuple): string {
  return v.join('.');
}

/**
 * Reads the output of `aws --version` (stdout and stderr together: CLI v1 on Python 2 printed it on stderr).
 * v2: `aws-cli/2.x.y Python/3.x Linux/6.1 exe/x86_64.ubuntu.24 [prompt/off]`;
 * v1: `aws-cli/1.x.y Python/3.x Linux/6.1 [awscrt/0.x] botocore/1.x.y`.
 */
export function parseAwsVersionOutput(output: string): CliVersionLine | null {
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trim();
    const m = /^aws-cli\/(\S+)(?:\s|$)/.exec(line);
    if (!m) continue;
    const version = parseCliVersion(m[1]!);
    if (!version) return null;
    const tokens = new Map<string, string>();
    for (const token of line.split(/\s+/).slice(1)) {
      const slash = token.indexOf('/');
      if (slash > 0 && !tokens.has(token.slice(0, slash))) tokens.set(token.slice(0, slash), token.slice(slash + 1));
    }
    const distribution = version[0] >= 2
      ? ([...tokens.keys()].find((k) => ['exe', 'script-exe', 'update-exe', 'docker', 'source-exe', 'source-sandbox', 'source', 'other'].includes(k)) ?? null)
      : null;
    return {
      version,
      python: tokens.get('Python') ?? null,
      botocore: tokens.get('botocore') ?? null,
      awscrt: tokens.get('awscrt') ?? null,
      distribution,
      line,
    };
  }
  return null;
}
