import type { Context } from '../engine/context.js';
import type { AwsCli } from './aws-cli.js';
import { probeEnv } from './executables.js';
import { pathApi } from '../aws/paths.js';
import { PROBE_SCRIPT, readProbeReport, type PythonReport } from './python-probe.js';

const MARKER = '@@login-doctor-cli@@';
const MAX_OUTPUT = 64 * 1024;

/**
 * Runs the Python probe (python-probe.ts) the way the CLI starts: its launcher's interpreter and flags, its
 * sys.path additions first, and the CLI v2's vendored `awscli.botocore` standing in for `botocore`, so the
 * probe reports the botocore and awscrt this CLI really imports.
 */
const PRELUDE = `
import sys, json
sys.path[0:0] = json.loads(sys.argv[1])
_cli = {}
try:
    import awscli
    _cli['file'] = getattr(awscli, '__file__', None)
    _cli['version'] = getattr(awscli, '__version__', None)
    import awscli.botocore, awscli.botocore.credentials, awscli.botocore.utils
    for _name in ('', '.credentials', '.utils'):
        sys.modules['botocore' + _name] = sys.modules['awscli.botocore' + _name]
except Exception as e:
    _cli['error'] = '%s: %s' % (type(e).__name__, e)
`;
const EPILOGUE = `
_crt = sys.modules.get('awscrt')
_cli['awscrtFile'] = getattr(_crt, '__file__', None) if _crt is not None else None
sys.stdout.write('${MARKER}' + json.dumps(_cli) + '\\n')
`;

export interface CliPythonProbe {
  /** The probe's report: `botocore` is the CLI's vendored copy, `awscrt` the one its Python imports. */
  report: PythonReport | null;
  awscli: { file: string | null; version: string | null; awscrtFile: string | null; error?: string } | null;
  /** Why nothing could be learned (interpreter missing, timeout, no report), else null. */
  failure: string | null;
}

/** The CLI's own Python environment, inspected without running the CLI; null for CLIs that do not run on one. Memoized per CLI. */
export function probeCliPython(ctx: Context, cli: AwsCli): Promise<CliPythonProbe | null> {
  const launcher = cli.launcher;
  if (!launcher) return Promise.resolve(null);
  return ctx.memo(`aws-cli-python:${cli.target}`, async () => {
    const script = `${PRELUDE}\n${PROBE_SCRIPT}\n${EPILOGUE}`;
    const result = await ctx.spawn(launcher.interpreter, [...launcher.flags, '-E', '-B', '-c', script, JSON.stringify(launcher.extraPath)], {
      timeoutMs: ctx.limits.pythonProbeMs,
      maxOutputBytes: MAX_OUTPUT,
      cwd: pathApi(ctx.platform).dirname(cli.target),
      env: probeEnv(ctx, { PYTHONDONTWRITEBYTECODE: '1', AWS_EC2_METADATA_DISABLED: 'true' }),
    });
    const report = readProbeReport(result.stdout);
    const line = result.stdout.split('\n').find((l) => l.startsWith(MARKER));
    let awscli: CliPythonProbe['awscli'] = null;
    try {
      awscli = line ? (JSON.parse(line.slice(MARKER.length)) as CliPythonProbe['awscli']) : null;
    } catch {
      awscli = null;
    }
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-2).join(' ').slice(0, 300);
    const failure = report
      ? null
      : (result.error ?? (result.timedOut ? `no answer within ${ctx.limits.pythonProbeMs / 1000} s` : `exited with code ${result.exitCode ?? result.signal} without a report: ${tail}`));
    return { report, awscli, failure };
  });
}
