// Putting the fabric back after a failover spec disrupted it: the steady state the specs after it (and a
// LAB_REUSE=1 run) rely on, awaited within a bound. The same claims are the precondition a disruption
// checks first, so that a spec never disrupts a fabric that was not whole to begin with. If the fabric
// does not come back, it is marked unusable for reuse and the failure says so loudly.
import type { Fabric } from '../fabric/fabric-contract.js';
import { pollUntilOrTimeout } from '../util/poll.js';
import { nodeNames, serverNames, type Lab } from '../description/index.js';
import { birdSessionsEstablished, speakerSessionEstablished, vipMultipathInRouterFib } from './bgp.js';
import { failingMessages, type Check } from './check.js';

/** Time for a restarted speaker to dial (GoBGP 3.36: 1-2 s; a refused dial retries after the lab's connect-retry, 5-10 s) and for routes to follow. */
export const RESTORE_MS = 30_000;

/** Every BIRD and speaker session Established, and router0 routing the VIP through both servers. */
function steadyState(fabric: Fabric, t: Lab): Check[] {
  return [
    ...nodeNames(t).map((n) => birdSessionsEstablished(fabric, t, n)),
    ...serverNames(t).map((s) => speakerSessionEstablished(fabric, t, s)),
    vipMultipathInRouterFib(fabric, t),
  ];
}

/** What of the steady state does not hold now: empty when all of it does. */
export async function steadyStateProblems(fabric: Fabric, t: Lab): Promise<string[]> {
  return (await failingMessages(steadyState(fabric, t))).map((m) => m.split('\n')[0]!);
}

/** Call right before disrupting: a run interrupted before the fabric is put back leaves it marked unusable for reuse. */
export function disrupting(fabric: Fabric, what: string): void {
  fabric.disruptions.markUnusable(`a spec was interrupted while ${what}, before the fabric was put back`);
}

export class RestoreFailed extends Error {
  override name = 'RestoreFailed';
}

/**
 * Undoes a disruption (`what`: "server1's uplink (net0) goes down") with `undo`, then waits for the steady state. On failure, marks the
 * fabric unusable for LAB_REUSE=1 and throws a RestoreFailed that says what is still broken.
 */
export async function restoreSteadyState(fabric: Fabric, t: Lab, what: string, undo: () => Promise<void>, boundMs = RESTORE_MS): Promise<void> {
  let undoError = '';
  await undo().catch((error: unknown) => (undoError = ` (undoing it failed: ${String(error)})`));
  const restored = await pollUntilOrTimeout({
    what: `the fabric is whole again after ${what}`,
    timeoutMs: boundMs,
    intervalMs: 200,
    check: async () => {
      const problems = await steadyStateProblems(fabric, t);
      return { done: problems.length === 0, seen: problems.join('; ') || 'whole' };
    },
  });
  if (restored.done && !undoError) return fabric.disruptions.markUnusable(undefined);
  const reason = `after ${what} the fabric did not come back within ${boundMs / 1000} s${undoError}: ${restored.done ? 'whole' : restored.lastSeen}`;
  fabric.disruptions.markUnusable(reason);
  throw new RestoreFailed(`THE FABRIC IS BROKEN: ${reason}. The specs after this one run on a broken fabric, and LAB_REUSE=1 will refuse it.`);
}
