/**
 * Python environments that tools bring with them: pipx and uv tool venvs, Homebrew formula libexec venvs and
 * the AWS SAM CLI. Found by folder layout; an environment is probed only when its site-packages holds a
 * botocore dist-info, so tools without AWS code never start a Python.
 */
import type { Context } from '../engine/context.js';
import { locateAwsClis } from './aws-cli.js';
import { findOnPath, isExecutableFile, probeEnv } from './executables.js';
import { pathApi } from '../aws/paths.js';
import { discoverPythons, probeOne, type PythonProbe } from './python-probe.js';

export type ToolManager = 'pipx' | 'uv' | 'Homebrew' | 'SAM CLI';

export interface ToolEnv {
  tool: string;
  manager: ToolManager;
  /** The environment folder (venv root or libexec). */
  prefix: string;
  python: string;
  /** Versions from the dist-info folder names (read without Python). */
  botocore: string | null;
  awscrt: string | null;
  samCli: string | null;
}

export interface ToolEnvScan {
  /** Environments with botocore, probed. */
  probed: { env: ToolEnv; probe: PythonProbe }[];
  /** Environments without botocore: not probed. */
  withoutBotocore: ToolEnv[];
  /** Environments left to another check (the tools.python interpreters, an AWS CLI v2 built from source). */
  elsewhere: { env: ToolEnv; why: string }[];
  /** The `sam` on PATH, when its version could be read. */
  sam: { path: string; version: string | null; env: ToolEnv | null } | null;
}

const DIST = /^(botocore|awscrt|aws_sam_cli)-([^-]+)\.dist-info$/i;

async function sitePackages(ctx: Context, prefix: string): Promise<string[]> {
  const p = pathApi(ctx.platform);
  if (ctx.platform === 'win32') return [p.join(prefix, 'Lib', 'site-packages')];
  const lib = p.join(prefix, 'lib');
  return ((await ctx.fs.readdir(lib)) ?? []).filter((e) => /^python\d/.test(e)).map((v) => p.join(lib, v, 'site-packages'));
}

/** The tool's environment as its files say, or null when the folder holds no Python environment. */
async function inspect(ctx: Context, tool: string, manager: ToolManager, prefix: string): Promise<ToolEnv | null> {
  const p = pathApi(ctx.platform);
  const bin = ctx.platform === 'win32' ? p.join(prefix, 'Scripts') : p.join(prefix, 'bin');
  const names = ctx.platform === 'win32' ? ['python.exe'] : ['python', 'python3'];
  let python: string | null = null;
  for (const n of names) {
    if (await isExecutableFile(ctx, p.join(bin, n))) {
      python = p.join(bin, n);
      break;
    }
  }
  if (!python) return null;
  const env: ToolEnv = { tool, manager, prefix, python, botocore: null, awscrt: null, samCli: null };
  for (const site of await sitePackages(ctx, prefix)) {
    for (const entry of (await ctx.fs.readdir(site)) ?? []) {
      const m = DIST.exec(entry);
      if (!m) continue;
      const name = m[1]!.toLowerCase();
      if (name === 'botocore') env.botocore ??= m[2]!;
      else if (name === 'awscrt') env.awscrt ??= m[2]!;
      else env.samCli ??= m[2]!;
    }
  }
  return env;
}

async function subdirs(ctx: Context, dir: string): Promise<string[]> {
  return ((await ctx.fs.readdir(dir)) ?? []).filter((n) => !n.startsWith('.')).sort();
}

function dataHome(ctx: Context): string {
  const p = pathApi(ctx.platform);
  return ctx.env.XDG_DATA_HOME && p.isAbsolute(ctx.env.XDG_DATA_HOME) ? ctx.env.XDG_DATA_HOME : p.join(ctx.home, '.local', 'share');
}

/** pipx: PIPX_HOME/venvs, else ~/.local/pipx/venvs (pipx 1.3+) and ~/.local/share/pipx/venvs (older). */
function pipxRoots(ctx: Context): string[] {
  const p = pathApi(ctx.platform);
  if (ctx.env.PIPX_HOME) return [p.join(ctx.env.PIPX_HOME, 'venvs')];
  return [p.join(ctx.home, '.local', 'pipx', 'venvs'), p.join(dataHome(ctx), 'pipx', 'venvs')];
}

/** uv: UV_TOOL_DIR, else $XDG_DATA_HOME/uv/tools (~/.local/share/uv/tools). */
function uvRoots(ctx: Context): string[] {
  const p = pathApi(ctx.platform);
  return [ctx.env.UV_TOOL_DIR ?? p.join(dataHome(ctx), 'uv', 'tools')];
}

/** Homebrew: HOMEBREW_PREFIX, else the default prefixes of macOS (Apple silicon, Intel) and Linux. */
function brewPrefixes(ctx: Context): string[] {
  const p = pathApi(ctx.platform);
  if (ctx.env.HOMEBREW_PREFIX) return [ctx.env.HOMEBREW_PREFIX];
  if (ctx.platform === 'win32') return [];
  return ['/opt/homebrew', '/usr/local', '/home/linuxbrew/.linuxbrew', p.join(ctx.home, '.linuxbrew')];
}

/** Formula names whose Python environment another check owns: the AWS CLI v2 built from source. */
const AWS_CLI_FORMULAS = new Set(['awscli', 'awscli@2']);

async function brewEnvs(ctx: Context): Promise<{ env: ToolEnv | null; formula: string }[]> {
  const p = pathApi(ctx.platform);
  const out: { env: ToolEnv | null; formula: string }[] = [];
  for (const prefix of brewPrefixes(ctx)) {
    const cellar = p.join(prefix, 'Cellar');
    await Promise.all(
      (await subdirs(ctx, cellar)).map(async (formula) => {
        // The linked version (opt/<formula>) is the one that runs; without the link, the newest folder.
        const linked = await ctx.fs.realpath(p.join(prefix, 'opt', formula));
        const versions = await subdirs(ctx, p.join(cellar, formula));
        const version = (linked && versions.find((v) => p.join(cellar, formula, v) === linked)) ?? versions[versions.length - 1];
        if (!version) return;
        const libexec = p.join(cellar, formula, version, 'libexec');
        if (!(await ctx.fs.stat(libexec))) return;
        out.push({ formula, env: await inspect(ctx, formula, 'Homebrew', libexec) });
      }),
    );
  }
  return out;
}

/** SAM CLI installers put the version in the path or a dist-info; `sam --version` only when neither says it. */
const SAM_VERSION_TIMEOUT_MS = 8000;

async function findSam(ctx: Context): Promise<ToolEnvScan['sam']> {
  const [sam] = await findOnPath(ctx, ['sam']);
  if (!sam) return null;
  const p = pathApi(ctx.platform);
  let env: ToolEnv | null = null;
  // A pip or Homebrew install: bin/sam inside a venv.
  for (let dir = p.dirname(p.dirname(sam.realPath)), i = 0; i < 3 && !env; i += 1, dir = p.dirname(dir)) {
    env = await inspect(ctx, 'sam', 'SAM CLI', dir);
    if (env && !env.samCli) env = null;
  }
  if (env?.samCli) return { path: sam.path, version: env.samCli, env };
  const r = await ctx.spawn(sam.path, ['--version'], { timeoutMs: SAM_VERSION_TIMEOUT_MS, maxOutputBytes: 4096, env: probeEnv(ctx, { SAM_CLI_TELEMETRY: '0' }) });
  return { path: sam.path, version: /version\s+(\d+\.\d+\.\d+)/.exec(`${r.stdout}\n${r.stderr}`)?.[1] ?? null, env: null };
}

export function scanToolEnvs(ctx: Context): Promise<ToolEnvScan> {
  return ctx.memo('tool-envs', async () => {
    const p = pathApi(ctx.platform);
    const found: ToolEnv[] = [];
    const elsewhere: ToolEnvScan['elsewhere'] = [];
    const managed = async (roots: string[], manager: ToolManager) => {
      for (const root of roots) {
        for (const tool of await subdirs(ctx, root)) {
          const env = await inspect(ctx, tool, manager, p.join(root, tool));
          if (env) found.push(env);
        }
      }
    };
    const [, , brew, sam, pythons, clis] = await Promise.all([
      managed(pipxRoots(ctx), 'pipx'),
      managed(uvRoots(ctx), 'uv'),
      brewEnvs(ctx),
      findSam(ctx),
      discoverPythons(ctx),
      locateAwsClis(ctx),
    ]);
    for (const b of brew) {
      if (!b.env) continue;
      if (AWS_CLI_FORMULAS.has(b.formula)) elsewhere.push({ env: b.env, why: 'the AWS CLI v2 formula: its awscrt is checked by tools.aws-cli' });
      else found.push(b.env);
    }
    if (sam?.env) found.push(sam.env);

    const real = async (path: string) => (await ctx.fs.realpath(path)) ?? path;
    const pythonRoots = new Set(await Promise.all(pythons.map((c) => real(p.dirname(p.dirname(c.path))))));
    const cliRoots = new Set(
      await Promise.all(clis.filter((c) => c.interpreter && c.version?.[0] === 2).map((c) => real(p.dirname(p.dirname(c.interpreter!))))),
    );
    const probed: ToolEnvScan['probed'] = [];
    const withoutBotocore: ToolEnv[] = [];
    const seen = new Set<string>();
    const toProbe: ToolEnv[] = [];
    for (const env of found) {
      const root = await real(env.prefix);
      if (seen.has(root)) continue;
      seen.add(root);
      if (cliRoots.has(root)) elsewhere.push({ env, why: 'an AWS CLI v2 built from source: its awscrt is checked by tools.aws-cli' });
      else if (pythonRoots.has(root)) elsewhere.push({ env, why: 'also an interpreter that tools.python inspects' });
      else if (!env.botocore) withoutBotocore.push(env);
      else toProbe.push(env);
    }
    const results = await Promise.all(toProbe.map((env) => probeOne(ctx, { path: env.python, found: [{ path: env.python, reason: 'tool environment' }] }, () => {})));
    toProbe.forEach((env, i) => probed.push({ env, probe: results[i]! }));
    return { probed, withoutBotocore, elsewhere, sam };
  });
}
