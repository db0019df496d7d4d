import type { Check } from '../../engine/check.js';
import type { Context } from '../../engine/context.js';
import type { Fix, FindingInput, Status } from '../../engine/finding.js';
import { BOTOCORE_ERRORS } from '../../knowledge/botocore-errors.js';
import { FLOORS } from '../../knowledge/floors.js';
import { loginBridge, OTHER_SDK_FLOORS } from '../../knowledge/other-sdks.js';
import { pythonUpgradeFix } from '../../knowledge/python-fixes.js';
import { shellOf, shellQuote } from '../../knowledge/shell.js';
import { versionBelow } from '../../aws/sdk-versions.js';
import type { PythonReport } from '../../probes/python-probe.js';
import { scanToolEnvs, type ToolEnv } from '../../probes/tool-envs.js';
import { loadConfig } from '../aws-config.js';
import { loginProfiles } from '../target-profiles.js';
import { awscrtGateProblem } from './python.js';
import { profileKind } from '../../aws/config.js';

const MANAGER_LABEL = { pipx: 'pipx', uv: 'uv tool', Homebrew: 'Homebrew', 'SAM CLI': 'AWS SAM CLI' } as const;

function label(env: ToolEnv): string {
  return env.manager === 'SAM CLI' ? 'AWS SAM CLI' : `${env.tool} (${MANAGER_LABEL[env.manager]})`;
}

/** The tool's own way to get a working botocore/awscrt, then the bridge. */
function toolFix(ctx: Context, env: ToolEnv, r: PythonReport, why: string, login: string): Fix {
  const bridge = loginBridge(ctx, login);
  let fix: Fix;
  switch (env.manager) {
    case 'pipx':
    case 'uv': {
      fix = pythonUpgradeFix(ctx, { executable: env.python, prefix: env.prefix, kind: env.manager === 'pipx' ? 'pipx' : 'uv-tool', hasBoto3: r.dists.boto3 !== null, userSite: false }, why);
      if (env.manager === 'uv') fix = { text: `${fix.text}\nFor a one-off run: uvx --with 'botocore[crt]' ${env.tool}.`, commands: fix.commands };
      break;
    }
    case 'Homebrew':
      fix = {
        text: `${why} The formula owns its environment: upgrade it; if the newest formula still lacks awscrt, report it to the formula (Homebrew/homebrew-core) and ask for the botocore crt extra.`,
        commands: [`brew upgrade ${shellQuote(shellOf(ctx), env.tool)}`],
      };
      break;
    case 'SAM CLI':
      fix = {
        text: `${why} Upgrade the AWS SAM CLI to ${OTHER_SDK_FLOORS.samPadded.version} or later with the installer you used (the AWS installer, brew upgrade aws-sam-cli, or pip).`,
        commands: [],
      };
      break;
  }
  return { text: `${fix.text}\n${bridge.text}`, commands: [...fix.commands, bridge.command] };
}

function toolFindings(ctx: Context, env: ToolEnv, r: PythonReport, severe: Status, login: string): FindingInput[] {
  const botocore = r.botocore.version ?? r.dists.botocore?.version ?? env.botocore ?? '(unknown)';
  const evidence = {
    tool: env.tool,
    manager: env.manager,
    environment: env.prefix,
    python: env.python,
    pythonVersion: r.python,
    botocore,
    awscrt: r.awscrt.version ?? r.dists.awscrt?.version ?? null,
  };
  const at = `${label(env)} at ${env.prefix} (Python ${r.python})`;
  if (!r.botocore.imported || r.botocore.loginProvider === false || (r.botocore.loginProvider === undefined && versionBelow(botocore, FLOORS.botocoreLogin.version))) {
    return [{
      code: 'tool-env-botocore-too-old',
      status: severe,
      title: `${label(env)} has botocore ${botocore}, which cannot use login_session`,
      detail: r.botocore.imported
        ? `${at}: ${FLOORS.botocoreLogin.why}.`
        : `${at}: botocore does not import (${r.botocore.error ?? 'unknown error'}), so the tool cannot build any credentials.`,
      fix: toolFix(ctx, env, r, `The tool needs botocore >= ${FLOORS.botocoreLogin.version} with the crt extra.`, login),
      evidence,
    }];
  }
  const gate = r.awscrt.imported ? awscrtGateProblem(r) : null;
  if (!r.awscrt.imported || gate) {
    return [{
      code: 'tool-env-awscrt-missing',
      status: severe,
      title: r.awscrt.imported
        ? `${label(env)} has botocore ${botocore} with an unusable awscrt ${r.awscrt.version ?? ''}`.trimEnd()
        : `${label(env)} has botocore ${botocore} without awscrt`,
      detail:
        `${at}: ${gate ?? (r.awscrt.present ? `awscrt does not import (${r.awscrt.error})` : 'awscrt is not installed in the tool\'s own environment')}, ` +
        `so the tool fails with:\n  ${BOTOCORE_ERRORS.missingDependency.text}\nInstalling awscrt elsewhere does not help: the tool only sees its own environment.`,
      fix: toolFix(ctx, env, r, 'Add awscrt (botocore[crt]) to the tool\'s environment.', login),
      evidence,
    }];
  }
  const padded = r.botocore.dpopSignature ? r.botocore.dpopSignature === 'padded' : versionBelow(botocore, FLOORS.botocorePaddedDpop.version) === false;
  if (padded && !r.awscrt.paddedPair) {
    return [{
      code: 'tool-env-awscrt-no-padded-signature',
      status: severe,
      title: `${label(env)} has awscrt ${r.awscrt.version}, which breaks the login refresh ~10 minutes after aws login`,
      detail: `${at}: botocore ${botocore} signs the refresh with EC.decode_der_signature_to_padded_pair, which awscrt < ${FLOORS.awscrtPaddedDpop.version} lacks:\n  ${BOTOCORE_ERRORS.noPaddedPair.text}`,
      fix: toolFix(ctx, env, r, `Upgrade awscrt in the tool's environment to >= ${FLOORS.awscrtPaddedDpop.version}.`, login),
      evidence,
    }];
  }
  return [];
}

function samFindings(ctx: Context, sam: { path: string; version: string | null }, severe: Status, login: string): FindingInput[] {
  if (!sam.version) return [];
  const bridge = loginBridge(ctx, login);
  const fixText = `Upgrade the AWS SAM CLI to ${OTHER_SDK_FLOORS.samPadded.version} or later with the installer you used (the AWS installer, brew upgrade aws-sam-cli, or pip).`;
  const evidence = { sam: sam.path, version: sam.version };
  if (versionBelow(sam.version, OTHER_SDK_FLOORS.sam.version)) {
    return [{
      code: 'sam-too-old',
      status: severe,
      title: `AWS SAM CLI ${sam.version} (${sam.path}) cannot use login_session`,
      detail: `${OTHER_SDK_FLOORS.sam.why}; older versions bundle a botocore without the login provider. Minimum: ${OTHER_SDK_FLOORS.sam.version}.`,
      fix: { text: `${fixText}\n${bridge.text}`, commands: [bridge.command] },
      evidence,
    }];
  }
  if (versionBelow(sam.version, OTHER_SDK_FLOORS.samPadded.version)) {
    return [{
      code: 'sam-unpadded-dpop',
      status: 'warn',
      title: `AWS SAM CLI ${sam.version} (${sam.path}) builds unpadded login signatures`,
      detail: `${OTHER_SDK_FLOORS.samPadded.why}. A refresh can be rejected when a signature half has a leading zero byte, the same cause as AWS CLI ${FLOORS.cliLogin.version} up to (not including) ${FLOORS.cliPaddedDpop.version}. Minimum: ${OTHER_SDK_FLOORS.samPadded.version}.`,
      fix: { text: fixText, commands: [] },
      evidence,
    }];
  }
  return [];
}

export const toolEnvsCheck: Check = {
  id: 'tools.tool-envs',
  title: 'Python environments of tools: pipx, uv tools, Homebrew formulas, AWS SAM CLI',
  category: 'tools',
  touches: ['files', 'subprocess'],
  async run(ctx) {
    const [scan, inUse, { config }] = await Promise.all([scanToolEnvs(ctx), loginProfiles(ctx), loadConfig(ctx)]);
    const severe: Status = inUse.length ? 'fail' : 'warn';
    const login = inUse[0] ?? [...config.profiles.values()].find((p) => profileKind(p) === 'login')?.name ?? 'LOGIN_PROFILE';
    const findings: FindingInput[] = [];
    const ok: string[] = [];
    for (const { env, probe } of scan.probed) {
      if (!probe.report) {
        findings.push({
          code: 'tool-env-probe-failed',
          status: 'warn',
          title: `Could not inspect ${label(env)}: ${probe.failure!.message}`,
          detail: `${env.python} in ${env.prefix} has botocore ${env.botocore}, but the inspection (one short Python command) ${probe.failure!.message}.${probe.failure!.output ? `\nOutput:\n${probe.failure!.output}` : ''}`,
          fix: { text: `Check that the tool still runs; reinstall it with its manager (${MANAGER_LABEL[env.manager]}) if not.`, commands: [] },
          evidence: { tool: env.tool, manager: env.manager, python: env.python, failure: probe.failure!.kind },
        });
        continue;
      }
      const own = toolFindings(ctx, env, probe.report, severe, login);
      if (own.length) findings.push(...own);
      else ok.push(`${label(env)}: botocore ${probe.report.botocore.version}, awscrt ${probe.report.awscrt.version}`);
    }
    if (scan.sam) findings.push(...samFindings(ctx, scan.sam, severe, login));
    const total = scan.probed.length + scan.withoutBotocore.length + scan.elsewhere.length;
    if (total === 0 && !scan.sam) return findings;
    if (!findings.some((f) => f.status === 'fail' || f.status === 'warn')) {
      findings.push({
        code: 'tool-envs-ok',
        status: 'pass',
        title: ok.length ? `Tools with their own Python can use login sessions: ${ok.length} checked` : `No tool environment uses botocore (${total} found)`,
        detail: [
          ok.length ? `With botocore:\n${ok.map((o) => `  ${o}`).join('\n')}` : '',
          scan.withoutBotocore.length ? `Without botocore (not started): ${scan.withoutBotocore.map(label).join(', ')}` : '',
          scan.elsewhere.length ? `Checked elsewhere: ${scan.elsewhere.map((e) => `${label(e.env)} (${e.why})`).join(', ')}` : '',
        ].filter(Boolean).join('\n'),
        evidence: { ok, withoutBotocore: scan.withoutBotocore.map((e) => e.prefix), elsewhere: scan.elsewhere.map((e) => e.env.prefix) },
      });
    }
    return findings;
  },
};
