/** Exit code contract: 0 no failure, 1 a failure (or a warning with --strict), 2 usage or internal error. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
