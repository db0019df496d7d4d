import {
  consumerFiles,
  consumerPaths,
  invalidUtf8Line,
  resolveConsumer,
  type ConsumerFiles,
  type ConsumerResolution,
  type FileContent,
} from '../../aws/consumer-model.js';
import { consumerHomes } from '../../aws/paths.js';
import type { Consumer } from '../../aws/profile-selection.js';
import type { Context, ReadResult } from '../../engine/context.js';
import { MAX_CONFIG_BYTES } from '../aws-config.js';

export const MODELLED: readonly Consumer[] = ['botocore', 'cli-v2', 'js'];

export interface ConsumerView {
  files: ConsumerFiles;
  /** The selected profile (--profile, else each consumer's own environment rules) as this consumer resolves it. */
  selected: ConsumerResolution;
}

function content(r: ReadResult): FileContent {
  if (r.ok) return { kind: 'text', text: r.text, invalidUtf8Line: invalidUtf8Line(r.text) };
  if (r.reason === 'missing' || r.reason === 'not-a-file') return { kind: 'absent' };
  if (r.reason === 'too-large') return { kind: 'too-large', message: r.message };
  return { kind: 'unreadable', message: r.message };
}

/** Every consumer's reading of the files and environment, once per run (POSIX or Windows path rules by ctx.platform). */
export function consumerViews(ctx: Context): Promise<Record<Consumer, ConsumerView>> {
  return ctx.memo('aws-consumer-views', async () => {
    const homes = consumerHomes(ctx.env, ctx.platform, ctx.accountHome ?? ctx.home);
    const paths = Object.fromEntries(
      MODELLED.map((c) => [c, consumerPaths(c, ctx.env, c === 'js' ? homes.jsSdk.dir : homes.python.dir, ctx.cwd, ctx.platform)]),
    ) as Record<Consumer, ReturnType<typeof consumerPaths>>;
    const wanted = new Set(Object.values(paths).flatMap((p) => [p.config, p.credentials, p.ssoSessionConfig ?? '']).filter(Boolean));
    const reads = new Map(await Promise.all([...wanted].map(async (p) => [p, content(await ctx.fs.readText(p, MAX_CONFIG_BYTES))] as const)));
    const read = (p: string): FileContent => reads.get(p) ?? { kind: 'absent' };
    const out = {} as Record<Consumer, ConsumerView>;
    const parses = new Map();
    for (const c of MODELLED) {
      const files = consumerFiles(c, paths[c], read, parses);
      out[c] = { files, selected: resolveConsumer(c, files, ctx.env, ctx.options.profile) };
    }
    return out;
  });
}
