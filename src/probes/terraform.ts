import type { Context } from '../engine/context.js';
import { findOnPath, probeEnv } from './executables.js';

/** `terraform version` answers from the binary alone (no plugins, no network with CHECKPOINT_DISABLE). */
const VERSION_TIMEOUT_MS = 5000;

export interface InstalledTerraform {
  program: 'terraform' | 'tofu';
  path: string;
  /** null when the program ran but its version could not be read. */
  version: string | null;
}

/** The version a `terraform version -json` / `tofu version -json` (or plain `version`) prints. */
export function parseTerraformVersion(output: string): string | null {
  const json = /"(?:terraform|tofu)_version"\s*:\s*"v?([^"]+)"/.exec(output);
  if (json) return json[1]!;
  return /(?:Terraform|OpenTofu)\s+v(\d+\.\d+\.\d+[^\s]*)/.exec(output)?.[1] ?? null;
}

/** The first terraform and tofu on PATH, with their versions. Memoized. */
export function installedTerraforms(ctx: Context): Promise<InstalledTerraform[]> {
  return ctx.memo('terraform-installed', async () => {
    const out: InstalledTerraform[] = [];
    await Promise.all(
      (['terraform', 'tofu'] as const).map(async (program) => {
        const [found] = await findOnPath(ctx, [program]);
        if (!found) return;
        const r = await ctx.spawn(found.path, ['version', '-json'], {
          timeoutMs: VERSION_TIMEOUT_MS,
          maxOutputBytes: 16 * 1024,
          env: probeEnv(ctx, { CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' }),
        });
        out.push({ program, path: found.path, version: parseTerraformVersion(`${r.stdout}\n${r.stderr}`) });
      }),
    );
    return out.sort((a, b) => a.program.localeCompare(b.program));
  });
}
