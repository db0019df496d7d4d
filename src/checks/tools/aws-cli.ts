import { compareCliVersions, formatCliVersion, parseCliVersion, type CliVersionTuple } from '../../aws/cli-version.js';
import type { Check } from '../../engine/check.js';
import type { Evidence, Fix, FindingInput } from '../../engine/finding.js';
import { CLI_INSTALL_GUIDE, cliUpdateCommands, type CliInstallMethod } from '../../knowledge/aws-cli-install.js';
import { FLOORS } from '../../knowledge/floors.js';
import { shellQuote } from '../../knowledge/shell.js';
import { discoverAwsClis, newestCli, type AwsCli } from '../../probes/aws-cli.js';
import { pathApi } from '../../probes/executables.js';
import { loginProfiles } from '../target-profiles.js';

const LOGIN = parseCliVersion(FLOORS.cliLogin.version)!;
const PADDED = parseCliVersion(FLOORS.cliPaddedDpop.version)!;

function canLogin(v: CliVersionTuple | null): boolean {
  return v !== null && v[0] >= 2 && compareCliVersions(v, LOGIN) >= 0;
}

function installMethod(cli: AwsCli): CliInstallMethod {
  if (cli.versionSource === 'installer layout') return 'installer';
  if (cli.versionSource === 'Homebrew layout') return 'homebrew';
  if (cli.versionEvidence && /^\/usr\/lib\/python3\/dist-packages\//.test(cli.versionEvidence)) return 'debian';
  if (cli.versionSource === 'package metadata') return 'pip';
  return 'unknown';
}

function evidence(cli: AwsCli): Evidence {
  return {
    path: cli.path,
    realPath: cli.target,
    pathPosition: cli.position + 1,
    version: cli.version ? formatCliVersion(cli.version) : null,
    versionFrom: cli.versionSource,
    versionEvidence: cli.versionEvidence,
    pyenvShim: cli.pyenvShim,
    interpreter: cli.interpreter,
  };
}

function describe(cli: AwsCli): string {
  const where = cli.target !== cli.path ? `${cli.path} (runs ${cli.target})` : cli.path;
  return cli.version ? `${where}: aws-cli ${formatCliVersion(cli.version)}, read from ${cli.versionSource}` : where;
}

function prependPath(platform: NodeJS.Platform, dir: string): string {
  return platform === 'win32' ? `$Env:Path = ${shellQuote(platform, `${dir};`)} + $Env:Path` : `export PATH=${shellQuote(platform, dir)}:"$PATH"`;
}

/** Commands that take a v1 or stale CLI out of the way: uninstall it where we know how, else put the good one first. */
function removalCommands(ctx: Parameters<Check['run']>[0], cli: AwsCli, better: AwsCli | null): string[] {
  const commands: string[] = [];
  const method = installMethod(cli);
  if (method === 'pip' && cli.interpreter && pathApi(ctx.platform).isAbsolute(cli.interpreter)) {
    commands.push(`${shellQuote(ctx.platform, cli.interpreter)} -m pip uninstall awscli`);
    if (cli.pyenvShim) commands.push('pyenv rehash');
  } else if (method === 'debian') {
    commands.push('sudo apt-get remove awscli');
  }
  if (better) commands.push(prependPath(ctx.platform, pathApi(ctx.platform).dirname(better.path)));
  return commands;
}

function installV2Fix(ctx: Parameters<Check['run']>[0], cli: AwsCli, better: AwsCli | null, why: string): Fix {
  const keep = better
    ? `Keep ${better.path} (aws-cli ${formatCliVersion(better.version!)}) and take ${cli.path} out of the way (or put ${pathApi(ctx.platform).dirname(better.path)} first on PATH).`
    : `Install AWS CLI v2 >= ${FLOORS.cliLogin.version} (${CLI_INSTALL_GUIDE}) and remove ${cli.path} or put the new one first on PATH.`;
  const install = better ? [] : cliUpdateCommands('installer', ctx.platform, process.arch);
  return { text: `${why} ${keep}`, commands: [...install, ...removalCommands(ctx, cli, better)] };
}

function cliFindings(ctx: Parameters<Check['run']>[0], cli: AwsCli, all: readonly AwsCli[], severe: 'fail' | 'warn', login: string[]): FindingInput[] {
  const first = cli.position === 0;
  const role = first ? 'the `aws` your shell runs' : `shadowed by an earlier aws on PATH (position ${cli.position + 1})`;
  const better = all.find((c) => c !== cli && canLogin(c.version) && (!cli.version || compareCliVersions(c.version!, cli.version) > 0)) ?? null;
  const forProfiles = login.length ? ` Profile ${login.map((n) => `"${n}"`).join(', ')} uses login_session.` : '';
  if (cli.failure) {
    return [{
      code: 'cli-version-unknown',
      status: first ? severe : 'info',
      title: `${cli.path}: \`aws --version\` ${cli.failure.message}`,
      detail:
        `${cli.path} is ${role}. No install metadata gave its version, and running \`aws --version\` ${cli.failure.message}` +
        `${cli.failure.output ? `; it printed: ${cli.failure.output}` : ''}. A CLI that cannot report its version will not run \`aws login\` either.${forProfiles}`,
      fix: installV2Fix(ctx, cli, better, 'Reinstall or remove this aws.'),
      evidence: { ...evidence(cli), failure: cli.failure.kind, exitCode: cli.failure.exitCode, signal: cli.failure.signal },
    }];
  }
  const v = cli.version!;
  const version = formatCliVersion(v);
  if (v[0] === 1) {
    return [{
      code: 'cli-v1',
      status: first ? severe : 'info',
      title: first ? `The first aws on PATH is AWS CLI v1 (${version}): it has no \`aws login\`` : `AWS CLI v1 ${version} at ${cli.path} (not the one your shell runs)`,
      detail:
        `${describe(cli)}; it is ${role}. AWS CLI v1 has no \`aws login\` command ("aws: error: argument command: Invalid choice"), so login sessions cannot be created or renewed with it. ` +
        `(It uses the botocore of its own Python, which the Python check inspects.)${forProfiles}`,
      fix: installV2Fix(ctx, cli, better, 'AWS CLI v1 cannot run `aws login`.'),
      evidence: evidence(cli),
    }];
  }
  if (!canLogin(v)) {
    const method = installMethod(cli);
    const update = cliUpdateCommands(method, ctx.platform, process.arch);
    return [{
      code: 'cli-too-old',
      status: first ? severe : 'info',
      title: `AWS CLI ${version} at ${cli.path} is older than ${FLOORS.cliLogin.version}: no \`aws login\``,
      detail: `${describe(cli)}; it is ${role}. ${FLOORS.cliLogin.why}.${method === 'debian' ? ' This is the Debian/Ubuntu awscli package, which lags far behind; the official installer is current.' : ''}${forProfiles}`,
      fix: update.length
        ? { text: `Update AWS CLI v2 to >= ${FLOORS.cliLogin.version}.`, commands: update }
        : installV2Fix(ctx, cli, better, `AWS CLI ${version} is too old.`),
      evidence: evidence(cli),
    }];
  }
  if (compareCliVersions(v, PADDED) < 0) {
    const update = cliUpdateCommands(installMethod(cli), ctx.platform, process.arch);
    return [{
      code: 'cli-unpadded-dpop',
      status: first ? 'warn' : 'info',
      title: `AWS CLI ${version} at ${cli.path} builds unpadded DPoP signatures`,
      detail: `${describe(cli)}; it is ${role}. ${FLOORS.cliPaddedDpop.why}: a refresh can be rejected when a signature half has a leading zero byte.`,
      fix: { text: `Update AWS CLI v2 to >= ${FLOORS.cliPaddedDpop.version} (${CLI_INSTALL_GUIDE}).`, commands: update },
      evidence: evidence(cli),
    }];
  }
  return [{ code: 'cli-ok', status: 'pass', title: `AWS CLI ${version} at ${cli.path} supports \`aws login\``, detail: `${describe(cli)}; it is ${role}.`, evidence: evidence(cli) }];
}

export const awsCliCheck: Check = {
  id: 'tools.aws-cli',
  title: 'AWS CLI on PATH',
  category: 'tools',
  touches: ['files', 'subprocess'],
  async run(ctx) {
    const [clis, login] = await Promise.all([discoverAwsClis(ctx), loginProfiles(ctx)]);
    const severe = login.length ? 'fail' : 'warn';
    if (clis.length === 0) {
      return [{
        code: 'cli-missing',
        status: login.length ? 'warn' : 'info',
        title: 'No aws on PATH: `aws login` is not possible here',
        detail: `No \`aws\` executable was found on PATH. SDKs can still use an existing login session, but it cannot be created or renewed on this machine without AWS CLI v2 >= ${FLOORS.cliLogin.version}.`,
        fix: { text: `Install AWS CLI v2 (${CLI_INSTALL_GUIDE}).`, commands: cliUpdateCommands('installer', ctx.platform, process.arch) },
        evidence: { PATH: ctx.env.PATH ?? '' },
      }];
    }
    const findings = clis.flatMap((cli) => cliFindings(ctx, cli, clis, severe, login));
    const first = clis[0]!;
    const newest = newestCli(clis.slice(1));
    if (first.version && newest?.version && compareCliVersions(newest.version, first.version) > 0) {
      const blocks = !canLogin(first.version) && canLogin(newest.version);
      findings.push({
        code: 'cli-shadowed',
        status: blocks ? severe : 'info',
        title: `${first.path} (${formatCliVersion(first.version)}) hides the newer ${newest.path} (${formatCliVersion(newest.version)})`,
        detail:
          `PATH order decides which aws runs: ${clis.map((c) => `${c.position + 1}. ${describe(c)}`).join('; ')}. ` +
          (blocks ? `The hidden one supports \`aws login\`, the one that runs does not.` : `Neither difference matters for \`aws login\` right now, but the older one runs.`),
        // Reordering PATH also changes which python3 and other tools run: only worth it when it unblocks aws login.
        fix: blocks
          ? {
              text: `Remove ${first.path} or put ${pathApi(ctx.platform).dirname(newest.path)} before ${pathApi(ctx.platform).dirname(first.path)} on PATH (in your shell profile).`,
              commands: removalCommands(ctx, first, newest),
            }
          : null,
        evidence: { first: evidence(first), newest: evidence(newest) },
      });
    }
    return findings;
  },
};
