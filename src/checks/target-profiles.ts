import { profileKind, sessionChain, type ProfileData } from '../aws/config.js';
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
  if (!ctx.options.allProfiles) {
    const targets: TargetProfile[] = [{ name: selected.name, data: config.profiles.get(selected.name), choice: selected }];
    // A role profile's session lives in its source profile: the cache, region and live checks diagnose that one too.
    const holder = sessionChain(config, selected.name).holder;
    if (holder && holder !== selected.name) targets.push({ name: holder, data: config.profiles.get(holder), choice: { name: holder, from: 'source_profile' } });
    return targets;
  }
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
