import type { Finding } from '../../src/engine/finding.js';

/** A finding with every field filled, overridable. */
export function finding(over: Partial<Finding> = {}): Finding {
  return {
    code: 'region-missing',
    status: 'fail',
    check: 'config.region',
    title: 'Login profile "dev" has no region',
    detail: 'The refresh needs a region.',
    fix: { text: 'Set the region.', commands: ['aws configure set region us-east-1 --profile dev'] },
    evidence: {},
    ...over,
  };
}

/** Text no renderer may pass through raw: workflow-command, XML, Markdown and terminal metacharacters. */
export const HOSTILE =
  '100% bad: a,b\r\n::error::injected\n<script>alert(1)</script> & "q" \'s\' ]]> | `tick` ``` [x](http://e) # \u0000\u0001\u0008\u000b\u000c\u001f\u007f\ufffe\uffff \ud800 \u001b[31mred\u001b[0m';
