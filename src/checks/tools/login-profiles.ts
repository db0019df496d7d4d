import { profileKind } from '../../aws/config.js';
import type { Context } from '../../engine/context.js';
import { targetProfiles } from '../shared.js';

/** The diagnosed profiles that use login_session: a tool problem is a failure for them, a warning otherwise. */
export async function loginProfiles(ctx: Context): Promise<string[]> {
  return (await targetProfiles(ctx)).filter((t) => t.data && profileKind(t.data) === 'login').map((t) => t.name);
}
