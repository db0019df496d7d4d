import { parseGoMod, parseGoSum, parseTerraformFile, parseTerraformLock, type ModuleVersion } from '../../aws/line-manifests.js';
import { compareVersions, terraformConstraintAllows, versionBelow } from '../../aws/sdk-versions.js';
import { GO_CONFIG_MODULE, GO_CREDENTIALS_MODULE, OTHER_SDK_ERRORS, OTHER_SDK_FLOORS, TERRAFORM_AWS_PROVIDER } from '../../knowledge/other-sdks.js';
import { shellOf, shellQuote, type ShellKind } from '../../knowledge/shell.js';
import { installedTerraforms } from '../../probes/terraform.js';
import { pinFinding, type PinInput, type PinResult } from './sdk-scan.js';

const GO_V1_MODULE = 'github.com/aws/aws-sdk-go';

/** `go -C dir` (Go 1.20+) so the command works from the folder login-doctor ran in. */
function goIn(shell: ShellKind, dir: string): string {
  return dir ? `go -C ${shellQuote(shell, dir)} ` : 'go ';
}

export async function goPins(input: PinInput): Promise<PinResult> {
  const result: PinResult = { findings: [], checked: [], chainBlind: [] };
  for (const mod of input.scan.files.filter((f) => f.name === 'go.mod')) {
    const parsed = await input.parse(mod, parseGoMod);
    if (!parsed) continue;
    result.checked.push(mod.rel);
    const sumFile = input.scan.files.find((f) => f.dir === mod.dir && f.name === 'go.sum');
    let sum: ModuleVersion[] | null = null;
    const versionOf = async (module: string): Promise<{ entry: ModuleVersion; file: string } | null> => {
      const replaced = parsed.replaces.find((r) => r.module === module);
      const required = parsed.requires.find((r) => r.module === module);
      if (replaced ?? required) return { entry: (replaced ?? required)!, file: mod.rel };
      // A go.mod from before Go 1.17 may leave indirect modules out; go.sum then lists what was selected.
      if (!sumFile) return null;
      sum ??= (await input.parse(sumFile, parseGoSum)) ?? [];
      const listed = sum.filter((s) => s.module === module).sort((a, b) => compareVersions(b.version, a.version) ?? 0);
      return listed[0] ? { entry: listed[0], file: sumFile.rel } : null;
    };
    const usesV2 = parsed.requires.some((r) => r.module.startsWith('github.com/aws/aws-sdk-go-v2'));
    if (usesV2) result.chainBlind.push({ consumer: 'go', file: mod.rel });
    const goGet = `${goIn(shellOf(input.ctx), mod.dir)}get ${GO_CONFIG_MODULE}@${OTHER_SDK_FLOORS.goConfig.version} ${GO_CREDENTIALS_MODULE}@${OTHER_SDK_FLOORS.goCredentials.version}`;
    const tidy = `${goIn(shellOf(input.ctx), mod.dir)}mod tidy`;
    const old: { module: string; entry: ModuleVersion; file: string; floor: string }[] = [];
    for (const [module, floor] of [[GO_CONFIG_MODULE, OTHER_SDK_FLOORS.goConfig.version], [GO_CREDENTIALS_MODULE, OTHER_SDK_FLOORS.goCredentials.version]] as const) {
      const v = await versionOf(module);
      if (v && versionBelow(v.entry.version, floor)) old.push({ module, ...v, floor });
    }
    if (old.length) {
      const first = old[0]!;
      result.findings.push(
        pinFinding(input, {
          code: 'pins-go-too-old',
          status: input.breaking,
          file: first.file,
          line: first.entry.line,
          found: old.map((o) => `${o.module} ${o.entry.version}`).join(', '),
          minimum: `${GO_CONFIG_MODULE} ${OTHER_SDK_FLOORS.goConfig.version}, ${GO_CREDENTIALS_MODULE} ${OTHER_SDK_FLOORS.goCredentials.version}`,
          problem: 'cannot use aws login profiles',
          why: `${OTHER_SDK_FLOORS.goConfig.why}. A program built from ${mod.rel} fails with "${OTHER_SDK_ERRORS.goTooOld.text}" (or uses other credentials).`,
          fix: `Upgrade the Go SDK modules in ${mod.dir || 'the project folder'}, then rebuild.`,
          commands: [goGet, tidy],
          bridge: true,
          evidence: { module: first.module, modules: old.map((o) => `${o.file}:${o.entry.line} ${o.module} ${o.entry.version}`) },
        }),
      );
    }
    const v1 = parsed.requires.find((r) => r.module === GO_V1_MODULE);
    if (v1) {
      result.findings.push(
        pinFinding(input, {
          code: 'pins-go-too-old',
          status: input.breaking,
          file: mod.rel,
          line: v1.line,
          found: `${GO_V1_MODULE} ${v1.version}`,
          minimum: `${GO_CONFIG_MODULE} ${OTHER_SDK_FLOORS.goConfig.version} (the Go SDK v1 has no login support)`,
          problem: 'is the Go SDK v1, which never reads login_session',
          why: 'The AWS SDK for Go v1 is end of support and has no login credential provider; only the Go SDK v2 does.',
          fix: 'Move the code that builds AWS clients to the Go SDK v2 (github.com/aws/aws-sdk-go-v2/config).',
          commands: [goGet],
          bridge: true,
          evidence: { module: GO_V1_MODULE },
        }),
      );
    }
  }
  return result;
}

interface TerraformDir {
  dir: string;
  requiredVersion: { constraint: string; line: number; file: string } | null;
  s3Backend: { line: number; file: string } | null;
  awsProvider: { line: number; file: string } | null;
  tfFiles: string[];
}

export async function terraformPins(input: PinInput): Promise<PinResult> {
  const result: PinResult = { findings: [], checked: [], chainBlind: [] };
  const tf = input.scan.files.filter((f) => f.name.endsWith('.tf'));
  const locks = input.scan.files.filter((f) => f.name === '.terraform.lock.hcl');
  if (!tf.length && !locks.length) return result;
  const dirs = new Map<string, TerraformDir>();
  for (const file of tf) {
    const s = await input.parse(file, parseTerraformFile);
    if (!s) continue;
    result.checked.push(file.rel);
    const d = dirs.get(file.dir) ?? { dir: file.dir, requiredVersion: null, s3Backend: null, awsProvider: null, tfFiles: [] };
    d.tfFiles.push(file.rel);
    if (s.requiredVersion && !d.requiredVersion) d.requiredVersion = { ...s.requiredVersion, file: file.rel };
    if (s.s3Backend && !d.s3Backend) d.s3Backend = { line: s.s3Backend, file: file.rel };
    if (s.awsProvider && !d.awsProvider) d.awsProvider = { line: s.awsProvider, file: file.rel };
    dirs.set(file.dir, d);
  }
  const installed = tf.length ? await installedTerraforms(input.ctx) : [];
  const terraform = installed.find((i) => i.program === 'terraform');
  const tofu = installed.find((i) => i.program === 'tofu');
  const floor = OTHER_SDK_FLOORS.terraform.version;

  for (const d of dirs.values()) {
    if (d.awsProvider) result.chainBlind.push({ consumer: 'terraformProvider', file: `${d.awsProvider.file}` });
    if (!d.s3Backend) continue;
    const backendAt = `${d.s3Backend.file}:${d.s3Backend.line}`;
    if (d.requiredVersion && terraformConstraintAllows(d.requiredVersion.constraint, floor) === false) {
      result.findings.push(
        pinFinding(input, {
          code: 'terraform-too-old',
          status: input.breaking,
          file: d.requiredVersion.file,
          line: d.requiredVersion.line,
          found: `required_version = "${d.requiredVersion.constraint}"`,
          minimum: `Terraform ${floor}`,
          problem: `keeps Terraform below ${floor}, whose S3 backend cannot use aws login profiles`,
          why: `${OTHER_SDK_FLOORS.terraform.why}; this configuration stores its state in S3 (${backendAt}) and its required_version allows no version from ${floor} on.`,
          fix: `Allow Terraform ${floor} or later in required_version (for example required_version = ">= ${floor}") and upgrade Terraform.`,
          commands: [],
          bridge: true,
        }),
      );
    }
    if (terraform?.version && versionBelow(terraform.version, floor)) {
      result.findings.push(
        pinFinding(input, {
          code: 'terraform-too-old',
          status: input.breaking,
          file: d.s3Backend.file,
          line: d.s3Backend.line,
          found: `Terraform ${terraform.version} (${terraform.path})`,
          minimum: `Terraform ${floor}`,
          problem: 'runs this S3 backend without login support',
          why: `${OTHER_SDK_FLOORS.terraform.why}; \`terraform init\` and \`plan\` here fail with "${OTHER_SDK_ERRORS.goTooOld.text}" under a login profile.`,
          fix: `Upgrade Terraform to ${floor} or later (tfenv install ${floor}, or your package manager).`,
          commands: [],
          bridge: true,
          evidence: { terraform: terraform.path },
        }),
      );
    }
  }

  const opentofuLocks: string[] = [];
  for (const lock of locks) {
    const providers = await input.parse(lock, parseTerraformLock);
    if (!providers) continue;
    result.checked.push(lock.rel);
    for (const p of providers) {
      if (p.address.startsWith('registry.opentofu.org/')) opentofuLocks.push(`${lock.rel}:${p.line}`);
      if (!/\/hashicorp\/aws$/.test(p.address)) continue;
      if (!result.chainBlind.some((c) => c.consumer === 'terraformProvider')) result.chainBlind.push({ consumer: 'terraformProvider', file: lock.rel });
      const min = OTHER_SDK_FLOORS.terraformProvider.version;
      if (p.address === TERRAFORM_AWS_PROVIDER && p.version && versionBelow(p.version, min)) {
        result.findings.push(
          pinFinding(input, {
            code: 'terraform-provider-too-old',
            status: 'warn',
            file: lock.rel,
            line: p.line,
            found: `hashicorp/aws provider ${p.version}`,
            minimum: `${min} (probably)`,
            problem: 'probably cannot use aws login profiles',
            why: `${OTHER_SDK_FLOORS.terraformProvider.why}. Older providers fail with "${OTHER_SDK_ERRORS.goTooOld.text}" followed by an instance metadata error.`,
            fix: `Allow hashicorp/aws ${min} or later in required_providers, then re-lock.`,
            commands: [`terraform${lock.dir ? ` ${shellQuote(shellOf(input.ctx), `-chdir=${lock.dir}`)}` : ''} init -upgrade`],
            bridge: true,
          }),
        );
      }
    }
  }

  if (tofu || opentofuLocks.length) {
    const where = opentofuLocks[0] ?? dirs.values().next().value?.tfFiles[0] ?? locks[0]?.rel ?? '';
    const [file, line] = where.includes(':') ? [where.slice(0, where.lastIndexOf(':')), Number(where.slice(where.lastIndexOf(':') + 1))] : [where, 0];
    result.findings.push(
      pinFinding(input, {
        code: 'opentofu-no-login',
        status: 'warn',
        file,
        line,
        found: tofu ? `OpenTofu ${tofu.version ?? '(version unknown)'} (${tofu.path})` : 'OpenTofu (registry.opentofu.org providers)',
        minimum: 'no OpenTofu release is known to read login_session',
        problem: 'probably cannot use aws login profiles',
        why: 'OpenTofu 1.11.3 does not read login_session (opentofu/opentofu#3688); the version that will is not known yet.',
        fix: 'Until OpenTofu supports aws login, run it with a profile that OpenTofu can read.',
        commands: [],
        bridge: true,
        evidence: { tofu: tofu?.path ?? null, lockEntries: opentofuLocks },
      }),
    );
  }
  return result;
}
