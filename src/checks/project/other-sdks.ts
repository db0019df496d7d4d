import { getSetting, profileKind, sessionChain, where } from '../../aws/config.js';
import type { Check } from '../../engine/check.js';
import type { FindingInput } from '../../engine/finding.js';
import { bridgeProfileName, loginBridge } from '../../knowledge/other-sdks.js';
import { ROLE_ON_LOGIN_GAPS } from '../../knowledge/role-chaining.js';
import { shellOf, shellQuote } from '../../knowledge/shell.js';
import { loadConfig } from '../aws-config.js';
import { breakingStatus, loginProfiles, targetProfiles } from '../target-profiles.js';
import { unreadableFinding } from './project-root.js';
import { makePinInput, MAX_SCAN_DEPTH, MAX_SCAN_DIRS, scanProject, type PinInput, type PinResult, type ScannedFile } from './sdk-scan.js';

type Rules = (input: PinInput) => Promise<PinResult>;

/** Each language's rules (and its parser library) load only when the project has its files. */
const RULES: { wants(f: ScannedFile): boolean; load(): Promise<Rules[]> }[] = [
  { wants: (f) => f.name === 'go.mod', load: async () => [(await import('./sdk-pins-go-terraform.js')).goPins] },
  { wants: (f) => f.name.endsWith('.tf') || f.name === '.terraform.lock.hcl', load: async () => [(await import('./sdk-pins-go-terraform.js')).terraformPins] },
  { wants: (f) => /^(pom\.xml|build\.gradle(\.kts)?)$/.test(f.name), load: async () => [(await import('./sdk-pins-java.js')).javaPins] },
  { wants: (f) => f.name.endsWith('.csproj'), load: async () => [(await import('./sdk-pins-dotnet.js')).dotnetPins] },
  { wants: (f) => f.name === 'Cargo.toml', load: async () => [(await import('./sdk-pins-rust.js')).rustPins] },
  {
    wants: (f) => f.name === 'package.json' || f.name === 'cdk.json' || f.name === 'composer.lock',
    load: async () => {
      const m = await import('./sdk-pins-cdk-php.js');
      return [m.cdkPins, m.phpConsumers];
    },
  },
];

async function chainFindings(ctx: Parameters<Check['run']>[0], results: PinResult[]): Promise<FindingInput[]> {
  const blind = results.flatMap((r) => r.chainBlind);
  if (!blind.length) return [];
  const { config } = await loadConfig(ctx);
  const findings: FindingInput[] = [];
  for (const target of await targetProfiles(ctx)) {
    const profile = config.profiles.get(target.name);
    const chain = sessionChain(config, target.name);
    const holder = chain.holder === null ? undefined : config.profiles.get(chain.holder);
    const firstSource = profile && getSetting(profile, 'source_profile');
    if (chain.profiles.length < 2 || !holder || profileKind(holder) !== 'login' || !firstSource) continue;
    const login = holder.name;
    const consumers = [...new Set(blind.map((b) => b.consumer))];
    const found = consumers.map((c) => `${ROLE_ON_LOGIN_GAPS[c].name} (${blind.filter((b) => b.consumer === c).map((b) => b.file).join(', ')})`);
    const bridge = loginBridge(ctx, login);
    const q = (v: string) => shellQuote(shellOf(ctx), v);
    findings.push({
      code: 'role-chain-unsupported',
      status: 'fail',
      title: `Profile "${target.name}" assumes a role from the login profile "${login}", which ${consumers.map((c) => ROLE_ON_LOGIN_GAPS[c].name).join(', ')} in this project cannot do`,
      detail:
        `${chain.profiles.map((p) => `"${p}"`).join(' -> ')} (source_profile at ${where(firstSource)}). These consumers cannot use a login profile as a role's source_profile:\n` +
        consumers.map((c) => `  ${ROLE_ON_LOGIN_GAPS[c].name}: ${ROLE_ON_LOGIN_GAPS[c].source}`).join('\n') +
        `\nFound in this project: ${found.join('; ')}.`,
      fix: {
        text: `${bridge.text} Then make the role's source_profile the bridge profile; the AWS CLI and the other SDKs keep working through it.`,
        commands: [bridge.command, `aws configure set source_profile ${q(bridgeProfileName(login))} --profile ${q(target.name)}`],
      },
      evidence: { profile: target.name, chain: chain.profiles, consumers: found },
    });
  }
  return findings;
}

export const otherSdksCheck: Check = {
  id: 'project.other-sdks',
  title: 'Go, Java, .NET, Rust, Terraform and CDK pins in this project',
  category: 'project',
  touches: ['files', 'subprocess'],
  async run(ctx) {
    const scan = await scanProject(ctx);
    if (!scan || scan.files.length === 0) return [];
    const [breaking, inUse, { config }] = await Promise.all([breakingStatus(ctx), loginProfiles(ctx), loadConfig(ctx)]);
    const anyLogin = [...config.profiles.values()].find((p) => profileKind(p) === 'login')?.name;
    const input = makePinInput(ctx, scan, breaking, inUse[0] ?? anyLogin ?? 'LOGIN_PROFILE');
    const rules = (await Promise.all(RULES.filter((r) => scan.files.some(r.wants)).map((r) => r.load()))).flat();
    const results = await Promise.all(rules.map((f) => f(input)));
    const findings = results.flatMap((r) => r.findings);
    findings.push(...(await chainFindings(ctx, results)));
    for (const u of input.unreadable) findings.push(unreadableFinding('sdk-file-unreadable', u));
    const checked = [...new Set(results.flatMap((r) => r.checked))];
    const notScanned = scan.truncated ? `\nThe walk stopped after ${MAX_SCAN_DIRS} folders; deeper folders were not checked.` : '';
    if (checked.length && !findings.some((f) => f.code !== 'sdk-file-unreadable')) {
      findings.push({
        code: 'sdk-pins-ok',
        status: 'pass',
        title: `Go, Java, .NET, Rust, Terraform and CDK pins allow aws login: ${checked.length} file${checked.length === 1 ? '' : 's'} checked`,
        detail: `Checked in ${scan.root} (subfolders up to ${MAX_SCAN_DEPTH} levels, without dependency and build folders):\n${checked.map((f) => `  ${f}`).join('\n')}${notScanned}`,
        evidence: { projectRoot: scan.root, files: checked, truncated: scan.truncated },
      });
    }
    return findings;
  },
};
