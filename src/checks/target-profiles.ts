import { profileKind, type ProfileData } from '../aws/config.js';
import { selectedProfile, type ProfileChoice } from '../aws/profile-selection.js';
import type { Context } from '../engine/context.js';
import type { Status } from '../engine/finding.js';
import { loadConfig } from './aws-config.js';

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

/** The diagnosed profiles that use login_session, by name. */
export async function loginProfiles(ctx: Context): Promise<string[]> {
  return (await targetProfiles(ctx)).filter((t) => t.data && profileKind(t.data) === 'login').map((t) => t.name);
}

/** fail when a diagnosed profile uses login_session (a broken dependency breaks it today), warn otherwise. */
export async function breakingStatus(ctx: Context): Promise<Status> {
  return (await loginProfiles(ctx)).length > 0 ? 'fail' : 'warn';
}
