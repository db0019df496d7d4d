import { getSetting, profileKind, where, type ProfileData } from './config.js';

export interface LoginChain {
  /** The role profile, each source_profile after it, and last the login profile. */
  profiles: string[];
  /** file:line of the first source_profile. */
  origin: string;
}

/** How many source_profile hops are followed: the SDKs refuse loops, and real chains are short. */
const MAX_HOPS = 8;

/** The chain from a role profile down to a login profile through source_profile; null when it does not end at one. */
export function loginChainOf(profiles: ReadonlyMap<string, ProfileData>, name: string): LoginChain | null {
  const start = profiles.get(name);
  if (!start || profileKind(start) !== 'assume-role') return null;
  const first = getSetting(start, 'source_profile');
  if (!first) return null;
  const chain = [name];
  let current: ProfileData | undefined = start;
  for (let hop = 0; current && hop < MAX_HOPS; hop += 1) {
    const source = getSetting(current, 'source_profile')?.value;
    if (!source || chain.includes(source)) return null;
    chain.push(source);
    current = profiles.get(source);
    if (current && profileKind(current) === 'login') return { profiles: chain, origin: where(first) };
    if (!current || profileKind(current) !== 'assume-role') return null;
  }
  return null;
}
