import crossSpawn from 'cross-spawn';
import type { SpawnOptions, SpawnResult, Spawner } from '../engine/context.js';

const DEFAULT_MAX_OUTPUT = 1024 * 1024;

/**
 * Windows starts a .cmd/.bat only through cmd.exe (Node refuses it without a shell since CVE-2024-27980);
 * cross-spawn builds that cmd.exe line with every argument escaped. A batch file then re-reads its arguments
 * (`%*`), where the escaping is gone, so text cmd.exe could act on is refused instead of passed.
 */
export function batchArgumentProblem(platform: NodeJS.Platform, command: string, args: readonly string[]): string | null {
  if (platform !== 'win32' || !/\.(cmd|bat)$/i.test(command)) return null;
  const bad = args.find((a) => /[%!^&|<>()"\r\n]/.test(a));
  return bad === undefined ? null : `not started: the argument ${JSON.stringify(bad)} is not safe to pass to the batch file ${command} (cmd.exe would interpret it)`;
}

/**
 * Children run in their own process group (so a timeout can kill grandchildren), which also means Ctrl-C does
 * not reach them: while any runs, a signal to login-doctor kills their groups first. When nobody else listens
 * for the signal (refresh-test does, to restore the cache), login-doctor then dies of it as it would have.
 */
const running = new Set<() => void>();
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

let exiting = false;

/** Kills every child still running. */
function killRunningChildren(): void {
  for (const kill of running) kill();
}

/**
 * For the launcher once main has returned: whatever still runs, or is about to start (a probe started early may
 * not have spawned yet), was started for nothing and must not hold the exit until its time limit.
 */
export function stopAllChildren(): void {
  exiting = true;
  killRunningChildren();
}

function onSignal(signal: NodeJS.Signals): void {
  killRunningChildren();
  if (process.listenerCount(signal) === 1) {
    stopForwarding();
    process.kill(process.pid, signal);
  }
}

function stopForwarding(): void {
  for (const s of FORWARDED) process.off(s, onSignal);
  process.off('exit', killRunningChildren);
}

function track(kill: () => void): void {
  if (running.size === 0) {
    for (const s of FORWARDED) process.on(s, onSignal);
    process.on('exit', killRunningChildren);
  }
  running.add(kill);
}

function untrack(kill: () => void): void {
  if (running.delete(kill) && running.size === 0) stopForwarding();
}

/** The one way login-doctor runs a program: no shell, explicit env, a time limit and an output cap. */
export const nodeSpawner: Spawner = (command, args, options: SpawnOptions) =>
  new Promise<SpawnResult>((resolve) => {
    const started = performance.now();
    const cap = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let truncated = false;
    let timedOut = false;
    let settled = false;

    const finish = (result: Omit<SpawnResult, 'stdout' | 'stderr' | 'timedOut' | 'truncated' | 'durationMs'>) => {
      if (settled) return;
      settled = true;
      untrack(kill);
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', kill);
      resolve({
        ...result,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        truncated,
        durationMs: Math.round(performance.now() - started),
      });
    };

    const refused = exiting ? 'not started: login-doctor is exiting' : batchArgumentProblem(process.platform, command, args);
    if (refused) {
      resolve({ exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, truncated: false, error: refused, durationMs: 0 });
      return;
    }
    let child: ReturnType<typeof crossSpawn>;
    try {
      // cross-spawn: plain child_process.spawn on POSIX; on Windows PATHEXT lookup and escaped cmd.exe for .cmd/.bat.
      child = crossSpawn(command, [...args], {
        cwd: options.cwd,
        env: (options.env ?? {}) as NodeJS.ProcessEnv,
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
        windowsHide: true,
        // Own process group so a timeout can kill grandchildren (a shim that execs python, say).
        detached: process.platform !== 'win32',
      });
    } catch (error) {
      resolve({ exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, truncated: false, error: String(error), durationMs: 0 });
      return;
    }

    const kill = () => {
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    track(kill);
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    if (options.signal?.aborted) kill();
    options.signal?.addEventListener('abort', kill, { once: true });

    const collect = (chunks: Buffer[], isOut: boolean) => (chunk: Buffer) => {
      const used = isOut ? outBytes : errBytes;
      if (used >= cap) {
        truncated = true;
        // A flood of output is a fault in itself; stop reading rather than buffer forever.
        kill();
        return;
      }
      const piece = chunk.subarray(0, cap - used);
      if (piece.length < chunk.length) truncated = true;
      chunks.push(piece);
      if (isOut) outBytes += piece.length;
      else errBytes += piece.length;
    };
    child.stdout?.on('data', collect(out, true));
    child.stderr?.on('data', collect(err, false));
    child.on('error', (error) => finish({ exitCode: null, signal: null, error: error.message }));
    child.on('close', (code, signal) => finish({ exitCode: code, signal: signal ?? null, error: null }));
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input ?? '');
  });
