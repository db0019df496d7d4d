import { posix } from 'node:path';
import { getSetting } from '../../aws/config.js';
import { loginCacheFileName, resolvedLoginCacheDirs } from '../../aws/login-cache.js';
import type { Check } from '../../engine/check.js';
import type { FindingInput } from '../../engine/finding.js';
import { shellOf, shellQuote } from '../../knowledge/shell.js';
import { targetProfiles } from '../target-profiles.js';
import { readLoginCacheFile } from './login-read.js';

/** botocore refreshes a login token this long before it expires (LoginCredentialFetcher._REFRESH_THRESHOLD). */
const REFRESH_AHEAD_MS = 5 * 60_000;
const TOKEN_MAX_BYTES = 1024 * 1024;

const WHY: Record<string, string> = {
  EROFS: 'it is on a read-only file system',
  EPERM: 'it is immutable or append-only (chattr +i / +a)',
  EACCES: 'its owner and mode do not let you write',
};

/**
 * A refresh must write the new token back: pip botocore writes a temporary file in the folder and renames it over
 * the cache file, the AWS CLI v2 and the JS SDK rewrite the file in place. Both are checked with access(2), which
 * sees what the write would (mode, owner, read-only mounts, immutable files), and nothing is written.
 */
export const loginWritableCheck: Check = {
  id: 'caches.login-writable',
  title: 'Login cache can take a refreshed token',
  category: 'caches',
  touches: ['files'],
  async run(ctx) {
    const writable = ctx.fs.writable;
    if (ctx.platform === 'win32' || !writable) return [];
    const findings: FindingInput[] = [];
    const dirs = resolvedLoginCacheDirs(ctx.env, ctx.home, ctx.platform, ctx.cwd);
    const folders = [...new Set([dirs.botocore, dirs.js])];
    for (const target of await targetProfiles(ctx)) {
      const session = target.data ? getSetting(target.data, 'login_session')?.value : undefined;
      if (!session) continue;
      for (const dir of folders) {
        const path = posix.join(dir, loginCacheFileName(session));
        const cache = await readLoginCacheFile(ctx, path, TOKEN_MAX_BYTES);
        // A missing or unreadable cache is caches.login's finding; only a token that works today can fail to refresh.
        if (!cache.ok || !cache.parsed.ok) continue;
        const { parsed } = cache;
        const [dirError, fileError] = await Promise.all([writable.call(ctx.fs, dir), writable.call(ctx.fs, path)]);
        if (!dirError && !fileError) continue;
        const left = parsed.expiresAt.getTime() - ctx.now().getTime();
        const due = left <= REFRESH_AHEAD_MS;
        const problems = [
          ...(dirError ? [`the folder ${dir}: ${WHY[dirError] ?? dirError} (${dirError}), so pip botocore cannot create its temporary file`] : []),
          ...(fileError ? [`the file ${path}: ${WHY[fileError] ?? fileError} (${fileError}), so the AWS CLI v2 and the JS SDK cannot rewrite it${dirError ? '' : ' and botocore cannot replace it'}`] : []),
        ];
        const q = (p: string) => shellQuote(shellOf(ctx), p);
        const codes = [dirError, fileError];
        const commands = [
          ...(codes.includes('EPERM') ? [`sudo chattr -i -a ${[fileError === 'EPERM' ? path : null, dirError === 'EPERM' ? dir : null].filter(Boolean).map((p) => q(p!)).join(' ')}`] : []),
          ...(codes.includes('EACCES') ? [`sudo chown "$(id -u):$(id -g)" ${[dirError === 'EACCES' ? dir : null, fileError === 'EACCES' ? path : null].filter(Boolean).map((p) => q(p!)).join(' ')}`] : []),
        ];
        findings.push({
          code: 'login-cache-not-writable',
          status: due ? 'fail' : 'warn',
          title: due
            ? `The login token of profile "${target.name}" needs a refresh that cannot be saved`
            : `The login token of profile "${target.name}" works for now, but its refresh in ${Math.round((left - REFRESH_AHEAD_MS) / 60_000)} min cannot be saved`,
          detail: `A refresh writes the new token back, and here it cannot: ${problems.join('; ')}. The refresh fails and the SDKs keep asking you to sign in again.`,
          fix: {
            text: codes.includes('EROFS')
              ? 'Keep the login cache on a writable file system (set AWS_LOGIN_CACHE_DIRECTORY to a writable folder and sign in again), or remount it read-write.'
              : 'Make the folder and the file writable by you again.',
            commands,
          },
          evidence: { profile: target.name, path, folder: dir, folderError: dirError, fileError, expiresInS: Math.round(left / 1000) },
        });
      }
    }
    return findings;
  },
};
