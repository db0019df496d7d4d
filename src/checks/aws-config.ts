/** The AWS config and credentials files of this run, read and parsed once for every check. */
import { buildAwsConfig, type AwsConfig } from '../aws/config.js';
import { configFilePaths } from '../aws/paths.js';
import type { Context, ReadResult } from '../engine/context.js';

/**
 * The largest config or credentials file login-doctor reads (whole, into memory). The real consumers have no limit:
 * this one only keeps the doctor's memory bounded (it parses each file several ways: about 60 times the file's size
 * at the peak). Real files are kilobytes; generated ones with thousands of SSO profiles a few megabytes, so 8 MiB
 * is far above them. A larger file gets config-file-too-large, which says so.
 */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

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
