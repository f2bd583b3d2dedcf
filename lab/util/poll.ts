import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions<T> {
  /** what is awaited, for the timeout message: "router0 has the VIP via both servers" */
  readonly what: string;
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** one observation: `done` when the condition holds, `seen` describes what was observed */
  readonly check: () => Promise<{ done: boolean; seen: string; value?: T }>;
}

export class PollTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly lastSeen: string,
  ) {
    super(`timed out after ${(timeoutMs / 1000).toFixed(1)} s waiting until ${what}; last seen: ${lastSeen}`);
    this.name = 'PollTimeoutError';
  }
}

/**
 * Bounded polling instead of sleeps: repeats `check` until it reports done or the time is up. A check
 * that throws counts as "not yet", with the error as what was seen.
 */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 100;
  let lastSeen = 'nothing yet';
  for (;;) {
    try {
      const observation = await options.check();
      if (observation.done) return observation.value;
      lastSeen = observation.seen;
    } catch (error) {
      lastSeen = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() + interval > deadline) throw new PollTimeoutError(options.what, options.timeoutMs, lastSeen);
    await sleep(interval);
  }
}

/**
 * pollUntil for a wait whose timing out is an answer, not an error (the run goes on and says so):
 * resolves with what the last poll saw when the time is up.
 */
export async function pollUntilOrTimeout<T>(options: PollOptions<T>): Promise<{ readonly done: true } | { readonly done: false; readonly lastSeen: string }> {
  try {
    await pollUntil(options);
    return { done: true };
  } catch (error) {
    if (!(error instanceof PollTimeoutError)) throw error;
    return { done: false, lastSeen: error.lastSeen };
  }
}
