/** Severity of one finding, from best to worst as the report orders them. */
export type Status = 'pass' | 'info' | 'warn' | 'fail' | 'skip';

export const STATUSES: readonly Status[] = ['pass', 'info', 'warn', 'fail', 'skip'];
