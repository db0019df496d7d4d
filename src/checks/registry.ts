import type { Check } from '../engine/check.js';
import { configFilesCheck } from './config/files.js';
import { profileCheck } from './config/profile.js';
import { regionCheck } from './config/region.js';
import { sourcesCheck } from './config/sources.js';
import { homeCheck } from './environment/home.js';
import { stsCheck } from './live/sts.js';

/** Every check, in report order. */
export const CHECKS: readonly Check[] = [homeCheck, configFilesCheck, profileCheck, sourcesCheck, regionCheck, stsCheck];
