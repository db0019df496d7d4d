/**
 * End-of-life dates of Node.js release lines, from the Node.js release schedule
 * (https://github.com/nodejs/Release, schedule.json). Odd majors are short-lived "current" lines.
 */
export const NODE_END_OF_LIFE: Readonly<Record<number, string>> = {
  18: '2025-04-30',
  19: '2023-06-01',
  20: '2026-04-30',
  21: '2024-06-01',
  22: '2027-04-30',
  23: '2025-06-01',
  24: '2028-04-30',
  25: '2026-06-01',
};

export const NODE_RELEASES_SOURCE = 'Node.js release schedule, https://github.com/nodejs/Release (schedule.json)';

/**
 * The AWS SDK for JavaScript v3 announces a higher Node floor with its NodeVersionSupportWarning
 * (@aws-sdk/core emitWarningIfUnsupportedVersion, 3.981.0): releases published after the first week of
 * January 2027 require this major.
 */
export const JS_SDK_NODE_FLOOR = {
  major: 22,
  from: 'the first week of January 2027',
  source: '@aws-sdk/core 3.981.0 dist-es/submodules/client/emitWarningIfUnsupportedVersion.js (npm); https://a.co/c895JFp',
} as const;

export type NodeSupport = { kind: 'end-of-life'; major: number; eol: string } | { kind: 'supported'; major: number; eol: string } | { kind: 'unknown'; major: number };

/** Where a Node version (`v20.20.2`) stands on a date. */
export function nodeSupport(version: string, now: Date): NodeSupport {
  const major = Number.parseInt(version.replace(/^v/, ''), 10);
  const eol = NODE_END_OF_LIFE[major];
  if (!eol) return { kind: 'unknown', major };
  return now.getTime() >= Date.parse(`${eol}T00:00:00Z`) ? { kind: 'end-of-life', major, eol } : { kind: 'supported', major, eol };
}
