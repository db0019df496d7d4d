import { packageOrigin, pythonEnvKind } from '../../aws/python-env.js';
import { PYTHON_ENV_LABELS, type PythonEnvKind } from '../../knowledge/python-envs.js';
import type { Check } from '../../engine/check.js';
import type { Context } from '../../engine/context.js';
import type { Evidence, FindingInput } from '../../engine/finding.js';
import { BOTOCORE_ERRORS } from '../../knowledge/botocore-errors.js';
import { FLOORS } from '../../knowledge/floors.js';
import { pythonUpgradeFix, type PythonInstallTarget } from '../../knowledge/python-fixes.js';
import { unsetEnv, shellOf } from '../../knowledge/shell.js';
import { probePythons, type PythonProbe, type PythonReport } from '../../probes/python-probe.js';
import { loginProfiles } from '../target-profiles.js';

// The PEP 440 library loads when the check runs, not when the registry is imported (--help, --version).
let pep440: typeof import('@renovatebot/pep440') | null = null;

/** PEP 440 "a < b"; null when `a` is not a version at all (then the feature probes decide alone). */
function below(a: string | null | undefined, floor: string): boolean | null {
  return a && pep440!.valid(a) ? pep440!.lt(a, floor) : null;
}

/** botocore's has_minimum_crt_version: tuple comparison of int() parts. */
function tupleAtLeast(tuple: number[], floor: string): boolean {
  const f = floor.split('.').map(Number);
  for (let i = 0; i < Math.max(tuple.length, f.length); i += 1) {
    const a = tuple[i];
    const b = f[i];
    if (a === undefined) return false;
    if (b === undefined) return true;
    if (a !== b) return a > b;
  }
  return true;
}

interface Interp {
  probe: PythonProbe;
  r: PythonReport;
  path: string;
  kind: PythonEnvKind;
  botocore: string | null;
  awscrt: string | null;
}

function originIn(r: PythonReport, name: 'boto3' | 'botocore' | 'awscrt'): string | null {
  const d = r.dists[name];
  return d ? packageOrigin(d.location, r.prefix, r.userSite) : null;
}

function origin(i: Interp, name: 'boto3' | 'botocore' | 'awscrt'): string | null {
  return originIn(i.r, name);
}

/** How to install into the interpreter at `path`, from its probe report (also used by the refresh test's fixes). */
export function pythonInstallTarget(path: string, r: PythonReport): PythonInstallTarget {
  const userSite = [originIn(r, 'botocore'), originIn(r, 'awscrt')].includes('user site');
  return { executable: path, prefix: r.prefix, kind: pythonEnvKind(r), hasBoto3: r.dists.boto3 !== null, userSite };
}

function evidence(i: Interp): Evidence {
  const pkg = (name: 'boto3' | 'botocore' | 'awscrt') => (i.r.dists[name] ? { version: i.r.dists[name]!.version, from: origin(i, name) } : null);
  return {
    python: i.path,
    foundAs: i.probe.candidate.found.map((f) => `${f.reason}: ${f.path}`),
    pythonVersion: i.r.python,
    prefix: i.r.prefix,
    environment: i.kind,
    boto3: pkg('boto3'),
    botocore: pkg('botocore'),
    awscrt: pkg('awscrt'),
    probes: {
      loginProvider: i.r.botocore.loginProvider ?? null,
      dpopSignature: i.r.botocore.dpopSignature ?? null,
      awscrtImports: i.r.awscrt.imported,
      awscrtVersionString: i.r.awscrt.version,
      awscrtVersionParses: i.r.awscrt.versionTuple !== null,
      ecClass: i.r.awscrt.ec,
      paddedPair: i.r.awscrt.paddedPair,
      BOTO_DISABLE_CRT: i.r.botoDisableCrt,
    },
  };
}

function where(i: Interp): string {
  const pkgs = (['botocore', 'awscrt', 'boto3'] as const)
    .filter((n) => i.r.dists[n])
    .map((n) => `${n} ${i.r.dists[n]!.version} (${origin(i, n)})`);
  return `${i.path} (Python ${i.r.python}, ${PYTHON_ENV_LABELS[i.kind]} at ${i.r.prefix}${pkgs.length ? `; ${pkgs.join(', ')}` : ''})`;
}

function target(i: Interp): PythonInstallTarget {
  return pythonInstallTarget(i.path, i.r);
}

/** awscrt is importable but botocore's gate still leaves EC = None: too old, unparsable version, or no awscrt.crypto.EC. */
export function awscrtGateProblem(r: PythonReport): string | null {
  const a = r.awscrt;
  if (a.versionTuple === null) return `awscrt.__version__ is "${a.version ?? '(none)'}", which botocore's has_minimum_crt_version cannot parse as integers, so it treats awscrt as too old`;
  if (!tupleAtLeast(a.versionTuple, FLOORS.awscrtGate.version)) return `awscrt ${a.version} is older than ${FLOORS.awscrtGate.version}`;
  if (!a.ec) return `awscrt ${a.version} has no awscrt.crypto.EC`;
  return null;
}

function interpreterFindings(ctx: Context, i: Interp, severe: 'fail' | 'warn', forProfiles: string): FindingInput[] {
  const { r } = i;
  const ev = evidence(i);
  const findings: FindingInput[] = [];
  const missingDep = `botocore raises:\n  ${BOTOCORE_ERRORS.missingDependency.text}\n`;

  if (!r.botocore.imported) {
    return [{
      code: 'python-botocore-broken',
      status: severe,
      title: `botocore is installed for ${i.path} but does not import`,
      detail: `${where(i)}: importing botocore.credentials fails with ${r.botocore.error ?? 'an unknown error'}, so boto3 cannot build any credentials here.${forProfiles}`,
      fix: pythonUpgradeFix(ctx, target(i), 'Reinstall botocore.'),
      evidence: ev,
    }];
  }
  const hasLogin = r.botocore.loginProvider ?? !below(i.botocore, FLOORS.botocoreLogin.version);
  if (!hasLogin) {
    return [{
      code: 'python-botocore-too-old',
      status: severe,
      title: `botocore ${i.botocore ?? '(unknown)'} for ${i.path} cannot use login_session`,
      detail:
        `${where(i)}: botocore.credentials has no LoginProvider. ${FLOORS.botocoreLogin.why}, so an app on this interpreter fails with "${BOTOCORE_ERRORS.noCredentials.text}" ` +
        `(or silently uses other credentials).${forProfiles}`,
      fix: pythonUpgradeFix(ctx, target(i), `Upgrade botocore to >= ${FLOORS.botocoreLogin.version} with the crt extra.`),
      evidence: ev,
    }];
  }

  if ((r.botoDisableCrt ?? '').toLowerCase() === 'true') {
    findings.push({
      code: 'python-crt-disabled',
      status: severe,
      title: `BOTO_DISABLE_CRT=true turns off awscrt for ${i.path}`,
      detail: `botocore reads BOTO_DISABLE_CRT at import; "true" sets HAS_CRT = False and EC = None, so the login provider cannot sign and ${missingDep}The AWS CLI v2 ignores this variable for login, so the CLI keeps working.${forProfiles}`,
      fix: { text: 'Unset BOTO_DISABLE_CRT (and remove it from your shell profile, .env files or container settings).', commands: [unsetEnv(shellOf(ctx), ['BOTO_DISABLE_CRT'])] },
      evidence: ev,
    });
  }

  const padded = r.botocore.dpopSignature ? r.botocore.dpopSignature === 'padded' : below(i.botocore, FLOORS.botocorePaddedDpop.version) === false;
  if (!r.awscrt.imported) {
    const broken = r.awscrt.present === true;
    findings.push({
      code: 'python-awscrt-missing',
      status: severe,
      title: broken ? `awscrt is installed for ${i.path} but does not import` : `awscrt is not installed for ${i.path}: boto3 cannot use login_session`,
      detail:
        `${where(i)}: botocore ${i.botocore} has the login provider, but ${broken ? `\`import awscrt.auth\` fails with ${r.awscrt.error}` : 'awscrt is not installed'}, ` +
        `so ${missingDep}The AWS CLI v2 bundles its own awscrt, which is why \`aws\` works while the app fails.${forProfiles}`,
      fix: pythonUpgradeFix(ctx, target(i), 'Install botocore with the crt extra.'),
      evidence: ev,
    });
  } else {
    const gate = awscrtGateProblem(r);
    if (gate) {
      findings.push({
        code: 'python-awscrt-too-old',
        status: severe,
        title: `awscrt ${r.awscrt.version ?? ''} for ${i.path} is unusable for login`.replace('  ', ' '),
        detail: `${where(i)}: ${gate}. botocore imports awscrt.crypto.EC only for awscrt >= ${FLOORS.awscrtGate.version} with a numeric version, otherwise EC = None and ${missingDep}${forProfiles.trim()}`,
        fix: pythonUpgradeFix(ctx, target(i), `Upgrade awscrt to >= ${FLOORS.awscrtPaddedDpop.version}.`),
        evidence: ev,
      });
    } else if (padded && !r.awscrt.paddedPair) {
      findings.push({
        code: 'python-awscrt-no-padded-signature',
        status: severe,
        title: `awscrt ${r.awscrt.version} for ${i.path} breaks the login refresh ~10 minutes after aws login`,
        detail:
          `${where(i)}: this botocore signs the refresh with EC.decode_der_signature_to_padded_pair, which awscrt < ${FLOORS.awscrtPaddedDpop.version} lacks. ` +
          `Credentials work after \`aws login\`, then the first refresh raises:\n  ${BOTOCORE_ERRORS.noPaddedPair.text}${forProfiles}`,
        fix: pythonUpgradeFix(ctx, target(i), `Upgrade awscrt to >= ${FLOORS.awscrtPaddedDpop.version}.`),
        evidence: ev,
      });
    }
  }

  const unpadded = r.botocore.dpopSignature ? r.botocore.dpopSignature === 'unpadded' : below(i.botocore, FLOORS.botocorePaddedDpop.version) === true;
  if (unpadded) {
    findings.push({
      code: 'python-botocore-unpadded-dpop',
      status: 'warn',
      title: `botocore ${i.botocore} for ${i.path} builds unpadded DPoP signatures`,
      detail: `${where(i)}: ${FLOORS.botocorePaddedDpop.why}; a refresh can be rejected when a signature half has a leading zero byte.`,
      fix: pythonUpgradeFix(ctx, target(i), `Upgrade botocore to >= ${FLOORS.botocorePaddedDpop.version}.`),
      evidence: ev,
    });
  }
  if (below(i.botocore, FLOORS.botocoreAtomicCache.version) === true) {
    findings.push({
      code: 'python-cache-write-not-atomic',
      status: 'info',
      title: `botocore ${i.botocore} for ${i.path} rewrites the login cache in place`,
      detail: `${where(i)}: ${FLOORS.botocoreAtomicCache.why} (then \`aws login\` is needed again).`,
      fix: pythonUpgradeFix(ctx, target(i), `Upgrade botocore to >= ${FLOORS.botocoreAtomicCache.version}.`),
      evidence: ev,
    });
  }
  if (!findings.some((f) => f.status === 'fail' || f.status === 'warn')) {
    findings.push({
      code: 'python-ok',
      status: 'pass',
      title: `${i.path}: botocore ${i.botocore} with awscrt ${r.awscrt.version} can use and refresh login sessions`,
      detail: where(i),
      evidence: ev,
    });
  }
  return findings;
}

/** An interpreter without botocore uses no AWS credentials; only its awscrt matters, for a botocore installed later. */
function noBotocoreFindings(ctx: Context, i: Interp): FindingInput[] {
  if (!i.r.awscrt.imported) return [];
  const gate = awscrtGateProblem(i.r);
  if (!gate) return [];
  return [{
    code: 'python-awscrt-too-old',
    status: 'info',
    title: `awscrt ${i.r.awscrt.version ?? ''} for ${i.path} would disable login for any botocore installed here`.replace('  ', ' '),
    detail:
      `${where(i)}: there is no botocore here yet, but ${gate}. A botocore that later runs on this interpreter (a --system-site-packages venv, a user-site install) ` +
      `sets EC = None and raises:\n  ${BOTOCORE_ERRORS.missingDependency.text}`,
    fix: pythonUpgradeFix(ctx, { ...target(i), hasBoto3: true }, 'Give your app its own environment with a current awscrt.'),
    evidence: evidence(i),
  }];
}

export const pythonCheck: Check = {
  id: 'tools.python',
  title: 'Python interpreters: boto3, botocore, awscrt',
  category: 'tools',
  touches: ['files', 'subprocess'],
  async run(ctx) {
    // A CommonJS package: its exports are `default` both in Node and in the bundle (where only `default` exists).
    pep440 ??= (await import('@renovatebot/pep440')).default as typeof import('@renovatebot/pep440');
    const [probes, login] = await Promise.all([probePythons(ctx), loginProfiles(ctx)]);
    const severe = login.length ? 'fail' : 'warn';
    const forProfiles = login.length ? `\nProfile ${login.map((n) => `"${n}"`).join(', ')} uses login_session.` : '';
    const findings: FindingInput[] = [];
    const withBotocore: string[] = [];
    const without: string[] = [];
    for (const probe of probes) {
      if (!probe.report) {
        const f = probe.failure!;
        findings.push({
          code: 'python-probe-failed',
          status: 'warn',
          title: `Could not inspect ${probe.candidate.path}: it ${f.message}`,
          detail:
            `Found as ${probe.candidate.found.map((x) => x.reason).join(', ')}. The inspection runs one short Python command (no network, no project code); it ${f.message}.` +
            `${f.output ? `\nOutput:\n${f.output}` : ''}`,
          fix: { text: 'Check that this is a working Python interpreter (run it with --version), or stop passing it to --python.', commands: [] },
          evidence: { python: probe.candidate.path, foundAs: probe.candidate.found.map((x) => `${x.reason}: ${x.path}`), failure: f.kind },
        });
        continue;
      }
      const r = probe.report;
      const i: Interp = {
        probe,
        r,
        path: probe.candidate.path,
        kind: pythonEnvKind(r),
        botocore: r.botocore.version ?? r.dists.botocore?.version ?? null,
        awscrt: r.awscrt.version ?? r.dists.awscrt?.version ?? null,
      };
      if (!r.botocore.present) {
        without.push(i.path);
        findings.push(...noBotocoreFindings(ctx, i));
        continue;
      }
      withBotocore.push(i.path);
      findings.push(...interpreterFindings(ctx, i, severe, forProfiles));
    }
    findings.unshift({
      code: 'python-interpreters',
      status: probes.length ? 'pass' : 'info',
      title: probes.length
        ? `Inspected ${withBotocore.length + without.length} Python interpreter${withBotocore.length + without.length === 1 ? '' : 's'} (${withBotocore.length} with botocore)` +
          (probes.length > withBotocore.length + without.length ? `; ${probes.length - withBotocore.length - without.length} could not be inspected` : '')
        : 'No Python interpreter found (PATH, VIRTUAL_ENV, ./.venv, ./venv, --python)',
      detail: without.length ? `Without botocore (no AWS credentials used there): ${without.join(', ')}.` : '',
      // Which answers were reused from the probe cache (no Python started for them); empty with --no-cache.
      evidence: { withBotocore, withoutBotocore: without, fromCache: probes.filter((p) => p.cached).map((p) => p.candidate.path) },
    });
    return findings;
  },
};
