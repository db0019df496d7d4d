import { buildAwsConfig, type AwsConfig, type ProfileData } from '../aws/config.js';
import { configFilePaths } from '../aws/paths.js';
import { profileFor, selectedProfile, type ProfileChoice } from '../aws/profile-selection.js';
import type { Context, ReadResult } from '../engine/context.js';

/** Config files are small; anything larger is not a config file and is refused, not read. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

export interface LoadedConfig {
  config: AwsConfig;
  files: { config: ReadResult; credentials: ReadResult };
}

/** Parses ~/.aws/config and credentials once per run. */
export function loadConfig(ctx: Context): Promise<LoadedConfig> {
  return ctx.memo('aws-config', async () => {
    const paths = configFilePaths(ctx.env, ctx.home, ctx.platform);
    const [config, credentials] = await Promise.all([
      ctx.fs.readText(paths.config, MAX_CONFIG_BYTES),
      ctx.fs.readText(paths.credentials, MAX_CONFIG_BYTES),
    ]);
    return {
      config: buildAwsConfig(paths.config, config.ok ? config.text : null, paths.credentials, credentials.ok ? credentials.text : null),
      files: { config, credentials },
    };
  });
}

export interface TargetProfile {
  name: string;
  data: ProfileData | undefined;
  choice: ProfileChoice;
}

/** The profile (or, with --all-profiles, every profile) the profile-level checks diagnose. */
export async function targetProfiles(ctx: Context): Promise<TargetProfile[]> {
  const { config } = await loadConfig(ctx);
  const selected = selectedProfile(ctx.env, ctx.options.profile);
  if (!ctx.options.allProfiles) return [{ name: selected.name, data: config.profiles.get(selected.name), choice: selected }];
  return [...config.profiles.values()].map((data) => ({
    name: data.name,
    data,
    choice: data.name === selected.name ? selected : { name: data.name, from: '--profile' as const },
  }));
}

export { profileFor, selectedProfile };
