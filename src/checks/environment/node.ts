import type { Check } from '../../engine/check.js';
import { JS_SDK_NODE_FLOOR, NODE_RELEASES_SOURCE, nodeSupport } from '../../knowledge/node-releases.js';

/**
 * The Node.js that runs login-doctor (and, in-process, the AWS SDK for JavaScript it checks with). Said once
 * here, instead of the SDK's own multi-line warning on stderr, which login-doctor switches off for itself.
 */
export const nodeCheck: Check = {
  id: 'environment.node',
  title: 'Node.js that runs login-doctor',
  category: 'environment',
  touches: [],
  run(ctx) {
    const version = ctx.nodeVersion;
    const support = nodeSupport(version, ctx.now());
    const sdkNote =
      support.major < JS_SDK_NODE_FLOOR.major
        ? ` AWS SDK for JavaScript v3 releases published after ${JS_SDK_NODE_FLOOR.from} require Node.js ${JS_SDK_NODE_FLOOR.major} or later, so JS tools that update their SDK will stop running here.`
        : '';
    const evidence = { node: version, endOfLife: 'eol' in support ? support.eol : null, source: NODE_RELEASES_SOURCE };
    if (support.kind === 'end-of-life') {
      return [
        {
          code: 'node-end-of-life',
          status: 'info',
          title: `Node.js ${version} reached end of life on ${support.eol}`,
          detail: `login-doctor runs on Node.js ${version}, whose release line gets no security fixes since ${support.eol}.${sdkNote}`,
          fix: {
            text: `Install a supported Node.js LTS release (${JS_SDK_NODE_FLOOR.major} or later) from https://nodejs.org/en/download or your version manager, and run login-doctor with it.`,
            commands: [],
          },
          evidence,
        },
      ];
    }
    const until = support.kind === 'supported' ? `supported until ${support.eol}` : 'no end-of-life date known to login-doctor';
    return [{ code: 'node-ok', status: 'pass', title: `Node.js ${version} (${until})`, detail: `login-doctor runs on Node.js ${version}.${sdkNote}`, evidence }];
  },
};
