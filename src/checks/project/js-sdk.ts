import type { JsSdkProblem } from '../../aws/js-sdk.js';
import { INI_PACKAGE, JS_SDK_PACKAGES, LOGIN_PACKAGE } from '../../aws/js-sdk-packages.js';
import type { Check } from '../../engine/check.js';
import type { Context } from '../../engine/context.js';
import type { FindingCode } from '../../engine/finding-codes.js';
import type { EvidenceValue, FindingInput, Fix, Status } from '../../engine/finding.js';
import { FLOORS } from '../../knowledge/floors.js';
import { jsAddLatest, jsUpdate, jsWhy } from '../../knowledge/package-managers.js';
import { loadJsProject, type JsProject } from './js-project.js';
import { findProjectRoot } from './project-root.js';
import { breakingStatus } from '../target-profiles.js';
import { shellOf } from '../../knowledge/shell.js';

/** One version of an SDK package the project runs: an installed copy, or a lock entry when nothing is installed. */
interface SdkCopy {
  name: string;
  version: string;
  /** Where: the copy's directory, or `lockfile:line`. */
  where: string;
  requiredBy: string | null;
}

function sdkCopies(project: JsProject): { copies: SdkCopy[]; source: string } {
  const installed = (project.installed ?? []).map((c) => ({ name: c.name, version: c.version, where: c.path, requiredBy: c.requiredBy }));
  if (installed.length > 0) return { copies: installed, source: 'node_modules' };
  for (const lock of project.locks) {
    const copies = lock.packages
      .filter((p) => (JS_SDK_PACKAGES as readonly string[]).includes(p.name))
      .map((p) => ({ name: p.name, version: p.version, where: `${lock.display}:${p.line}`, requiredBy: null }));
    if (copies.length > 0) return { copies, source: lock.display };
  }
  return { copies: [], source: project.installed === null ? 'no node_modules and no lock file entry' : 'node_modules' };
}

/** The finding each JS SDK problem is reported as (project.pins points its pins and lock entries at it). */
export const CODES: Record<JsSdkProblem, { code: FindingCode }> = {
  'no-login': { code: 'js-sdk-no-login' },
  'stale-cache': { code: 'js-login-stale-cache' },
  'no-caller-config': { code: 'js-ini-no-caller-config' },
};

const FLOOR_OF: Record<JsSdkProblem, { version: string; source: string }> = {
  'no-login': FLOORS.jsIniLogin,
  'stale-cache': FLOORS.jsLoginFreshCache,
  'no-caller-config': FLOORS.jsIniCallerConfig,
};

function describe(c: SdkCopy): string {
  return `${c.name} ${c.version} at ${c.where}${c.requiredBy ? ` (nested under ${c.requiredBy})` : ''}`;
}

function upgradeFix(ctx: Context, project: JsProject, problem: JsSdkProblem, affected: readonly SdkCopy[]): Fix {
  const pm = project.packageManager;
  const direct = (project.packageJson?.dependencies ?? []).filter((d) => d.name.startsWith('@aws-sdk/'));
  const commands: string[] = [];
  const runtime = direct.filter((d) => d.field !== 'devDependencies').map((d) => d.name);
  const dev = direct.filter((d) => d.field === 'devDependencies').map((d) => d.name);
  if (runtime.length) commands.push(jsAddLatest(pm, shellOf(ctx), runtime, false));
  if (dev.length) commands.push(jsAddLatest(pm, shellOf(ctx), dev, true));
  const names = [...new Set(affected.map((c) => c.name))];
  if (!direct.length) for (const n of names) commands.push(jsUpdate(pm, shellOf(ctx), n));
  for (const n of names) commands.push(jsWhy(pm, shellOf(ctx), n));
  const owners = [...new Set(affected.map((c) => c.requiredBy).filter((o): o is string => o !== null && !o.startsWith('@aws-sdk/')))];
  const floor = FLOOR_OF[problem].version;
  let text = `Upgrade the AWS SDK in ${project.root} so every copy of ${names.join(' and ')} is ${floor} or later, then re-check with the last command${names.length > 1 ? 's' : ''}.`;
  if (owners.length) text += ` Copies nested under ${owners.join(', ')} follow that package's own pins: upgrade ${owners.length > 1 ? 'them' : 'it'} too.`;
  if (problem === 'stale-cache') text += ' Until then, fromLoginCredentials({ ignoreCache: true }) avoids the stale cache read.';
  return { text, commands };
}

export const jsSdkCheck: Check = {
  id: 'project.js-sdk',
  title: 'AWS SDK for JavaScript in this project',
  category: 'project',
  touches: ['files'],
  async run(ctx) {
    const project = await loadJsProject(ctx);
    if (project === null) {
      const { root, searched } = await findProjectRoot(ctx);
      return [
        {
          code: 'js-sdk-none',
          status: 'info',
          title: root === null ? 'No JavaScript project here: no JavaScript SDK to check' : 'No JavaScript project here (no package.json)',
          detail:
            root === null
              ? `No package.json (and no Python project file) from ${ctx.cwd} up to ${searched[searched.length - 1] ?? ctx.cwd}. Run login-doctor in your project directory to check its AWS SDK.`
              : `The nearest project, ${root}, has no package.json.`,
          evidence: { cwd: ctx.cwd, projectRoot: root },
        },
      ];
    }
    const { copies, source } = sdkCopies(project);
    const unreadable = project.unreadable.map((u) => `${u.path}: ${u.message}`);
    const evidence = {
      projectRoot: project.root,
      source,
      copies: copies.map((c): EvidenceValue => ({ name: c.name, version: c.version, where: c.where, requiredBy: c.requiredBy })),
      scanTruncated: project.scanTruncated,
      unreadable,
    };
    if (copies.length === 0) {
      return [
        {
          code: 'js-sdk-none',
          status: 'info',
          title: `No AWS SDK credential packages in ${project.root}`,
          detail:
            `Neither node_modules nor a lock file of this project holds ${JS_SDK_PACKAGES.join(', ')}, so no JavaScript code here reads aws login credentials.` +
            (unreadable.length ? `\nNot read: ${unreadable.join('; ')}` : ''),
          evidence,
        },
      ];
    }

    const { JS_PROBLEM_WHY, versionProblems } = await import('../../aws/js-sdk.js');
    // ini decides whether login_session is understood; the packages that bring it in only matter without an ini copy.
    const iniKnown = copies.some((c) => c.name === INI_PACKAGE);
    const byProblem = new Map<JsSdkProblem, SdkCopy[]>();
    for (const c of copies) {
      for (const { problem } of versionProblems(c.name, c.version)) {
        if (problem === 'no-login' && c.name !== INI_PACKAGE && iniKnown) continue;
        byProblem.set(problem, [...(byProblem.get(problem) ?? []), c]);
      }
    }
    const findings: FindingInput[] = [];
    const status: Record<JsSdkProblem, Status> = { 'no-login': await breakingStatus(ctx), 'stale-cache': 'warn', 'no-caller-config': 'info' };
    const titles: Record<JsSdkProblem, (c: SdkCopy[]) => string> = {
      'no-login': (c) => `${c.length > 1 ? `${c.length} copies of the JS SDK` : `${c[0]!.name} ${c[0]!.version}`} cannot use aws login profiles`,
      'stale-cache': (c) =>
        `${c.length > 1 ? `${c.length} copies of ${LOGIN_PACKAGE} re-send` : `${LOGIN_PACKAGE} ${c[0]!.version} re-sends`} a used refresh token in long-running processes`,
      'no-caller-config': (c) =>
        `${c.length > 1 ? `${c.length} copies of ${INI_PACKAGE} refresh` : `${INI_PACKAGE} ${c[0]!.version} refreshes`} login credentials without the client's settings`,
    };
    const effects: Record<JsSdkProblem, string> = {
      'no-login':
        'A profile with login_session is not recognized: fromIni fails with "Could not resolve credentials using profile", and the default chain silently falls through to other providers.',
      'stale-cache':
        'The first refresh works; the second one in the same process (about 20 minutes after login) reads the cache from a stale in-memory copy and sends the already used refresh token again. A long-running server, watcher or test runner can lose its credentials there (whether Sign-In always rejects a reused token is not verified).',
      'no-caller-config':
        'Through fromIni or the default chain the refresh ignores the client\'s region, request handler (proxy, timeouts) and logger; refreshes fail where the client only works through those settings.',
    };
    for (const problem of ['no-login', 'stale-cache', 'no-caller-config'] as const) {
      const affected = byProblem.get(problem);
      if (!affected) continue;
      findings.push({
        code: CODES[problem].code,
        status: status[problem],
        title: titles[problem](affected),
        detail: `${JS_PROBLEM_WHY[problem]} (${FLOOR_OF[problem].source}). ${effects[problem]}\nFound (${source}):\n${affected.map((c) => `  ${describe(c)}`).join('\n')}`,
        fix: upgradeFix(ctx, project, problem, affected),
        evidence: { ...evidence, problem, floor: FLOOR_OF[problem].version, affected: affected.map(describe) },
        // An SDK too old for login at all makes its later bugs moot: the one upgrade fixes both.
        ...(problem !== 'no-login' && byProblem.has('no-login') ? { consequenceOf: { codes: ['js-sdk-no-login'], where: { projectRoot: project.root } } } : {}),
      });
    }
    const summary = JS_SDK_PACKAGES.map((name) => {
      const versions = [...new Set(copies.filter((c) => c.name === name).map((c) => c.version))];
      return versions.length ? `${name} ${versions.join(', ')}` : null;
    }).filter((s): s is string => s !== null);
    findings.push({
      code: 'js-sdk-found',
      status: findings.length ? 'info' : 'pass',
      title: `JS SDK in ${project.root}: ${summary.join('; ')}`,
      detail:
        `From ${source}:\n${copies.map((c) => `  ${describe(c)}`).join('\n')}` +
        (project.scanTruncated ? '\nThe node_modules walk stopped at its limits; deeper copies were not looked at.' : '') +
        (unreadable.length ? `\nNot read: ${unreadable.join('; ')}` : ''),
      evidence,
    });
    return findings;
  },
};
