import { profileKind } from '../../aws/config.js';
import type { Context } from '../../engine/context.js';
import type { Status } from '../../engine/finding.js';
import { targetProfiles } from '../shared.js';

/** The diagnosed profile(s) that use `aws login`, by name: a dependency that cannot do login breaks these now. */
export async function loginProfilesInUse(ctx: Context): Promise<string[]> {
  return (await targetProfiles(ctx)).filter((p) => p.data && profileKind(p.data) === 'login').map((p) => p.name);
}

/** fail when a diagnosed profile uses login_session (it breaks today), warn otherwise (it breaks once one does). */
export async function breakingStatus(ctx: Context): Promise<Status> {
  return (await loginProfilesInUse(ctx)).length > 0 ? 'fail' : 'warn';
}
