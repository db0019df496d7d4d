import type { Context } from '../engine/context.js';
import { findOnPath, isExecutableFile, looksLikePython, probeEnv } from './executables.js';
import { pathApi } from '../aws/paths.js';
import { locateAwsClis } from './aws-cli.js';
import { cacheKey, readCached, writeCached } from './probe-cache.js';
import { resolvePyenvShim } from './pyenv.js';
import { installedPythons, isStoreAliasAnswer, pythonStubReason } from './python-locations.js';

/** Cold starts of conda or network-mounted interpreters can take seconds; a hang must not. */
const PROBE_MAX_OUTPUT = 64 * 1024;
const MARKER = '@@login-doctor-probe@@';
const WATCH_MARKER = '@@login-doctor-watch@@';

/**
 * The probe, run with `-E -B -c`: -E ignores PYTHONPATH/PYTHONSTARTUP (so no project code or startup file runs),
 * -B writes no .pyc into site-packages, and the first statement drops '' (the working directory) from sys.path
 * so a project's own `botocore/` folder is never imported. User site-packages stay on: apps see them too.
 * Python 2 compatible syntax so an ancient interpreter still reports its version.
 * Feature probes mirror botocore/compat.py (import awscrt.auth, has_minimum_crt_version's int() parse) and read
 * _build_dpop_header's bytecode names to see which EC method this botocore calls, without calling it.
 */
export const PROBE_SCRIPT = `
import sys
sys.path[:] = [p for p in sys.path if p not in ('', '.')]
import os, json
def err(e):
    return '%s: %s' % (type(e).__name__, e)
r = {'python': '%d.%d.%d' % tuple(sys.version_info[:3]), 'executable': sys.executable, 'prefix': sys.prefix,
     'basePrefix': getattr(sys, 'base_prefix', sys.prefix), 'realPrefix': os.path.realpath(sys.prefix),
     'botoDisableCrt': os.environ.get('BOTO_DISABLE_CRT')}
try:
    import sysconfig
    stdlib = sysconfig.get_path('stdlib')
    r['externallyManaged'] = bool(stdlib) and os.path.isfile(os.path.join(stdlib, 'EXTERNALLY-MANAGED'))
except Exception:
    r['externallyManaged'] = False
r['conda'] = os.path.isdir(os.path.join(sys.prefix, 'conda-meta'))
r['pipx'] = os.path.isfile(os.path.join(sys.prefix, 'pipx_metadata.json'))
r['uvTool'] = os.path.isfile(os.path.join(sys.prefix, 'uv-receipt.toml'))
try:
    import site
    r['userSite'] = site.getusersitepackages() if site.ENABLE_USER_SITE else None
except Exception:
    r['userSite'] = None
try:
    from importlib import metadata as md
except ImportError:
    md = None
r['metadataAvailable'] = md is not None
dists = {}
for name in ('boto3', 'botocore', 'awscrt'):
    dists[name] = None
    if md is None:
        continue
    try:
        d = md.distribution(name)
        try:
            loc = str(d.locate_file(''))
        except Exception:
            loc = None
        dists[name] = {'version': d.version, 'location': loc}
    except Exception:
        pass
r['dists'] = dists
b = {'present': False, 'imported': False}
try:
    import botocore
    b['present'] = True
    b['version'] = getattr(botocore, '__version__', None)
    b['file'] = getattr(botocore, '__file__', None)
    import botocore.credentials as c
    b['imported'] = True
    b['loginProvider'] = hasattr(c, 'LoginProvider')
    # pip botocore keeps the signer in credentials, the AWS CLI v2's vendored copy in utils (build_dpop_header).
    fn = getattr(c, '_build_dpop_header', None) or getattr(sys.modules.get('botocore.utils'), 'build_dpop_header', None)
    code = getattr(fn, '__code__', None)
    names = getattr(code, 'co_names', None)
    if names is None:
        b['dpopSignature'] = None
    elif 'decode_der_signature_to_padded_pair' in names:
        b['dpopSignature'] = 'padded'
    elif 'decode_der_signature' in names:
        b['dpopSignature'] = 'unpadded'
    else:
        b['dpopSignature'] = None
    b['ecLoaded'] = getattr(c, 'EC', None) is not None
except Exception as e:
    b['error'] = err(e)
    if isinstance(e, ImportError) and getattr(e, 'name', None) == 'botocore':
        b['present'] = False
r['botocore'] = b
a = {'imported': False}
try:
    import importlib.util
    a['present'] = importlib.util.find_spec('awscrt') is not None
except Exception:
    a['present'] = None
try:
    import awscrt.auth
    a['imported'] = True
except Exception as e:
    a['error'] = err(e)
mod = sys.modules.get('awscrt')
a['version'] = getattr(mod, '__version__', None) if mod is not None else None
try:
    a['versionTuple'] = [int(x) for x in a['version'].split('.')]
except (TypeError, ValueError, AttributeError):
    a['versionTuple'] = None
a['ec'] = False
a['paddedPair'] = False
if a['imported']:
    try:
        from awscrt import crypto
        ec = getattr(crypto, 'EC', None)
        a['ec'] = ec is not None
        a['paddedPair'] = ec is not None and hasattr(ec, 'decode_der_signature_to_padded_pair')
    except Exception as e:
        a['cryptoError'] = err(e)
r['awscrt'] = a
sys.stdout.write('${MARKER}' + json.dumps(r) + '\\n')
w = [sys.executable, os.path.realpath(sys.executable), os.path.join(sys.prefix, 'pyvenv.cfg'), r['userSite']] + list(sys.path)
for m in ('botocore', 'botocore.credentials', 'botocore.compat', 'awscrt', 'awscrt.auth', 'awscrt.crypto', '_awscrt'):
    w.append(getattr(sys.modules.get(m), '__file__', None))
if md is not None:
    for name in ('boto3', 'botocore', 'awscrt'):
        try:
            w.append(str(getattr(md.distribution(name), '_path', '')))
        except Exception:
            pass
sys.stdout.write('${WATCH_MARKER}' + json.dumps([x for x in w if x]) + '\\n')
`;

export interface DistInfo {
  version: string;
  location: string | null;
}

/** What the probe prints (the data as the interpreter reports it). */
export interface PythonReport {
  python: string;
  executable: string;
  prefix: string;
  basePrefix: string;
  realPrefix: string;
  botoDisableCrt: string | null;
  externallyManaged: boolean;
  conda: boolean;
  pipx: boolean;
  uvTool: boolean;
  userSite: string | null;
  metadataAvailable: boolean;
  dists: { boto3: DistInfo | null; botocore: DistInfo | null; awscrt: DistInfo | null };
  botocore: {
    present: boolean;
    imported: boolean;
    version?: string | null;
    file?: string | null;
    loginProvider?: boolean;
    dpopSignature?: 'padded' | 'unpadded' | null;
    ecLoaded?: boolean;
    error?: string;
  };
  awscrt: {
    /** null when this Python cannot tell (no importlib.util). */
    present: boolean | null;
    imported: boolean;
    version: string | null;
    versionTuple: number[] | null;
    ec: boolean;
    paddedPair: boolean;
    error?: string;
    cryptoError?: string;
  };
}

export type CandidateReason = '--python' | 'VIRTUAL_ENV' | '.venv' | 'venv' | 'python3 on PATH' | 'python on PATH' | 'AWS CLI v1 interpreter' | 'installed' | 'tool environment';

export interface PythonCandidate {
  /** The path that will be run (pyenv shims already resolved). */
  path: string;
  /** Every path that led here and why. */
  found: { path: string; reason: CandidateReason }[];
}

export interface PythonProbe {
  candidate: PythonCandidate;
  report: PythonReport | null;
  failure: { kind: 'not-found' | 'timeout' | 'crashed' | 'no-report' | 'bad-report'; message: string; output: string } | null;
  /** The report came from the probe cache (no Python was started). */
  cached?: boolean;
  /** An isolated venv without botocore or awscrt: the report was read from its files (no Python was started). */
  notStarted?: boolean;
}

type Field = 'string' | 'string?' | 'boolean' | 'boolean?' | 'number[]?';

function fieldOk(value: unknown, type: Field): boolean {
  const nullable = type.endsWith('?');
  if (value === null || value === undefined) return nullable;
  if (type.startsWith('number[]')) return Array.isArray(value) && value.every((n) => typeof n === 'number');
  return typeof value === type.replace('?', '');
}

/** The first field of `value` that does not have its type, as `path`; null when all do. */
function badField(value: unknown, shape: Record<string, Field>, path: string): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return path || 'the report';
  const record = value as Record<string, unknown>;
  const bad = Object.entries(shape).find(([key, type]) => !fieldOk(record[key], type));
  return bad ? `${path}${bad[0]}` : null;
}

const REPORT_SHAPE: Record<string, Field> = {
  python: 'string',
  executable: 'string',
  prefix: 'string',
  basePrefix: 'string',
  realPrefix: 'string',
  botoDisableCrt: 'string?',
  externallyManaged: 'boolean',
  conda: 'boolean',
  pipx: 'boolean',
  uvTool: 'boolean',
  userSite: 'string?',
  metadataAvailable: 'boolean',
};
const DIST_SHAPE: Record<string, Field> = { version: 'string', location: 'string?' };
const BOTOCORE_SHAPE: Record<string, Field> = { present: 'boolean', imported: 'boolean', version: 'string?', file: 'string?', loginProvider: 'boolean?', ecLoaded: 'boolean?', error: 'string?' };
const AWSCRT_SHAPE: Record<string, Field> = { present: 'boolean?', imported: 'boolean', version: 'string?', versionTuple: 'number[]?', ec: 'boolean', paddedPair: 'boolean', error: 'string?', cryptoError: 'string?' };

/**
 * Checks the probe's JSON field by field (an interpreter's output is untrusted: a wrapper, an old probe in a cache
 * or a sitecustomize may print something else): the report, or the first field that is wrong.
 */
export function checkPythonReport(value: unknown): { report: PythonReport; bad: null } | { report: null; bad: string } {
  const r = value as Record<string, unknown> | null;
  const dists = r?.dists as Record<string, unknown> | undefined;
  const botocore = r?.botocore as Record<string, unknown> | undefined;
  const bad =
    badField(value, REPORT_SHAPE, '') ??
    badField(dists, {}, 'dists') ??
    (['boto3', 'botocore', 'awscrt'] as const).map((n) => (dists![n] === null ? null : badField(dists![n], DIST_SHAPE, `dists.${n}.`))).find((b) => b !== null) ??
    badField(botocore, BOTOCORE_SHAPE, 'botocore.') ??
    (botocore!.dpopSignature === undefined || botocore!.dpopSignature === null || botocore!.dpopSignature === 'padded' || botocore!.dpopSignature === 'unpadded' ? null : 'botocore.dpopSignature') ??
    badField(r!.awscrt, AWSCRT_SHAPE, 'awscrt.');
  return bad === null ? { report: value as PythonReport, bad: null } : { report: null, bad: bad.replace(/\.$/, '') };
}

/** A cached report is trusted only with the same shape as a fresh one; anything else is a cache miss. */
function isPythonReport(v: unknown): v is PythonReport {
  return checkPythonReport(v).report !== null;
}

function interpreterIn(ctx: Context, envDir: string): string {
  const p = pathApi(ctx.platform);
  return ctx.platform === 'win32' ? p.join(envDir, 'Scripts', 'python.exe') : p.join(envDir, 'bin', 'python');
}

/** Two paths are one interpreter when they are the same file, or any python of the same venv. */
async function identity(ctx: Context, path: string): Promise<string> {
  const p = pathApi(ctx.platform);
  const envRoot = p.dirname(p.dirname(path));
  if (await ctx.fs.stat(p.join(envRoot, 'pyvenv.cfg'))) return `venv:${(await ctx.fs.realpath(envRoot)) ?? envRoot}`;
  return `file:${(await ctx.fs.realpath(path)) ?? path}`;
}

/** The interpreters a user's app may run under, in a stable order; memoized for the refresh-test. */
export function discoverPythons(ctx: Context): Promise<PythonCandidate[]> {
  return ctx.memo('python-candidates', async () => {
    const p = pathApi(ctx.platform);
    const raw: { path: string; reason: CandidateReason }[] = [];
    const given = await Promise.all(
      ctx.options.pythons.map(async (g) => {
        const abs = p.resolve(ctx.cwd, g);
        return (await ctx.fs.stat(abs))?.kind === 'directory' ? interpreterIn(ctx, abs) : abs;
      }),
    );
    for (const path of given) raw.push({ path, reason: '--python' });
    if (ctx.env.VIRTUAL_ENV) raw.push({ path: interpreterIn(ctx, ctx.env.VIRTUAL_ENV), reason: 'VIRTUAL_ENV' });
    for (const dir of ['.venv', 'venv'] as const) {
      const python = interpreterIn(ctx, p.join(ctx.cwd, dir));
      if (await isExecutableFile(ctx, python)) raw.push({ path: python, reason: dir });
    }
    for (const command of ['python3', 'python'] as const) {
      for (const f of await findOnPath(ctx, [command])) {
        if (await pythonStubReason(ctx, f.path)) continue;
        raw.push({ path: (await resolvePyenvShim(ctx, f.path)) ?? f.path, reason: `${command} on PATH` });
      }
    }
    for (const path of await installedPythons(ctx)) raw.push({ path, reason: 'installed' });
    for (const cli of await locateAwsClis(ctx)) {
      if (!cli.interpreter || (cli.version && cli.version[0] !== 1)) continue;
      if (p.isAbsolute(cli.interpreter) && looksLikePython(cli.interpreter)) raw.push({ path: cli.interpreter, reason: 'AWS CLI v1 interpreter' });
    }
    const byIdentity = new Map<string, PythonCandidate>();
    // A missing --python path is kept as is so it gets its own finding.
    const keys = await Promise.all(raw.map(async (r) => ((await ctx.fs.stat(r.path)) ? identity(ctx, r.path) : `missing:${r.path}`)));
    for (const [i, r] of raw.entries()) {
      const key = keys[i]!;
      const existing = byIdentity.get(key);
      if (existing) existing.found.push(r);
      else byIdentity.set(key, { path: r.path, found: [r] });
    }
    return [...byIdentity.values()];
  });
}

/** The report PROBE_SCRIPT printed, checked; `bad` says what is wrong with a report that is there but unusable. */
function readProbeOutput(stdout: string): { report: PythonReport | null; bad: string | null } {
  const line = stdout.split('\n').find((l) => l.startsWith(MARKER));
  if (!line) return { report: null, bad: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.slice(MARKER.length));
  } catch {
    return { report: null, bad: 'printed a report that is not JSON' };
  }
  const { report, bad } = checkPythonReport(parsed);
  return report ? { report, bad: null } : { report: null, bad: `printed a report with an unexpected ${bad}` };
}

/** The report PROBE_SCRIPT printed, checked, or null (also used for the AWS CLI v2's own Python, aws-cli-python.ts). */
export function readProbeReport(stdout: string): PythonReport | null {
  return readProbeOutput(stdout).report;
}

function watchList(stdout: string): string[] {
  const line = stdout.split('\n').find((l) => l.startsWith(WATCH_MARKER));
  try {
    const list: unknown = line ? JSON.parse(line.slice(WATCH_MARKER.length)) : null;
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Names in a site-packages folder that may give this interpreter botocore or awscrt (or extend sys.path). */
const MAY_MATTER = /^(botocore|awscrt|_awscrt|boto3)|\.(pth|egg-link)$/i;

/**
 * A venv that cannot see botocore or awscrt needs no Python start: isolated from the system site-packages (which
 * also turns the user site off), and no botocore, boto3 or awscrt entry, .pth or .egg-link file in its
 * site-packages. Its report says what the probe would: no botocore, no awscrt, the venv's prefix and version.
 * Null (run the probe) whenever anything is unclear.
 */
async function reportWithoutPython(ctx: Context, candidate: PythonCandidate): Promise<PythonReport | null> {
  const p = pathApi(ctx.platform);
  const root = p.dirname(p.dirname(candidate.path));
  const cfg = await ctx.fs.readText(p.join(root, 'pyvenv.cfg'), 16 * 1024);
  if (!cfg.ok) return null;
  const values = new Map<string, string>();
  for (const line of cfg.text.split(/\r?\n/)) {
    const m = /^\s*([\w-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) values.set(m[1]!.toLowerCase(), m[2]!);
  }
  const version = values.get('version') ?? values.get('version_info');
  const home = values.get('home');
  if (!version || !/^\d+\.\d+\.\d+$/.test(version) || !home || values.get('include-system-site-packages')?.toLowerCase() !== 'false') return null;
  const [major, minor] = version.split('.');
  const site = ctx.platform === 'win32' ? p.join(root, 'Lib', 'site-packages') : p.join(root, 'lib', `python${major}.${minor}`, 'site-packages');
  const entries = await ctx.fs.readdir(site);
  if (!entries || entries.some((e) => MAY_MATTER.test(e))) return null;
  const realPrefix = await ctx.fs.realpath(root);
  if (!realPrefix) return null;
  return {
    python: version,
    executable: candidate.path,
    prefix: root,
    basePrefix: p.dirname(home),
    realPrefix,
    botoDisableCrt: ctx.env.BOTO_DISABLE_CRT ?? null,
    externallyManaged: false,
    conda: false,
    pipx: Boolean(await ctx.fs.stat(p.join(root, 'pipx_metadata.json'))),
    uvTool: Boolean(await ctx.fs.stat(p.join(root, 'uv-receipt.toml'))),
    userSite: null,
    metadataAvailable: true,
    dists: { boto3: null, botocore: null, awscrt: null },
    botocore: { present: false, imported: false, error: "ModuleNotFoundError: No module named 'botocore'" },
    awscrt: { present: false, imported: false, version: null, versionTuple: null, ec: false, paddedPair: false, error: "ModuleNotFoundError: No module named 'awscrt'" },
  };
}

/** `spawned` is called once Python is running; a probe answered without Python never calls it. */
export async function probeOne(ctx: Context, candidate: PythonCandidate, spawned: () => void): Promise<PythonProbe> {
  const p = pathApi(ctx.platform);
  if (!(await isExecutableFile(ctx, candidate.path))) {
    return { candidate, report: null, failure: { kind: 'not-found', message: 'is not an executable file', output: '' } };
  }
  const stub = await pythonStubReason(ctx, candidate.path);
  if (stub) return { candidate, report: null, failure: { kind: 'not-found', message: stub, output: '' } };
  // --no-cache runs every probe: the slow path that the shortcuts are tested against.
  const noBotocore = ctx.options.probeCache ? await reportWithoutPython(ctx, candidate) : null;
  if (noBotocore) return { candidate, report: noBotocore, failure: null, notStarted: true };
  const key = ctx.options.probeCache ? cacheKey(ctx, candidate.path, PROBE_SCRIPT) : null;
  if (key) {
    const hit = await readCached(ctx, key, isPythonReport);
    if (hit) return { candidate, report: hit, failure: null, cached: true };
  }
  const started = ctx.now().getTime();
  const running = ctx.spawn(candidate.path, ['-E', '-B', '-c', PROBE_SCRIPT], {
    timeoutMs: ctx.limits.pythonProbeMs,
    maxOutputBytes: PROBE_MAX_OUTPUT,
    cwd: p.dirname(candidate.path),
    env: probeEnv(ctx, { PYTHONDONTWRITEBYTECODE: '1', AWS_EC2_METADATA_DISABLED: 'true' }),
  });
  spawned();
  const result = await running;
  const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-3).join('\n').slice(0, 500);
  if (result.error) return { candidate, report: null, failure: { kind: 'not-found', message: `could not be started (${result.error})`, output } };
  if (ctx.platform === 'win32' && isStoreAliasAnswer(result.exitCode, output)) {
    return { candidate, report: null, failure: { kind: 'not-found', message: 'is the Microsoft Store alias: no Python is installed here', output } };
  }
  if (result.timedOut) return { candidate, report: null, failure: { kind: 'timeout', message: `gave no answer within ${ctx.limits.pythonProbeMs / 1000} s`, output } };
  const reading = readProbeOutput(result.stdout);
  if (reading.bad) return { candidate, report: null, failure: { kind: 'bad-report', message: reading.bad, output } };
  const { report } = reading;
  if (report) {
    if (key) await writeCached(ctx, key, watchList(result.stdout), report, started);
    return { candidate, report, failure: null };
  }
  if (result.signal || (result.exitCode !== null && result.exitCode >= 128)) {
    return { candidate, report: null, failure: { kind: 'crashed', message: `crashed (${result.signal ?? `exit code ${result.exitCode}`})`, output } };
  }
  return { candidate, report: null, failure: { kind: 'no-report', message: `exited with code ${result.exitCode} without a report`, output } };
}

/** The probe of one interpreter named by path (the refresh test's consumers), not memoized. */
export function probePython(ctx: Context, path: string): Promise<PythonProbe> {
  return probeOne(ctx, { path, found: [{ path, reason: '--python' }] }, () => {});
}

/** One probe per interpreter, all at once; `started` resolves once every probe is running (or answered). */
function probeAll(ctx: Context): { probes: Promise<PythonProbe[]>; started: Promise<void> } {
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const probes = (async () => {
    const candidates = await discoverPythons(ctx);
    let pending = candidates.length;
    if (pending === 0) markStarted();
    const one = () => {
      pending -= 1;
      if (pending === 0) markStarted();
    };
    const all = await Promise.all(
      candidates.map((c) => {
        let counted = false;
        const mark = () => {
          if (!counted) one();
          counted = true;
        };
        // A probe counts as started when Python runs, or when it settles without one (cache, not found).
        return probeOne(ctx, c, mark).finally(mark);
      }),
    );
    markStarted();
    return dedupe(all);
  })();
  return { probes, started };
}

/** Results de-duplicated by the real sys.prefix (two launchers of one environment). */
function dedupe(probes: PythonProbe[]): PythonProbe[] {
  const out: PythonProbe[] = [];
  for (const probe of probes) {
    const key = probe.report?.realPrefix;
    const index = key ? out.findIndex((o) => o.report?.realPrefix === key) : -1;
    if (index < 0) {
      out.push(probe);
      continue;
    }
    const kept = out[index]!;
    out[index] = { ...kept, candidate: { ...kept.candidate, found: [...kept.candidate.found, ...probe.candidate.found] } };
  }
  return out;
}

/** What the probes depend on besides the files: a context that differs in any of these gets its own probes. */
function inputsOf(ctx: Context): string {
  return JSON.stringify([ctx.options.pythons, ctx.options.probeCache ?? false, ctx.cwd, ctx.home, ctx.platform, ctx.env]);
}

let early: { inputs: string; probes: Promise<PythonProbe[]> } | null = null;

/**
 * Starts the probes before the rest of the program loads (bin/ calls this first): Python then runs while Node
 * compiles the checks. probePythons takes these results over when its context has the same inputs.
 * Resolves when every probe is running or answered, or after `boundMs`, whichever is first.
 */
export function startPythonProbesEarly(ctx: Context, boundMs: number): Promise<void> {
  const { probes, started } = probeAll(ctx);
  early = { inputs: inputsOf(ctx), probes };
  // An unused early start must not become an unhandled rejection.
  probes.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([started, new Promise<void>((resolve) => (timer = setTimeout(resolve, boundMs)))]).finally(() => clearTimeout(timer));
}

/** One probe per interpreter, all at once; results de-duplicated by the real sys.prefix. Memoized. */
export function probePythons(ctx: Context): Promise<PythonProbe[]> {
  return ctx.memo('python-probes', () => {
    if (early && early.inputs === inputsOf(ctx)) {
      const { probes } = early;
      early = null;
      return probes;
    }
    return probeAll(ctx).probes;
  });
}
