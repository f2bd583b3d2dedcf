// Runs synchronous cleanups however the process ends: normal exit, an uncaught error, or a signal
// (Ctrl-C is SIGINT, `kill` is SIGTERM, a closed terminal SIGHUP). `kill -9` cannot be caught; the
// next run cleans up after it (lab/run/run-state.ts).
//
// One set of process listeners serves every guard: a signal runs all pending cleanups, newest first,
// then ends the process with the signal's exit status. Separate listeners could not do that, since the
// first to call process.exit() would keep the others from running.

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Signal = (typeof SIGNALS)[number];
const EXIT_CODES: Record<Signal, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

interface Pending {
  readonly cleanup: () => void;
  /** runs on a signal only, not on a normal exit */
  readonly signalOnly: boolean;
}

const pending: Pending[] = [];
let listening = false;

function runPending(signal: boolean): void {
  for (const entry of pending.splice(0).reverse()) {
    if (signal || !entry.signalOnly) entry.cleanup();
  }
}

function listen(): void {
  if (listening) return;
  listening = true;
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      // Nothing is pending when a failure the signal caused (a command it killed) already tore it down.
      process.stderr.write(`\n${signal}: ${pending.length > 0 ? 'tearing the fabric down' : 'the fabric is already torn down'}\n`);
      runPending(true);
      try {
        process.exit(EXIT_CODES[signal]);
      } catch {
        // a vitest worker, which replaces process.exit while its tests run (it throws "process.exit
        // unexpectedly called"): the worker would run on, orphaned, and the commands it started with it
      }
      // so the signal again, with no listener left to catch it: its default action ends the process
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    });
  }
  process.on('exit', () => runPending(false));
}

export interface ExitGuard {
  /** runs the cleanup now, once, and no more at exit */
  cleanupNow(): void;
  /** drops the cleanup without running it: what it guards is meant to outlive the process */
  release(): void;
}

/**
 * Registers `cleanup` to run however the process ends; with `signalOnly`, only if a signal ends it.
 * The listeners stay once installed: a signal that comes after a cleanup (it may be why a bring-up
 * failed: it killed one of its commands first) still ends the process with the signal's status.
 */
export function guardExit(cleanup: () => void, options: { signalOnly?: boolean } = {}): ExitGuard {
  listen();
  const entry: Pending = { cleanup, signalOnly: options.signalOnly ?? false };
  pending.push(entry);
  const release = (): void => {
    const index = pending.indexOf(entry);
    if (index >= 0) pending.splice(index, 1);
  };
  return {
    cleanupNow: () => {
      if (pending.includes(entry)) {
        release();
        cleanup();
      }
    },
    release,
  };
}
