import { compareCliVersions, parseAwsVersionOutput, parseCliVersion, type CliVersionLine, type CliVersionTuple } from '../aws/cli-version.js';
import type { Context } from '../engine/context.js';
import { findOnPath, looksLikePython, parseShebang, probeEnv } from './executables.js';
import { pathApi } from '../aws/paths.js';
import { resolvePyenvShim } from './pyenv.js';

/** `aws --version` starts a whole Python (0.3–1 s); it runs only when no metadata says the version. */
const AWS_VERSION_MAX_OUTPUT = 16 * 1024;
const SCRIPT_MAX_BYTES = 64 * 1024;

export type VersionSource = 'package metadata' | 'installer layout' | 'Homebrew layout' | 'source tree' | 'aws --version';

/** How a CLI that runs on an ordinary Python starts it: that Python's awscrt and botocore are the CLI's. */
export interface CliLauncher {
  interpreter: string;
  /** Interpreter flags the launcher passes (`-I`, `-s`...). */
  flags: string[];
  /** Folders the launcher puts first on sys.path (a source tree's lib/). */
  extraPath: string[];
}

export interface AwsCliFailure {
  kind: 'timeout' | 'crashed' | 'unrecognized-output' | 'not-runnable' | 'exit-error';
  message: string;
  exitCode: number | null;
  signal: string | null;
  /** The first line of output, for the detail (sanitized by the runner). */
  output: string;
}

export interface AwsCli {
  /** 0 for the `aws` a shell runs. */
  position: number;
  /** As found on PATH. */
  path: string;
  realPath: string;
  /** What actually runs: the real path, or for a pyenv shim the program it execs. */
  target: string;
  pyenvShim: boolean;
  /** The `#!` interpreter when the CLI is a Python script (pip installs, Debian). */
  interpreter: string | null;
  version: CliVersionTuple | null;
  versionSource: VersionSource | null;
  /** The dist-info or install folder the version was read from. */
  versionEvidence: string | null;
  versionLine: CliVersionLine | null;
  /** v2: `exe` (official installer), `source` (built from source: Homebrew, distributions, pip)...; from awscli/data/metadata.json, else the version line. */
  distribution: string | null;
  /** Null for a frozen binary (the official installer) or a launcher login-doctor cannot read. */
  launcher: CliLauncher | null;
  failure: AwsCliFailure | null;
}

/** v2 installers: `/usr/local/aws-cli/v2/<version>/dist/aws` behind `current/bin/aws` symlinks (Windows MSI layouts have no version in the path). */
const INSTALLER_LAYOUT = /[\\/]v2[\\/](\d+\.\d+\.\d+)[\\/](?:dist|bin)[\\/]aws(?:\.exe)?$/;
const HOMEBREW_LAYOUT = /[\\/]Cellar[\\/]awscli(?:@2)?[\\/](\d+\.\d+\.\d+)(?:_\d+)?[\\/]/;
const AWSCLI_DIST = /^awscli-(\d+\.\d+\.\d+)\.(?:dist-info|egg-info)$/i;

async function siteDirs(ctx: Context, prefix: string): Promise<string[]> {
  const p = pathApi(ctx.platform);
  if (ctx.platform === 'win32') return [p.join(prefix, 'Lib', 'site-packages')];
  const lib = p.join(prefix, 'lib');
  const versions = ((await ctx.fs.readdir(lib)) ?? []).filter((e) => /^python\d/.test(e));
  // Debian keeps distribution packages in lib/python3/dist-packages, pip in lib/python3.X/{site,dist}-packages.
  return [...versions.flatMap((v) => [p.join(lib, v, 'site-packages'), p.join(lib, v, 'dist-packages')]), p.join(lib, 'python3', 'dist-packages')];
}

const INIT_VERSION = /^__version__\s*=\s*['"](\d+\.\d+\.\d+)['"]\s*$/m;
const SH = /(^|[\\/])(?:sh|bash|dash)$/;

/** `distribution_source` of awscli/data/metadata.json (what `aws --version` prints as `source/`, `exe/`...). */
async function distributionOf(ctx: Context, awscliDir: string): Promise<string | null> {
  const read = await ctx.fs.readText(pathApi(ctx.platform).join(awscliDir, 'data', 'metadata.json'), SCRIPT_MAX_BYTES);
  if (!read.ok) return null;
  try {
    const source = (JSON.parse(read.text) as { distribution_source?: unknown }).distribution_source;
    return typeof source === 'string' && /^[a-z-]{1,40}$/.test(source) ? source : null;
  } catch {
    return null;
  }
}

/**
 * A source tree run by a /bin/sh launcher (`exec /usr/bin/python3 -I ...`, the awscli package in ../lib beside
 * bin/aws): the interpreter, its flags and the lib folder it puts on sys.path.
 */
async function shellLauncher(ctx: Context, target: string, script: string): Promise<{ launcher: CliLauncher; awscliDir: string } | null> {
  const p = pathApi(ctx.platform);
  const m = /^\s*exec\s+(\/\S*python[\d.]*)((?:\s+-[A-Za-z]+)*)(?:\s|$)/m.exec(script);
  if (!m || !looksLikePython(m[1]!)) return null;
  const flags = (m[2] ?? '').trim().split(/\s+/).filter((f) => /^-[IsESb]+$/.test(f));
  const lib = p.join(p.dirname(p.dirname(target)), 'lib');
  if ((await ctx.fs.stat(p.join(lib, 'awscli', '__init__.py')))?.kind !== 'file') return null;
  return { launcher: { interpreter: m[1]!, flags, extraPath: [lib] }, awscliDir: p.join(lib, 'awscli') };
}

/** The awscli version from the dist-info next to a pip/Debian `aws` script; null when absent or ambiguous. */
async function pipMetadataVersion(ctx: Context, prefixes: string[]): Promise<{ version: CliVersionTuple; evidence: string; site: string } | null> {
  const p = pathApi(ctx.platform);
  for (const prefix of prefixes) {
    const found: { version: CliVersionTuple; evidence: string; site: string }[] = [];
    for (const dir of await siteDirs(ctx, prefix)) {
      for (const entry of (await ctx.fs.readdir(dir)) ?? []) {
        const m = AWSCLI_DIST.exec(entry);
        const version = m ? parseCliVersion(m[1]!) : null;
        if (version) found.push({ version, evidence: p.join(dir, entry), site: dir });
      }
    }
    if (found.length === 0) continue;
    // Two different awscli versions under one prefix (two Pythons): only running the script tells which.
    const distinct = new Set(found.map((f) => f.version.join('.')));
    return distinct.size === 1 ? found[0]! : null;
  }
  return null;
}

type InstallFacts = Pick<AwsCli, 'version' | 'versionSource' | 'versionEvidence' | 'distribution'>;

async function versionFromInstall(ctx: Context, cli: AwsCli, awscliDir: string | null): Promise<InstallFacts | null> {
  const p = pathApi(ctx.platform);
  const real = (await ctx.fs.realpath(cli.target)) ?? cli.target;
  const layout = INSTALLER_LAYOUT.exec(real);
  if (layout) return { version: parseCliVersion(layout[1]!), versionSource: 'installer layout', versionEvidence: real, distribution: 'exe' };
  if (awscliDir) {
    // A source tree: the package's own __version__, which `aws --version` prints.
    const init = p.join(awscliDir, '__init__.py');
    const read = await ctx.fs.readText(init, SCRIPT_MAX_BYTES);
    const m = read.ok ? INIT_VERSION.exec(read.text) : null;
    if (m) return { version: parseCliVersion(m[1]!), versionSource: 'source tree', versionEvidence: init, distribution: await distributionOf(ctx, awscliDir) };
  }
  const brew = HOMEBREW_LAYOUT.exec(real);
  if (!cli.interpreter) return brew ? { version: parseCliVersion(brew[1]!), versionSource: 'Homebrew layout', versionEvidence: real, distribution: null } : null;
  // pip puts the script in <prefix>/bin (or ~/.local/bin with --user) next to <prefix>/lib/pythonX.Y/site-packages.
  const prefixes = [p.dirname(p.dirname(real))];
  if (p.isAbsolute(cli.interpreter)) prefixes.push(p.dirname(p.dirname(cli.interpreter)));
  const meta = await pipMetadataVersion(ctx, [...new Set(prefixes)]);
  const distribution = meta ? await distributionOf(ctx, p.join(meta.site, 'awscli')) : null;
  if (brew) return { version: parseCliVersion(brew[1]!), versionSource: 'Homebrew layout', versionEvidence: real, distribution };
  return meta ? { version: meta.version, versionSource: 'package metadata', versionEvidence: meta.evidence, distribution } : null;
}

/** Every `aws` on PATH with what its files say, without running anything. Shared by the Python discovery. */
export function locateAwsClis(ctx: Context): Promise<AwsCli[]> {
  return ctx.memo('aws-cli-locations', async () => {
    const p = pathApi(ctx.platform);
    const found = await findOnPath(ctx, ['aws']);
    return Promise.all(
      found.map(async (f, position) => {
        const shimTarget = await resolvePyenvShim(ctx, f.path);
        const target = shimTarget ?? f.realPath;
        const script = await ctx.fs.readText(target, SCRIPT_MAX_BYTES);
        const shebang = script.ok ? parseShebang(script.text) : null;
        const isCliScript = Boolean(shebang && looksLikePython(shebang.interpreter) && script.ok && /\bawscli\b/.test(script.text));
        const sourceTree = !isCliScript && shebang && SH.test(shebang.interpreter) && script.ok ? await shellLauncher(ctx, target, script.text) : null;
        const scriptFlags = isCliScript ? (script.ok ? /^#!\s*\S+((?:\s+-[A-Za-z]+)*)\s*$/m.exec(script.text.split('\n', 1)[0]!)?.[1] ?? '' : '').trim().split(/\s+/).filter((f) => /^-[IsESb]+$/.test(f)) : [];
        const cli: AwsCli = {
          position,
          path: f.path,
          realPath: f.realPath,
          target,
          pyenvShim: shimTarget !== null,
          interpreter: isCliScript ? shebang!.interpreter : null,
          version: null,
          versionSource: null,
          versionEvidence: null,
          versionLine: null,
          distribution: null,
          launcher: sourceTree?.launcher ?? (isCliScript && p.isAbsolute(shebang!.interpreter) ? { interpreter: shebang!.interpreter, flags: scriptFlags, extraPath: [] } : null),
          failure: null,
        };
        const fromInstall = await versionFromInstall(ctx, cli, sourceTree?.awscliDir ?? null);
        return fromInstall?.version ? { ...cli, ...fromInstall } : cli;
      }),
    );
  });
}

function classify(result: Awaited<ReturnType<Context['spawn']>>, timeoutMs: number): { line: CliVersionLine | null; failure: AwsCliFailure | null } {
  const output = `${result.stdout}\n${result.stderr}`;
  const firstLine = output.split('\n').map((l) => l.trim()).find((l) => l !== '')?.slice(0, 200) ?? '';
  const base = { exitCode: result.exitCode, signal: result.signal, output: firstLine };
  if (result.error) return { line: null, failure: { kind: 'not-runnable', message: `could not be started (${result.error})`, ...base } };
  if (result.timedOut) return { line: null, failure: { kind: 'timeout', message: `gave no answer within ${timeoutMs / 1000} s`, ...base } };
  if (result.truncated) return { line: null, failure: { kind: 'unrecognized-output', message: 'flooded its output (cut off and stopped)', ...base } };
  if (result.signal || (result.exitCode !== null && result.exitCode >= 128)) {
    const how = result.signal ? `signal ${result.signal}` : `exit code ${result.exitCode}`;
    return { line: null, failure: { kind: 'crashed', message: `crashed (${how})`, ...base } };
  }
  const line = parseAwsVersionOutput(output);
  if (line) return { line, failure: null };
  if (result.exitCode !== 0) return { line: null, failure: { kind: 'exit-error', message: `exited with code ${result.exitCode}`, ...base } };
  const why = 'printed no recognizable "aws-cli/x.y.z" line';
  return { line: null, failure: { kind: 'unrecognized-output', message: why, ...base } };
}

async function runVersion(ctx: Context, cli: AwsCli): Promise<AwsCli> {
  const result = await ctx.spawn(cli.target, ['--version'], {
    timeoutMs: ctx.limits.awsVersionMs,
    maxOutputBytes: AWS_VERSION_MAX_OUTPUT,
    env: probeEnv(ctx, { PYTHONDONTWRITEBYTECODE: '1', AWS_PAGER: '' }),
  });
  const { line, failure } = classify(result, ctx.limits.awsVersionMs);
  return { ...cli, version: line?.version ?? null, versionSource: line ? 'aws --version' : null, versionLine: line, distribution: line?.distribution ?? null, failure };
}

/** Every `aws` on PATH in PATH order with its version: from metadata, else from `aws --version` (all run in parallel). */
export function discoverAwsClis(ctx: Context): Promise<AwsCli[]> {
  return ctx.memo('aws-clis', async () => {
    const located = await locateAwsClis(ctx);
    return Promise.all(located.map((cli) => (cli.version ? cli : runVersion(ctx, cli))));
  });
}

export function newestCli(clis: readonly AwsCli[]): AwsCli | null {
  let best: AwsCli | null = null;
  for (const c of clis) if (c.version && (!best?.version || compareCliVersions(c.version, best.version) > 0)) best = c;
  return best;
}
