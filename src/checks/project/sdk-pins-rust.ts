import { posix } from 'node:path';
import { parseCargoLock, parseCargoToml, type CargoDependency } from '../../aws/cargo-manifests.js';
import { cargoRequirementAllows, versionBelow } from '../../aws/sdk-versions.js';
import { OTHER_SDK_ERRORS, OTHER_SDK_FLOORS, RUST_CONFIG_CRATE, RUST_LOGIN_FEATURE, RUST_SIGNIN_CRATE } from '../../knowledge/other-sdks.js';
import { shellOf, shellQuote } from '../../knowledge/shell.js';
import { ancestorsOf, nearest, pinFinding, type PinInput, type PinResult } from './sdk-scan.js';

/** The Cargo.toml line with the login feature turned on, keeping what the line already says. */
export function cargoLineWithFeature(dep: CargoDependency): string {
  const feature = `"${RUST_LOGIN_FEATURE}"`;
  const t = dep.text;
  if (/^\[/.test(t)) return `features = [${[...dep.features.map((f) => `"${f}"`), feature].join(', ')}]`;
  const string = /^(["']?aws-config["']?\s*=\s*)(["'][^"']*["'])\s*$/.exec(t);
  if (string) return `${string[1]}{ version = ${string[2]}, features = [${feature}] }`;
  const withFeatures = /features\s*=\s*\[([^\]]*)\]/.exec(t);
  if (withFeatures) {
    const inner = withFeatures[1]!.trim().replace(/,\s*$/, '');
    return t.replace(withFeatures[0], `features = [${inner ? `${inner}, ` : ''}${feature}]`);
  }
  return t.replace(/\s*\}\s*$/, `, features = [${feature}] }`);
}

export async function rustPins(input: PinInput): Promise<PinResult> {
  const result: PinResult = { findings: [], checked: [], chainBlind: [] };
  const manifests = input.scan.files.filter((f) => f.name === 'Cargo.toml');
  if (!manifests.length) return result;
  const parsed = new Map<string, CargoDependency[]>();
  for (const m of manifests) {
    const deps = await input.parse(m, parseCargoToml);
    if (!deps) continue;
    result.checked.push(m.rel);
    parsed.set(m.dir, deps);
  }
  const { rustConfig } = OTHER_SDK_FLOORS;
  for (const m of manifests) {
    const deps = parsed.get(m.dir) ?? [];
    const members = deps.filter((d) => !d.table.startsWith('workspace.'));
    // A workspace root's own [workspace.dependencies] entry speaks only when no member here uses it.
    const anyMemberUsesWorkspace = [...parsed.values()].some((ds) => ds.some((d) => d.workspace));
    const subjects = members.length ? members : anyMemberUsesWorkspace ? [] : deps;
    if (!subjects.length) continue;
    const lockFile = nearest(input.scan, m.dir, 'Cargo.lock');
    const lock = lockFile ? await input.parse(lockFile, parseCargoLock) : null;
    if (lockFile && lock && !result.checked.includes(lockFile.rel)) result.checked.push(lockFile.rel);
    const rootDecl = ancestorsOf(m.dir)
      .map((d) => parsed.get(d)?.find((x) => x.table === 'workspace.dependencies'))
      .find(Boolean);
    for (const dep of subjects) {
      const base = dep.workspace ? (rootDecl ?? null) : null;
      const requirement = dep.requirement ?? base?.requirement ?? null;
      const features = [...dep.features, ...(base?.features ?? [])];
      const lockedConfig = lock?.filter((p) => p.name === RUST_CONFIG_CRATE) ?? [];
      const oldLocked = lockedConfig.find((p) => versionBelow(p.version, rustConfig.version));
      const reqTooOld = requirement !== null && cargoRequirementAllows(requirement, rustConfig.version) === false;
      if ((oldLocked && lockFile) || reqTooOld) {
        const at = reqTooOld ? { file: m.rel, line: dep.line, found: `${RUST_CONFIG_CRATE} = "${requirement}"` } : { file: lockFile!.rel, line: oldLocked!.line, found: `${RUST_CONFIG_CRATE} ${oldLocked!.version}` };
        result.findings.push(
          pinFinding(input, {
            code: 'pins-rust-too-old',
            status: input.breaking,
            file: at.file,
            line: at.line,
            found: at.found,
            minimum: rustConfig.version,
            problem: 'cannot use aws login profiles',
            why: `${rustConfig.why}; it also needs the ${RUST_LOGIN_FEATURE} feature.`,
            fix: reqTooOld
              ? `In ${m.rel}, line ${dep.line}, allow ${rustConfig.version} or later and turn the feature on:\n  ${cargoLineWithFeature({ ...dep, text: dep.text.replace(/(["'])[^"']*\1/, `"${rustConfig.version}"`) })}`
              : `Update the lock to aws-config ${rustConfig.version} or later (and turn on the ${RUST_LOGIN_FEATURE} feature).`,
            commands: reqTooOld ? [] : [`cargo update -p ${RUST_CONFIG_CRATE}${m.dir ? ` --manifest-path ${shellQuote(shellOf(input.ctx), posix.join(m.dir, 'Cargo.toml'))}` : ''}`],
            bridge: true,
            evidence: { manifest: m.rel },
          }),
        );
        continue;
      }
      const signinLocked = lock?.some((p) => p.name === RUST_SIGNIN_CRATE) ?? false;
      if (!features.includes(RUST_LOGIN_FEATURE) && !signinLocked) {
        const corrected = cargoLineWithFeature(dep);
        result.findings.push(
          pinFinding(input, {
            code: 'pins-rust-no-login-feature',
            status: 'fail',
            file: m.rel,
            line: dep.line,
            found: dep.text || `${RUST_CONFIG_CRATE} (${dep.table})`,
            minimum: `${RUST_CONFIG_CRATE} ${rustConfig.version} with the ${RUST_LOGIN_FEATURE} feature`,
            problem: `leaves out the ${RUST_LOGIN_FEATURE} feature`,
            why: `aws-config reads login_session only with the cargo feature ${RUST_LOGIN_FEATURE}, which is not a default feature. Without it the app fails with:\n  ${OTHER_SDK_ERRORS.rustNoFeature.text}`,
            fix: `In ${m.rel}, replace line ${dep.line} with:\n  ${corrected}`,
            commands: [],
            bridge: false,
            evidence: { corrected, table: dep.table },
          }),
        );
      }
    }
  }
  return result;
}
