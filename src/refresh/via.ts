/** The consumers refresh-test can make refresh: the in-process JS SDK, each Python botocore, each AWS CLI. */
export const VIAS = ['js', 'python', 'cli'] as const;
export type Via = (typeof VIAS)[number];
