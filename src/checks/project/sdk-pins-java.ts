import { getSetting } from '../../aws/config.js';
import {
  parseGradleBuild,
  parseGradleLockfile,
  parseGradleProperties,
  parsePom,
  parseVersionCatalog,
  type JavaBuild,
  type JavaCoordinate,
  type Pom,
  type Properties,
} from '../../aws/java-manifests.js';
import { compareVersions, versionBelow } from '../../aws/sdk-versions.js';
import {
  JAVA_GROUP,
  JAVA_SIGNIN_ARTIFACT,
  OTHER_SDK_ERRORS,
  OTHER_SDK_FLOORS,
} from '../../knowledge/other-sdks.js';
import { shellOf, shellQuote } from '../../knowledge/shell.js';
import { loadConfig } from '../aws-config.js';
import { ancestorsOf, nearest, pinFinding, type PinInput, type PinResult, type ScannedFile } from './sdk-scan.js';

/** Artifacts that put the Sign-In module on the class path: itself, or the all-services bundle. */
const SIGNIN_ARTIFACTS = new Set([JAVA_SIGNIN_ARTIFACT, 'aws-sdk-java']);

interface JavaUnit {
  /** The build file the finding points at. */
  file: ScannedFile;
  kind: 'maven' | 'gradle';
  build: JavaBuild;
  /** Resolved versions from gradle.lockfile, when there is one. */
  locked: { file: string; entries: JavaCoordinate[] } | null;
  /** An enclosing build (parent pom, root build.gradle) declares signin for every module. */
  inheritedSignin: boolean;
  inheritedBom: JavaCoordinate | null;
}

/** The SDK version a unit builds with and where it is set: lock file, then bom, then the lowest explicit version. */
function sdkVersion(u: JavaUnit): { version: string; file: string; line: number } | null {
  const lockedVersions = u.locked?.entries.filter((e) => e.version) ?? [];
  if (lockedVersions.length) {
    const low = [...lockedVersions].sort((a, b) => compareVersions(a.version!, b.version!) ?? 0)[0]!;
    return { version: low.version!, file: u.locked!.file, line: low.line };
  }
  const bom = u.build.bom ?? u.inheritedBom;
  if (bom?.version) return { version: bom.version, file: u.file.rel, line: bom.line };
  const explicit = u.build.dependencies.filter((d) => d.version).sort((a, b) => compareVersions(a.version!, b.version!) ?? 0)[0];
  return explicit ? { version: explicit.version!, file: u.file.rel, line: explicit.line } : null;
}

async function javaUnits(input: PinInput, checked: string[]): Promise<JavaUnit[]> {
  const { scan } = input;
  const units: JavaUnit[] = [];
  // Parent poms first, so their properties and dependencies reach their modules.
  const poms = new Map<string, Pom>();
  for (const file of scan.files.filter((f) => f.name === 'pom.xml').sort((a, b) => a.dir.split('/').length - b.dir.split('/').length)) {
    const parentDir = ancestorsOf(file.dir).find((d) => poms.has(d));
    const parent = parentDir !== undefined ? poms.get(parentDir)! : null;
    const pom = await input.parse(file, (t) => parsePom(t, parent?.properties ?? new Map()));
    if (!pom) continue;
    checked.push(file.rel);
    poms.set(file.dir, pom);
    const chain = ancestorsOf(file.dir).map((d) => poms.get(d)).filter((p): p is Pom => Boolean(p));
    units.push({
      file,
      kind: 'maven',
      build: pom.build,
      locked: null,
      inheritedSignin: chain.some((p) => p.build.dependencies.some((d) => SIGNIN_ARTIFACTS.has(d.artifact))),
      inheritedBom: chain.find((p) => p.build.bom)?.build.bom ?? null,
    });
  }
  const catalogFile = scan.files.find((f) => f.name === 'libs.versions.toml' && /(^|\/)gradle$/.test(f.dir));
  const catalog = catalogFile ? await input.parse(catalogFile, parseVersionCatalog) : null;
  if (catalog && catalogFile) checked.push(catalogFile.rel);
  const gradleBuilds = new Map<string, JavaBuild>();
  for (const file of scan.files.filter((f) => f.name === 'build.gradle' || f.name === 'build.gradle.kts').sort((a, b) => a.dir.split('/').length - b.dir.split('/').length)) {
    const propsFile = nearest(scan, file.dir, 'gradle.properties');
    const props: Properties = propsFile ? ((await input.parse(propsFile, parseGradleProperties)) ?? new Map()) : new Map();
    const build = await input.parse(file, (t) => parseGradleBuild(t, props, catalog));
    if (!build) continue;
    checked.push(file.rel);
    gradleBuilds.set(file.dir, build);
    const lockFile = scan.files.find((f) => f.dir === file.dir && f.name === 'gradle.lockfile');
    const locked = lockFile ? await input.parse(lockFile, parseGradleLockfile) : null;
    if (locked && lockFile) checked.push(lockFile.rel);
    const chain = ancestorsOf(file.dir).map((d) => gradleBuilds.get(d)).filter((b): b is JavaBuild => Boolean(b));
    units.push({
      file,
      kind: 'gradle',
      build,
      locked: locked && lockFile ? { file: lockFile.rel, entries: locked } : null,
      inheritedSignin: chain.some((b) => b.dependencies.some((d) => SIGNIN_ARTIFACTS.has(d.artifact))),
      inheritedBom: chain.find((b) => b.bom)?.bom ?? null,
    });
  }
  return units;
}

const SIGNIN_MAVEN = `<dependency><groupId>${JAVA_GROUP}</groupId><artifactId>${JAVA_SIGNIN_ARTIFACT}</artifactId></dependency>`;

export async function javaPins(input: PinInput): Promise<PinResult> {
  const result: PinResult = { findings: [], checked: [], chainBlind: [] };
  const units = await javaUnits(input, result.checked);
  if (!units.length) return result;
  const { config } = await loadConfig(input.ctx);
  const defaultProfile = config.profiles.get('default');
  const defaultRegion = defaultProfile ? getSetting(defaultProfile, 'region')?.value : undefined;
  const regionMissing = !defaultRegion && !input.ctx.env.AWS_REGION;
  const loginData = config.profiles.get(input.loginProfile);
  const loginRegion = (loginData ? getSetting(loginData, 'region')?.value : undefined) ?? 'us-east-1';
  const { java, javaSigninRegion } = OTHER_SDK_FLOORS;

  for (const u of units) {
    const usesSdk = u.build.dependencies.length > 0 || (u.locked?.entries.length ?? 0) > 0;
    if (!usesSdk) continue;
    const v = sdkVersion(u);
    if (!v) continue;
    const found = `${JAVA_GROUP} ${v.version}`;
    if (versionBelow(v.version, java.version)) {
      result.findings.push(
        pinFinding(input, {
          code: 'pins-java-too-old',
          status: input.breaking,
          file: v.file,
          line: v.line,
          found,
          minimum: java.version,
          problem: 'cannot use aws login profiles',
          why: `${java.why}; older versions ignore login_session and fall through to other credentials.`,
          fix:
            `Raise the AWS SDK for Java version in ${u.file.rel} to ${javaSigninRegion.version} or later (it also fixes the Sign-In region), and add the ${JAVA_GROUP}:${JAVA_SIGNIN_ARTIFACT} artifact.` +
            (u.locked ? ` Then refresh ${u.locked.file}.` : ''),
          commands: u.locked ? ['./gradlew dependencies --write-locks'] : [],
          bridge: true,
          evidence: { buildFile: u.file.rel },
        }),
      );
      continue;
    }
    const signin =
      u.inheritedSignin ||
      u.build.dependencies.some((d) => SIGNIN_ARTIFACTS.has(d.artifact)) ||
      (u.locked?.entries.some((e) => SIGNIN_ARTIFACTS.has(e.artifact)) ?? false);
    if (!signin) {
      const snippet = u.kind === 'maven' ? SIGNIN_MAVEN : `implementation("${JAVA_GROUP}:${JAVA_SIGNIN_ARTIFACT}")`;
      const error = OTHER_SDK_ERRORS.javaNoSignin.text.replace('<profile>', input.loginProfile);
      result.findings.push(
        pinFinding(input, {
          code: 'pins-java-no-signin',
          status: 'fail',
          file: u.file.rel,
          line: u.build.dependencies[0]?.line ?? v.line,
          found: `${found} without ${JAVA_GROUP}:${JAVA_SIGNIN_ARTIFACT}`,
          minimum: `${java.version} plus the ${JAVA_SIGNIN_ARTIFACT} artifact`,
          problem: 'cannot use aws login profiles: the signin module is not on the class path',
          why: `The SDK reads login_session only through the separate ${JAVA_GROUP}:${JAVA_SIGNIN_ARTIFACT} module (aws/aws-sdk-java-v2#6748). Without it the app fails with:\n  ${error}`,
          fix: `Add the signin artifact to ${u.file.rel} (its version comes from the bom; give it the SDK version otherwise):\n  ${snippet}`,
          commands: [],
          bridge: false,
          evidence: { buildFile: u.file.rel, add: snippet },
        }),
      );
    }
    if (versionBelow(v.version, javaSigninRegion.version) && regionMissing) {
      result.findings.push(
        pinFinding(input, {
          code: 'pins-java-signin-region',
          status: 'warn',
          file: v.file,
          line: v.line,
          found: `${found} with no region in [default] and AWS_REGION unset`,
          minimum: javaSigninRegion.version,
          problem: 'cannot find a region for the Sign-In refresh',
          why: `${javaSigninRegion.why} (${javaSigninRegion.source}). [default] has no region and AWS_REGION is not set, so the refresh fails with "${OTHER_SDK_ERRORS.javaRegion.text}" even when the login profile has one.`,
          fix: `Upgrade the AWS SDK for Java to ${javaSigninRegion.version} or later, or give [default] the region you sign in with.`,
          commands: [`aws configure set region ${shellQuote(shellOf(input.ctx), loginRegion)} --profile default`],
          bridge: false,
          evidence: { buildFile: u.file.rel },
        }),
      );
    }
  }
  return result;
}
