import type { Check } from '../engine/check.js';
import { consumersCheck } from './config/consumers.js';
import { configFilesCheck } from './config/files.js';
import { profileCheck } from './config/profile.js';
import { regionCheck } from './config/region.js';
import { sourcesCheck } from './config/sources.js';
import { cliCacheCheck } from './caches/cli.js';
import { loginCacheCheck } from './caches/login.js';
import { loginWritableCheck } from './caches/login-writable.js';
import { ssoCacheCheck } from './caches/sso.js';
import { homeCheck } from './environment/home.js';
import { nodeCheck } from './environment/node.js';
import { stsCheck } from './live/sts.js';
import { jsSdkCheck } from './project/js-sdk.js';
import { pinsCheck } from './project/pins.js';
import { awsCliCheck } from './tools/aws-cli.js';
import { pythonCheck } from './tools/python.js';

/** Every check, in report order. */
export const CHECKS: readonly Check[] = [
  homeCheck,
  nodeCheck,
  configFilesCheck,
  consumersCheck,
  profileCheck,
  sourcesCheck,
  regionCheck,
  loginCacheCheck,
  loginWritableCheck,
  ssoCacheCheck,
  cliCacheCheck,
  awsCliCheck,
  pythonCheck,
  jsSdkCheck,
  pinsCheck,
  stsCheck,
];
