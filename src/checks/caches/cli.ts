import { isObject, parseJsonText } from '../../aws/json-text.js';
import { parseAwsTimestamp } from '../../aws/timestamp.js';
import type { Check } from '../../engine/check.js';
import { CLI_CACHE_REUSE_WINDOW_MS, TOKEN_FILE_MAX_BYTES } from '../../knowledge/token-caches.js';
import { removeFiles, shellOf } from '../../knowledge/shell.js';
import { pathApi } from '../../aws/paths.js';

// Role credential caches are small; a folder with thousands of entries is summarised from the first ones.
const MAX_ENTRIES = 500;

/** The AWS CLI's role credential cache (~/.aws/cli/cache): expired entries are harmless, so info only. */
export const cliCacheCheck: Check = {
  id: 'caches.cli',
  title: 'AWS CLI role credential cache',
  category: 'caches',
  touches: ['files'],
  async run(ctx) {
    const p = pathApi(ctx.platform);
    const dir = p.join(ctx.home, '.aws', 'cli', 'cache');
    const names = ((await ctx.fs.readdir(dir)) ?? []).filter((n) => n.endsWith('.json')).sort().slice(0, MAX_ENTRIES);
    const now = ctx.now().getTime();
    const expired: string[] = [];
    const unusable: string[] = [];
    let valid = 0;
    for (const name of names) {
      const read = await ctx.fs.readText(p.join(dir, name), TOKEN_FILE_MAX_BYTES);
      const json = read.ok ? parseJsonText(read.text) : null;
      const credentials = json?.ok && isObject(json.value) && isObject(json.value.Credentials) ? json.value.Credentials : null;
      if (credentials) for (const key of ['SecretAccessKey', 'SessionToken']) if (typeof credentials[key] === 'string') ctx.secrets.add(credentials[key]);
      const expiration = credentials ? parseAwsTimestamp(credentials.Expiration) : null;
      if (!expiration?.ok) unusable.push(name);
      else if (expiration.date.getTime() <= now) expired.push(name);
      else valid += 1;
    }
    const evidence = { folder: dir, entries: names.length, valid, expired, unusable };
    if (!expired.length && !unusable.length) {
      return [
        {
          code: 'cli-cache-ok',
          status: 'pass',
          title: names.length ? `AWS CLI role credential cache: ${valid} current entr${valid === 1 ? 'y' : 'ies'}` : 'No AWS CLI role credentials cached',
          detail: `${dir} caches credentials of role and SSO profiles for the AWS CLI only; SDKs keep theirs in memory.`,
          evidence,
        },
      ];
    }
    return [
      {
        code: 'cli-cache-expired',
        status: 'info',
        title: `AWS CLI role credential cache: ${expired.length} expired and ${unusable.length} unreadable entr${expired.length + unusable.length === 1 ? 'y' : 'ies'} (${valid} current)`,
        detail:
          `${dir}: ${[...expired.map((n) => `${n} (expired)`), ...unusable.map((n) => `${n} (no readable Credentials.Expiration)`)].join(', ')}. ` +
          `The AWS CLI ignores entries with less than ${CLI_CACHE_REUSE_WINDOW_MS / 60_000} minutes left and fetches new credentials, so these only take space.`,
        fix: { text: 'Optional: delete them.', commands: [removeFiles(shellOf(ctx), [...expired, ...unusable].map((n) => p.join(dir, n)))] },
        evidence,
      },
    ];
  },
};
