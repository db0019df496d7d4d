import { resolve } from 'node:path';
import semver from 'semver';
import type { TokenFormat } from '../aws/refreshable-token.js';
import type { Context } from '../engine/context.js';
import type { FindingInput } from '../engine/finding.js';
import { FLOORS } from '../knowledge/floors.js';
import { discoverAwsClis, type AwsCli } from '../probes/aws-cli.js';
import { discoverPythons } from '../probes/python-probe.js';
import type { RefreshConsumer } from '../probes/refresh-consumers.js';
import { installMethod } from '../checks/tools/aws-cli.js';
import type { CliInstall } from './judge.js';
import type { Via } from './via.js';


export interface Discovery {
  consumers: RefreshConsumer[];
  /** Consumers that exist but cannot take part (too old, unreadable version): info, the test still runs. */
  unavailable: FindingInput[];
  /** Interpreters the user named with --python that cannot run: the test stops before touching the cache. */
  invalid: FindingInput[];
  /** How each AWS CLI consumer was installed, by its command (what its fixes update). */
  clis: Map<string, CliInstall>;
}

/** Why a path the user named cannot be run, or null when it is an executable file. */
async function unusableExecutable(ctx: Context, path: string): Promise<string | null> {
  const stat = await ctx.fs.stat(path);
  if (!stat) return 'there is no file at this path';
  if (stat.kind !== 'file') return `it is a ${stat.kind}, not a program`;
  if (ctx.platform !== 'win32' && (stat.mode & 0o111) === 0) return 'the file is not executable';
  return null;
}

export async function discoverConsumers(ctx: Context, format: TokenFormat, via: readonly Via[], pythons: readonly string[]): Promise<Discovery> {
  const consumers: RefreshConsumer[] = [];
  const unavailable: FindingInput[] = [];
  const invalid: FindingInput[] = [];
  const installs = new Map<string, CliInstall>();
  const skip = (label: string, why: string, fix: FindingInput['fix'] = null): void => {
    unavailable.push({ code: 'refresh-test-consumer-unavailable', status: 'info', title: `${label}: not tested`, detail: why, fix, evidence: { consumer: label } });
  };
  if (via.includes('js')) {
    const provider = format.kind === 'sso' ? 'fromSSO' : 'fromLoginCredentials';
    consumers.push({ kind: 'js', id: 'js', label: `AWS SDK for JavaScript v3 (in-process, ${provider})`, command: null });
  }
  if (via.includes('python')) {
    // --python names exactly the interpreters to test; without it, every interpreter the diagnosis finds.
    const list =
      pythons.length > 0
        ? pythons.map((path) => ({ path: resolve(ctx.cwd, path), why: '--python' }))
        : (await discoverPythons(ctx)).map((c) => ({ path: c.path, why: c.found[0]?.reason ?? 'found' }));
    if (list.length === 0) skip('Python', 'No Python interpreter found (--python, VIRTUAL_ENV, .venv, python3/python on PATH); name one with --python PATH.');
    for (const py of list) {
      const problem = py.why === '--python' ? await unusableExecutable(ctx, py.path) : null;
      if (problem) {
        invalid.push({
          code: 'refresh-test-consumer-unavailable',
          status: 'fail',
          title: `--python ${py.path}: cannot be run (${problem})`,
          detail: 'refresh-test stopped before locking or changing the cache: every interpreter named with --python must be a program that runs.',
          fix: { text: `Name the interpreter itself (for a virtual environment: ${ctx.platform === 'win32' ? '.venv\\Scripts\\python.exe' : '.venv/bin/python'}), or leave out --python to test every interpreter login-doctor finds.`, commands: [] },
          evidence: { consumer: py.path },
        });
        continue;
      }
      consumers.push({ kind: 'python', id: `python${consumers.filter((c) => c.kind === 'python').length + 1}`, label: `Python ${py.path} (${py.why}, boto3)`, command: py.path });
    }
  }
  if (via.includes('cli')) {
    // Two PATH entries that run the same program are one consumer.
    const clis: AwsCli[] = [];
    for (const cli of await discoverAwsClis(ctx)) if (!clis.some((c) => c.target === cli.target)) clis.push(cli);
    if (clis.length === 0) skip('AWS CLI', 'No aws on PATH.');
    for (const cli of clis) {
      const version = cli.version?.join('.');
      const botocore = cli.versionLine?.botocore ?? null;
      if (!cli.version || !version) {
        skip(`AWS CLI ${cli.path}`, `Its version could not be read${cli.failure ? `: ${cli.failure.message} ${cli.failure.output}`.trimEnd() : ''}.`);
      } else if (format.kind === 'login' && cli.version[0]! >= 2 && semver.lt(version, FLOORS.cliLogin.version)) {
        // Every AWS CLI that reads sso-session profiles refreshes SSO tokens; only login needs these versions.
        skip(`AWS CLI ${version} (${cli.path})`, `It cannot use login profiles: ${FLOORS.cliLogin.why}.`, { text: `Install AWS CLI v2 ${FLOORS.cliLogin.version} or later.`, commands: [] });
      } else if (format.kind === 'login' && cli.version[0] === 1 && botocore && semver.valid(botocore) && semver.lt(botocore, FLOORS.botocoreLogin.version)) {
        skip(`AWS CLI ${version} (${cli.path})`, `It runs on botocore ${botocore}: ${FLOORS.botocoreLogin.why}.`);
      } else {
        consumers.push({ kind: 'cli', id: `cli${consumers.filter((c) => c.kind === 'cli').length + 1}`, label: `AWS CLI ${version} (${cli.path})`, command: cli.path });
        installs.set(cli.path, { major: cli.version[0]!, method: installMethod(cli) });
      }
    }
  }
  return { consumers, unavailable, invalid, clis: installs };
}
