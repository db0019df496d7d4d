import { parseMsbuildPackages, parseNugetLock, type NugetReference } from '../../aws/dotnet-manifests.js';
import { nugetLowest, versionBelow } from '../../aws/sdk-versions.js';
import { DOTNET_CORE_PACKAGE, DOTNET_SIGNIN_PACKAGE, OTHER_SDK_ERRORS, OTHER_SDK_FLOORS } from '../../knowledge/other-sdks.js';
import { shellOf, shellQuote } from '../../knowledge/shell.js';
import { nearest, pinFinding, type PinInput, type PinResult } from './sdk-scan.js';


export async function dotnetPins(input: PinInput): Promise<PinResult> {
  const result: PinResult = { findings: [], checked: [], chainBlind: [] };
  const projects = input.scan.files.filter((f) => f.name.endsWith('.csproj'));
  if (!projects.length) return result;
  const { dotnetCore } = OTHER_SDK_FLOORS;
  for (const project of projects) {
    const refs = await input.parse(project, (t) => parseMsbuildPackages(t, 'PackageReference'));
    if (!refs) continue;
    result.checked.push(project.rel);
    if (!refs.length) continue;
    const centralFile = nearest(input.scan, project.dir, 'Directory.Packages.props');
    const central = centralFile ? ((await input.parse(centralFile, (t) => parseMsbuildPackages(t, 'PackageVersion'))) ?? []) : [];
    if (centralFile && !result.checked.includes(centralFile.rel)) result.checked.push(centralFile.rel);
    const lockFile = input.scan.files.find((f) => f.dir === project.dir && f.name === 'packages.lock.json');
    const locked = lockFile ? await input.parse(lockFile, parseNugetLock) : null;
    if (lockFile && locked) result.checked.push(lockFile.rel);
    const versionOf = (r: NugetReference): { version: string; file: string; line: number } | null => {
      if (r.version) return { version: r.version, file: project.rel, line: r.line };
      const c = central.find((x) => x.id.toLowerCase() === r.id.toLowerCase());
      return c?.version && centralFile ? { version: c.version, file: centralFile.rel, line: c.line } : null;
    };
    const byId = (id: string) => refs.find((r) => r.id.toLowerCase() === id.toLowerCase());
    const lockedCore = locked?.find((r) => r.id.toLowerCase() === DOTNET_CORE_PACKAGE.toLowerCase());
    const core = lockedCore && lockFile ? { version: lockedCore.version!, file: lockFile.rel, line: lockedCore.line } : byId(DOTNET_CORE_PACKAGE) ? versionOf(byId(DOTNET_CORE_PACKAGE)!) : null;
    // Without a Core pin or a lock, an AWSSDK.* package of major version 3 means the v3 SDK.
    const v3 = core ? null : refs.map(versionOf).find((v) => v && Number(nugetLowest(v.version)?.split('.')[0]) < 4) ?? null;
    const low = core ? nugetLowest(core.version) : null;
    const tooOld = core && low ? versionBelow(low, dotnetCore.version) : false;
    if (tooOld || v3) {
      const at = (tooOld ? core : v3)!;
      result.findings.push(
        pinFinding(input, {
          code: 'pins-dotnet-too-old',
          status: input.breaking,
          file: at.file,
          line: at.line,
          found: tooOld ? `${DOTNET_CORE_PACKAGE} ${at.version}` : `AWS SDK for .NET v3 (${at.version})`,
          minimum: `${DOTNET_CORE_PACKAGE} ${dotnetCore.version}`,
          problem: 'cannot use aws login profiles',
          why: `${dotnetCore.why}.`,
          fix: `Move ${project.rel} to the AWS SDK for .NET v4 with ${DOTNET_CORE_PACKAGE} ${dotnetCore.version} or later, and reference ${DOTNET_SIGNIN_PACKAGE}.`,
          commands: [`dotnet add ${shellQuote(shellOf(input.ctx), project.rel)} package ${DOTNET_CORE_PACKAGE}`, `dotnet add ${shellQuote(shellOf(input.ctx), project.rel)} package ${DOTNET_SIGNIN_PACKAGE}`],
          bridge: true,
          evidence: { project: project.rel },
        }),
      );
      continue;
    }
    const signin = byId(DOTNET_SIGNIN_PACKAGE) ?? locked?.find((r) => r.id.toLowerCase() === DOTNET_SIGNIN_PACKAGE.toLowerCase());
    if (!signin) {
      const first = refs[0]!;
      result.findings.push(
        pinFinding(input, {
          code: 'pins-dotnet-no-signin',
          status: 'fail',
          file: project.rel,
          line: first.line,
          found: `${refs.map((r) => r.id).join(', ')} without ${DOTNET_SIGNIN_PACKAGE}`,
          minimum: `${DOTNET_CORE_PACKAGE} ${dotnetCore.version} plus ${DOTNET_SIGNIN_PACKAGE}`,
          problem: `cannot use aws login profiles: ${DOTNET_SIGNIN_PACKAGE} is not referenced`,
          why: `AWSSDK.Core loads ${DOTNET_SIGNIN_PACKAGE} by reflection when it meets login_session (aws/aws-dotnet-deploy#1010). Without the package the app fails with:\n  ${OTHER_SDK_ERRORS.dotnetNoSignin.text}`,
          fix: `Reference ${DOTNET_SIGNIN_PACKAGE} in ${project.rel}.`,
          commands: [`dotnet add ${shellQuote(shellOf(input.ctx), project.rel)} package ${DOTNET_SIGNIN_PACKAGE}`],
          bridge: false,
          evidence: { project: project.rel, core: core?.version ?? null },
        }),
      );
    }
  }
  return result;
}
