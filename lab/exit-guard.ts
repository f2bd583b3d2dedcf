// Runs a synchronous cleanup however the process ends: normal exit, an uncaught error, or a signal
// (Ctrl-C is SIGINT, `kill` is SIGTERM, a closed terminal SIGHUP). `kill -9` cannot be caught; the
// next run cleans up after it (lab/netns/run-state.ts).

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const EXIT_CODES: Record<(typeof SIGNALS)[number], number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

export interface ExitGuard {
  /** runs the cleanup now (at most once) and unregisters it */
  cleanupNow(): void;
  /** unregisters the cleanup without running it: what it guards is meant to outlive the process */
  release(): void;
}

/** Registers `cleanup` to run however the process ends. */
export function guardExit(cleanup: () => void): ExitGuard {
  let done = false;
  const runOnce = (): void => {
    if (done) return;
    done = true;
    cleanup();
  };
  const onSignal = (signal: (typeof SIGNALS)[number]): void => {
    process.stderr.write(`\n${signal}: tearing the fabric down\n`);
    runOnce();
    process.exit(EXIT_CODES[signal]);
  };
  SIGNALS.forEach((s) => process.on(s, onSignal));
  process.on('exit', runOnce);
  const release = (): void => {
    SIGNALS.forEach((s) => process.off(s, onSignal));
    process.off('exit', runOnce);
  };
  return {
    cleanupNow: () => {
      release();
      runOnce();
    },
    release,
  };
}
