import { startPythonProbesEarly } from './python-probe.js';
import { createRealContext } from './real-context.js';

export { stopAllChildren } from './spawn.js';

/** Options whose next argument is their value, not a command. */
const TAKES_VALUE = new Set(['-p', '--profile', '--python', '--junit', '--timeout']);
/** Longest wait for the probes to be running before the rest of the program loads. */
const START_BOUND_MS = 50;

/**
 * The Python probes (one interpreter start each, the slowest part of a diagnosis) start before the CLI and the
 * checks load, so Python runs while Node compiles. A small argument scan decides; anything it is unsure of (other
 * commands, --only/--skip, combined short flags) starts nothing, and probePythons ignores an early start whose
 * inputs differ from the real run's, so a wrong guess costs time, never a wrong result.
 */
export async function startEarly(argv: readonly string[]): Promise<void> {
  const pythons: string[] = [];
  let noCache = false;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i]!;
    if (a === '--python') {
      const value = argv[(i += 1)];
      if (value === undefined) return;
      pythons.push(value);
    } else if (a.startsWith('--python=')) pythons.push(a.slice('--python='.length));
    else if (a === '--no-cache') noCache = true;
    else if (TAKES_VALUE.has(a)) i += 1;
    else if (/^--(only|skip|help|version)(=|$)|^-[hV]$|^-[^-].|^--$/.test(a)) return;
    else if (!a.startsWith('-') && a !== 'report') return;
  }
  const ctx = createRealContext({
    profile: null,
    allProfiles: false,
    offline: true,
    pythons,
    anonymize: false,
    probeCache: !noCache && !process.env.LOGIN_DOCTOR_NO_CACHE,
  });
  await startPythonProbesEarly(ctx, START_BOUND_MS);
}
