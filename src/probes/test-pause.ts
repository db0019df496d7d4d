/**
 * Test hook, used only by the refresh-test safety tests: with LOGIN_DOCTOR_TEST_PAUSE_AT=<step> the process
 * writes `login-doctor: test pause at <step>` to stderr when it reaches that step and waits there until SIGUSR1
 * (continue), an abort (SIGINT/SIGTERM), or its death (the tests SIGKILL it at every step boundary).
 * Without the variable it does nothing.
 */
export async function pauseAt(env: Readonly<Record<string, string | undefined>>, step: string, abort?: AbortSignal): Promise<void> {
  if (env.LOGIN_DOCTOR_TEST_PAUSE_AT !== step) return;
  if (abort?.aborted) {
    process.stderr.write(`login-doctor: test pause at ${step}\n`);
    return;
  }
  await new Promise<void>((resolve) => {
    // A signal listener alone does not keep Node's event loop alive.
    const keepAlive = setInterval(() => {}, 1 << 30);
    const done = () => {
      clearInterval(keepAlive);
      process.off('SIGUSR1', done);
      abort?.removeEventListener('abort', done);
      resolve();
    };
    process.on('SIGUSR1', done);
    abort?.addEventListener('abort', done);
    // Announce only once listening: an early SIGUSR1 would otherwise start Node's inspector and hang.
    process.stderr.write(`login-doctor: test pause at ${step}\n`);
  });
}
