import { selectedProfile } from '../aws/profile-selection.js';
import type { Context } from '../engine/context.js';

export { CHECKS } from './registry.js';

/** The profile a diagnosis names in its header; null with --all-profiles. */
export function diagnosedProfile(ctx: Context): string | null {
  return ctx.options.allProfiles ? null : selectedProfile(ctx.env, ctx.options.profile).name;
}
