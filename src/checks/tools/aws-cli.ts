import { compareCliVersions, formatCliVersion, parseCliVersion, type CliVersionTuple } from '../../aws/cli-version.js';
import { brokenStartUrlWindow, loginRefusal, refusesLogin, ssoStartUrl } from '../../aws/cli-windows.js';
import { where } from '../../aws/config.js';
import type { Check } from '../../engine/check.js';
import type { Evidence, Fix, FindingInput } from '../../engine/finding.js';
import { CLI_INSTALL_GUIDE, cliUpdateCommands, type CliInstallMethod } from '../../knowledge/aws-cli-install.js';
import { LOGIN_REFUSES_OTHER_CREDENTIALS, SOURCE_BUILT_AWSCRT } from '../../knowledge/aws-cli-windows.js';
import { FLOORS } from '../../knowledge/floors.js';
import { awsLogin, prependPath, shellQuote, shellOf } from '../../knowledge/shell.js';
import { discoverAwsClis, newestCli, type AwsCli } from '../../probes/aws-cli.js';
import { probeCliPython } from '../../probes/aws-cli-python.js';
import { findInstalledAwsClis } from '../../probes/executables.js';
import { pathApi } from '../../aws/paths.js';
import { loadConfig } from '../aws-config.js';
import { loginProfiles, targetProfiles } from '../target-profiles.js';

const LOGIN = parseCliVersion(FLOORS.cliLogin.version)!;
const PADDED = parseCliVersion(FLOORS.cliPaddedDpop.version)!;

function canLogin(v: CliVersionTuple | null): boolean {
  return v !== null && v[0] >= 2 && compareCliVersions(v, LOGIN) >= 0;
}

export function installMethod(cli: AwsCli): CliInstallMethod {
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
    distribution: cli.distribution,
  };
}

function describe(cli: AwsCli): string {
  const where = cli.target !== cli.path ? `${cli.path} (runs ${cli.target})` : cli.path;
  return cli.version ? `${where}: aws-cli ${formatCliVersion(cli.version)}, read from ${cli.versionSource}` : where;
}

/** Commands that take a v1 or stale CLI out of the way: uninstall it where we know how, else put the good one first. */
function removalCommands(ctx: Parameters<Check['run']>[0], cli: AwsCli, better: AwsCli | null): string[] {
  const commands: string[] = [];
  const method = installMethod(cli);
  if (method === 'pip' && cli.interpreter && pathApi(ctx.platform).isAbsolute(cli.interpreter)) {
    commands.push(`${shellQuote(shellOf(ctx), cli.interpreter)} -m pip uninstall awscli`);
    if (cli.pyenvShim) commands.push('pyenv rehash');
  } else if (method === 'debian') {
    commands.push('sudo apt-get remove awscli');
  }
  if (better) commands.push(prependPath(shellOf(ctx), pathApi(ctx.platform).dirname(better.path)));
  return commands;
}

function installV2Fix(ctx: Parameters<Check['run']>[0], cli: AwsCli, better: AwsCli | null, why: string): Fix {
  const keep = better
    ? `Keep ${better.path} (aws-cli ${formatCliVersion(better.version!)}) and take ${cli.path} out of the way (or put ${pathApi(ctx.platform).dirname(better.path)} first on PATH).`
    : `Install AWS CLI v2 >= ${FLOORS.cliLogin.version} (${CLI_INSTALL_GUIDE}) and remove ${cli.path} or put the new one first on PATH.`;
  const install = better ? [] : cliUpdateCommands('installer', ctx, process.arch);
  return { text: `${why} ${keep}`, commands: [...install, ...removalCommands(ctx, cli, better)] };
}

async function cliFindings(ctx: Parameters<Check['run']>[0], cli: AwsCli, all: readonly AwsCli[], severe: 'fail' | 'warn', login: string[]): Promise<FindingInput[]> {
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
    const update = cliUpdateCommands(method, ctx, process.arch);
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
    const update = cliUpdateCommands(installMethod(cli), ctx, process.arch);
    return [{
      code: 'cli-unpadded-dpop',
      status: first ? 'warn' : 'info',
      title: `AWS CLI ${version} at ${cli.path} builds unpadded DPoP signatures`,
      detail: `${describe(cli)}; it is ${role}. ${FLOORS.cliPaddedDpop.why}: a refresh can be rejected when a signature half has a leading zero byte.`,
      fix: { text: `Update AWS CLI v2 to >= ${FLOORS.cliPaddedDpop.version} (${CLI_INSTALL_GUIDE}).`, commands: update },
      evidence: evidence(cli),
    }];
  }
  const own = await ownAwscrt(ctx, cli);
  if (own.problem) {
    return [{
      code: 'cli-awscrt-no-padded-signature',
      status: first ? severe : 'info',
      title: `AWS CLI ${version} at ${cli.path} runs on an awscrt without the padded DPoP signature: aws login and every refresh fail`,
      detail:
        `${describe(cli)}; it is ${role}. It was built from source${cli.distribution && cli.distribution !== 'source' ? ` (${cli.distribution})` : ''}, so it imports the awscrt of its own Python (${own.where}), not a bundled one. ` +
        `Its botocore signs DPoP proofs with EC.decode_der_signature_to_padded_pair, and ${own.problem}; \`aws login\` and every login refresh stop with "type object 'EC' has no attribute 'decode_der_signature_to_padded_pair'". ${FLOORS.awscrtPaddedDpop.why}.${forProfiles}`,
      fix: {
        text: `Upgrade this AWS CLI through the package manager that installed it, so that it comes with awscrt >= ${FLOORS.awscrtPaddedDpop.version}, or install the official AWS CLI v2, which bundles a matching awscrt (${CLI_INSTALL_GUIDE}).`,
        commands: cliUpdateCommands(installMethod(cli), ctx, process.arch),
      },
      evidence: { ...evidence(cli), ...own.evidence, source: SOURCE_BUILT_AWSCRT.source },
    }];
  }
  return [{
    code: 'cli-ok',
    status: 'pass',
    title: `AWS CLI ${version} at ${cli.path} supports \`aws login\``,
    detail: `${describe(cli)}; it is ${role}.${own.note}`,
    evidence: { ...evidence(cli), ...own.evidence },
  }];
}

/**
 * A CLI built from source uses its Python's awscrt (aws/aws-cli#9888); the official installer bundles a
 * matching one, so only CLIs with a launcher on an ordinary Python are inspected.
 */
async function ownAwscrt(ctx: Parameters<Check['run']>[0], cli: AwsCli): Promise<{ problem: string | null; where: string; note: string; evidence: Evidence }> {
  const none = { problem: null, where: '', note: '', evidence: {} };
  if (!cli.launcher || cli.distribution === 'exe') return none;
  const probe = await probeCliPython(ctx, cli);
  if (!probe) return none;
  const report = probe.report;
  if (!report) return { ...none, note: ` Its own Python (${cli.launcher.interpreter}) could not be inspected: ${probe.failure}.`, evidence: { ownPython: cli.launcher.interpreter, ownPythonFailure: probe.failure } };
  const crt = report.awscrt;
  const evidenceOut: Evidence = {
    ownPython: cli.launcher.interpreter,
    awscrtVersion: crt.version,
    awscrtPath: probe.awscli?.awscrtFile ?? null,
    botocorePath: report.botocore.file ?? null,
    dpopSignature: report.botocore.dpopSignature ?? null,
  };
  const whereText = `${cli.launcher.interpreter}${crt.version ? `, awscrt ${crt.version}` : ''}${probe.awscli?.awscrtFile ? ` from ${probe.awscli.awscrtFile}` : ''}`;
  if (report.botocore.dpopSignature !== 'padded' || crt.paddedPair) {
    return { problem: null, where: whereText, note: ` It runs on its own Python: ${whereText}.`, evidence: evidenceOut };
  }
  const problem = crt.imported ? `awscrt ${crt.version ?? '(no version)'} has no such method` : `awscrt cannot be imported (${crt.error ?? 'not installed'})`;
  return { problem, where: whereText, note: '', evidence: evidenceOut };
}

/** Version windows of the `aws` the shell runs that break one of the diagnosed profiles. */
async function windowFindings(ctx: Parameters<Check['run']>[0], cli: AwsCli): Promise<FindingInput[]> {
  if (!cli.version || cli.version[0] !== 2) return [];
  const version = formatCliVersion(cli.version);
  const { config } = await loadConfig(ctx);
  const findings: FindingInput[] = [];
  for (const target of await targetProfiles(ctx)) {
    if (!target.data) continue;
    const startUrl = ssoStartUrl(config, target.data);
    const window = startUrl ? brokenStartUrlWindow(startUrl.value, cli.version) : null;
    if (startUrl && window) {
      findings.push({
        code: 'cli-sso-start-url-broken',
        status: 'fail',
        title: `AWS CLI ${version} cannot resolve the ${window.partition} start URL of profile "${target.name}": aws sso login fails`,
        detail:
          `${describe(cli)}. AWS CLI ${window.from} up to ${window.fixed} (not included) treat ${window.partition} start URLs as custom (vanity) URLs, fetch them and stop with "An error occurred (Configuration): Failed to resolve start URL: HTTP 404". ` +
          `Profile "${target.name}" signs in at ${startUrl.value} (${where(startUrl)}).`,
        fix: { text: `Update AWS CLI v2 to ${window.fixed} or later (${CLI_INSTALL_GUIDE}).`, commands: cliUpdateCommands(installMethod(cli), ctx, process.arch) },
        evidence: { ...evidence(cli), profile: target.name, startUrl: startUrl.value, partition: window.partition, brokenFrom: window.from, fixedIn: window.fixed, source: window.source },
      });
    }
    const refusal = loginRefusal(target.data);
    if (refusal && refusesLogin(cli.version)) {
      const isLogin = target.data.configValues.has('login_session') || target.data.credentialsValues.has('login_session');
      findings.push({
        code: 'cli-login-refuses-profile',
        status: isLogin ? 'warn' : 'info',
        title: `\`aws login\` (AWS CLI ${version}) refuses profile "${target.name}": it already has ${refusal.style} credentials`,
        detail:
          `${describe(cli)}. Since AWS CLI ${LOGIN_REFUSES_OTHER_CREDENTIALS.from}, aws login stops with "Profile '${target.name}' is already configured with ${refusal.style} credentials." ` +
          `when the profile has other credential settings; here ${refusal.key} at ${where(refusal.setting)}.` +
          (isLogin ? ' Its login session can therefore not be renewed under this name.' : ''),
        fix: {
          text: `Sign in to a new profile name, or first remove ${refusal.key} (and the settings that belong to it) from profile "${target.name}".`,
          commands: [awsLogin(shellOf(ctx), `${target.name}-login`)],
        },
        evidence: { ...evidence(cli), profile: target.name, style: refusal.style, key: refusal.key, at: where(refusal.setting), refusedSince: LOGIN_REFUSES_OTHER_CREDENTIALS.from, source: LOGIN_REFUSES_OTHER_CREDENTIALS.source },
      });
    }
  }
  return findings;
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
      // An installer may have put aws where this shell's PATH does not look (a new terminal, or a PATH edit lost).
      const offPath = (await findInstalledAwsClis(ctx)).filter((c) => !c.onPath);
      const hidden = offPath.length ? ` Installed but not on PATH: ${offPath.map((c) => `${c.path}${c.layout ? ` (${c.layout})` : ''}`).join(', ')}.` : '';
      return [{
        code: 'cli-missing',
        status: login.length ? 'warn' : 'info',
        title: 'No aws on PATH: `aws login` is not possible here',
        detail: `No \`aws\` executable was found on PATH. SDKs can still use an existing login session, but it cannot be created or renewed on this machine without AWS CLI v2 >= ${FLOORS.cliLogin.version}.${hidden}`,
        fix: offPath.length
          ? { text: `Open a new terminal, or put ${pathApi(ctx.platform).dirname(offPath[0]!.path)} on PATH (in your shell profile).`, commands: [prependPath(shellOf(ctx), pathApi(ctx.platform).dirname(offPath[0]!.path))] }
          : { text: `Install AWS CLI v2 (${CLI_INSTALL_GUIDE}).`, commands: cliUpdateCommands('installer', ctx, process.arch) },
        evidence: { PATH: ctx.env.PATH ?? '', installedOffPath: offPath.map((c) => c.path) },
      }];
    }
    const findings = (await Promise.all(clis.map((cli) => cliFindings(ctx, cli, clis, severe, login)))).flat();
    const first = clis[0]!;
    if (!first.failure) findings.push(...(await windowFindings(ctx, first)));
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
