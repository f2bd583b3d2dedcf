// How the graceful-restart and failover scenarios disrupt a server: only a whole fabric; under a steady
// load from router0 (L4 hash) that has already gone through both servers; router0's route for the VIP
// watched throughout; the fabric marked before the disruption (restore.ts); the load and the watch
// stopped whatever happens, then the fabric put back if it was disrupted.
import type { Fabric } from '../fabric/fabric-contract.js';
import type { RouteChange } from '../iproute/route-monitor.js';
import { watchRoutes } from '../probes/route-monitor.js';
import type { Observed } from '../probes/routing.js';
import { withSysctl } from '../probes/sysctl.js';
import type { Lab } from '../description/index.js';
import { PreconditionFailed } from './check.js';
import { disrupting, restoreSteadyState, steadyStateProblems } from './restore.js';
import { startLoad, throughEach, type Load, type LoadRequest } from './steady-load.js';
import { HASH_POLICY } from './traffic.js';

/** One request every 50 ms: 20 a second, each on its own flow. */
const LOAD_INTERVAL_MS = 50;
/**
 * The route watch's and the load client's own end, should the harness lose them: longer than any scenario can take (a failover
 * bound of up to a hold time, 240 s; kind's wait for a new agent, 120 s; the load's conditions, 30 s each).
 */
const WATCH_CAP_SECONDS = 600;

export interface UnderLoad {
  readonly load: Load;
  /** makes the disruption, with the fabric marked as disrupted first */
  disrupt(action: () => Promise<void>): Promise<void>;
}

export interface LoadRun<T> {
  readonly value: T;
  readonly requests: readonly LoadRequest[];
  /** router0's changes of its route for the VIP, from before the disruption to the end of `body` */
  readonly changes: Observed<RouteChange[]>;
}

/** Runs `body` as above; `what` names the disruption ("server1's uplink goes down"), `undo` undoes it. */
export async function disruptUnderLoad<T>(fabric: Fabric, t: Lab, what: string, undo: () => Promise<void>, body: (run: UnderLoad) => Promise<T>): Promise<LoadRun<T>> {
  const broken = await steadyStateProblems(fabric, t);
  if (broken.length > 0) throw new PreconditionFailed(`the fabric is not whole before ${what}, so nothing was disrupted: ${broken.join('; ')}`, 'not-whole');
  let disrupted = false;
  try {
    return await withSysctl(fabric.node(t.router.name), HASH_POLICY, '1', async () => {
      const watch = await watchRoutes(fabric, t.router.name, `${t.service.vip}/32`, WATCH_CAP_SECONDS);
      const load = startLoad(fabric, t, LOAD_INTERVAL_MS, WATCH_CAP_SECONDS);
      try {
        await load.until('2 requests through each server', throughEach(t.service.advertisedBy, 2));
        const value = await body({
          load,
          disrupt: async (action) => {
            disrupting(fabric, what);
            // before the action: one that fails after it took effect (a signal sent, its wait timed out) is undone too
            disrupted = true;
            await action();
          },
        });
        return { value, requests: await load.stop(), changes: await watch.stop() };
      } finally {
        await load.stop();
        await watch.stop().catch(() => undefined); // its own failure was thrown above, if it mattered
      }
    });
  } finally {
    if (disrupted) await restoreSteadyState(fabric, t, what, undo);
  }
}
