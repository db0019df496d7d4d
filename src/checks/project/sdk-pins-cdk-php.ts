import { posix } from 'node:path';
import { parsePackageLock, parseYarnLock, type LockedPackage } from '../../aws/lockfiles.js';
import { parsePackageJson } from '../../aws/package-json.js';
import { npmRangeAllows, versionBelow } from '../../aws/sdk-versions.js';
import type { Context } from '../../engine/context.js';
import { CDK_CLI_PACKAGE, OTHER_SDK_FLOORS, PHP_SDK_PACKAGE } from '../../knowledge/other-sdks.js';
import { findOnPath } from '../../probes/executables.js';
import { nearest, pinFinding, type PinInput, type PinResult } from './sdk-scan.js';

type CdkSource = { file: string; line: number; version: string | null; range: string | null; global: boolean };

/** aws-cdk in package.json (range), its lock files (versions), and a global `cdk` on PATH. */
async function cdkSources(input: PinInput, checked: string[]): Promise<CdkSource[]> {
  const out: CdkSource[] = [];
  for (const pj of input.scan.files.filter((f) => f.name === 'package.json')) {
    const parsed = await input.parse(pj, parsePackageJson);
    const dep = parsed?.dependencies.find((d) => d.name === CDK_CLI_PACKAGE);
    if (!dep) continue;
    checked.push(pj.rel);
    const locked: { file: string; entry: LockedPackage }[] = [];
    for (const name of ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml'] as const) {
      const lockFile = nearest(input.scan, pj.dir, name);
      if (!lockFile) continue;
      const parser =
        name === 'package-lock.json' ? parsePackageLock : name === 'yarn.lock' ? parseYarnLock : (await import('../../aws/pnpm-lock.js')).parsePnpmLock;
      const entries = (await input.parse(lockFile, parser)) ?? [];
      if (!checked.includes(lockFile.rel)) checked.push(lockFile.rel);
      for (const entry of entries.filter((e) => e.name === CDK_CLI_PACKAGE)) locked.push({ file: lockFile.rel, entry });
    }
    if (locked.length) for (const l of locked) out.push({ file: l.file, line: l.entry.line, version: l.entry.version, range: null, global: false });
    else out.push({ file: pj.rel, line: dep.line, version: null, range: dep.range, global: false });
  }
  const global = await globalCdk(input.ctx);
  if (global) out.push({ file: global.packageJson, line: 0, version: global.version, range: null, global: true });
  return out;
}

/** The aws-cdk package behind a `cdk` on PATH: npm links bin/cdk to node_modules/aws-cdk/bin/cdk. */
async function globalCdk(ctx: Context): Promise<{ packageJson: string; version: string } | null> {
  const [cdk] = await findOnPath(ctx, ['cdk']);
  if (!cdk) return null;
  let dir = posix.dirname(cdk.realPath);
  for (let i = 0; i < 4; i += 1, dir = posix.dirname(dir)) {
    const pj = posix.join(dir, 'package.json');
    const r = await ctx.fs.readText(pj, 1024 * 1024);
    if (!r.ok) continue;
    try {
      const doc = JSON.parse(r.text) as { name?: unknown; version?: unknown };
      if (doc.name === CDK_CLI_PACKAGE && typeof doc.version === 'string') return { packageJson: pj, version: doc.version };
    } catch {
      return null;
    }
  }
  return null;
}

export async function cdkPins(input: PinInput): Promise<PinResult> {
  const result: PinResult = { findings: [], checked: [], chainBlind: [] };
  const { cdk, cdkFreshCache } = OTHER_SDK_FLOORS;
  for (const s of await cdkSources(input, result.checked)) {
    const below = (floor: string) => (s.version !== null ? versionBelow(s.version, floor) === true : npmRangeAllows(s.range!, floor) === false);
    const found = s.global ? `global aws-cdk ${s.version}` : s.version !== null ? `${CDK_CLI_PACKAGE} ${s.version}` : `"${CDK_CLI_PACKAGE}": "${s.range}"`;
    const install = s.global ? `npm install --global ${CDK_CLI_PACKAGE}@latest` : `npm install --save-dev ${CDK_CLI_PACKAGE}@latest`;
    if (below(cdk.version)) {
      result.findings.push(
        pinFinding(input, {
          code: 'pins-cdk-too-old',
          status: 'fail',
          file: s.file,
          line: s.line,
          found,
          minimum: cdk.version,
          problem: 'cannot use aws login profiles',
          why: `${cdk.why}. Older CDK CLIs fail with "Unable to resolve AWS account to use" (aws/aws-cdk-cli#972). The CDK bundles its own SDK, so the project's @aws-sdk packages do not help.`,
          fix: `Upgrade the AWS CDK CLI to ${cdkFreshCache.version} or later (with yarn or pnpm: add ${CDK_CLI_PACKAGE}@latest).`,
          commands: [install],
          bridge: true,
          evidence: { global: s.global },
        }),
      );
    } else if (below(cdkFreshCache.version)) {
      result.findings.push(
        pinFinding(input, {
          code: 'pins-cdk-stale-cache',
          status: 'info',
          file: s.file,
          line: s.line,
          found,
          minimum: cdkFreshCache.version,
          problem: 'can fail the second login refresh in a long `cdk watch`',
          why: `${cdkFreshCache.why}.`,
          fix: `Upgrade the AWS CDK CLI to ${cdkFreshCache.version} or later if you run cdk watch or deployments longer than an hour.`,
          commands: [install],
          bridge: false,
          evidence: { global: s.global },
        }),
      );
    }
  }
  return result;
}

/** PHP cannot chain a role onto a login profile; composer.lock tells whether the project uses the PHP SDK. */
export async function phpConsumers(input: PinInput): Promise<PinResult> {
  const result: PinResult = { findings: [], checked: [], chainBlind: [] };
  for (const lock of input.scan.files.filter((f) => f.name === 'composer.lock')) {
    const names = await input.parse(lock, (t) => {
      const doc = JSON.parse(t) as { packages?: { name?: unknown }[] };
      return (doc.packages ?? []).map((p) => p.name);
    });
    if (!names) continue;
    result.checked.push(lock.rel);
    if (names.includes(PHP_SDK_PACKAGE)) result.chainBlind.push({ consumer: 'php', file: lock.rel });
  }
  return result;
}
