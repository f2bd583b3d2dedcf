// The failover spec's scenarios, each run once and shared by its checks: under a steady load from
// router0, a server stops advertising for good (its speaker crashes and stays down; its speaker is
// withdrawn; its uplink goes down). router0's FIB for the VIP is watched change by change, the moment it
// drops the server's next hop is timed on router0's own clock, then requests are sent with both servers'
// net0 captured (disruption-run.ts makes the load, the watch and the restore).
import { join } from 'node:path';
import type { Fabric } from '../fabric/fabric-contract.js';
import { monitorTimeUs, type RouteChange } from '../iproute/route-monitor.js';
import type { HttpExchange } from '../probes/http.js';
import { freshPort } from '../probes/http.js';
import { gatewaysShape, kernelRoutes, kernelRouteShapes, type Observed } from '../probes/routing.js';
import { pollUntilOrTimeout } from '../util/poll.js';
import { nodeIp, serverNames, type Lab } from '../description/index.js';
import type { Captured } from './capturing.js';
import type { CheckContext } from './check.js';
import { disruptUnderLoad } from './disruption-run.js';
import { throughEach, type LoadRequest } from './steady-load.js';
import { captureDirOf, flowsThroughServers } from './traffic.js';
import type { FailoverWay } from './failover-bounds.js';

export interface FailoverObservation {
  readonly server: string;
  /** the disruption, on router0's clock as `ip -ts` prints it */
  readonly disruptedAt: string;
  /**
   * the disruption on the harness's clock (Date.now() just before it was made), to tell the load's requests
   * before it from those after: the same clock as theirs, so exact, where router0's clock is matched within clockUncertaintyMs
   */
  readonly disruptionHarnessMs: number;
  /** the first change of router0's route without the server's next hop; absent if none came */
  readonly removal?: RouteChange;
  /** from the disruption to the removal, in ms */
  readonly removalMs?: number;
  /** the removal on the harness's clock (Date.now()), to tell requests before it from those after */
  readonly removalHarnessMs?: number;
  /** how far off removalHarnessMs may be: half the round trip of the command that read router0's clock (ms) */
  readonly clockUncertaintyMs: number;
  readonly changes: Observed<RouteChange[]>;
  readonly requests: readonly LoadRequest[];
  /** requests sent once the server was out of router0's FIB, with both servers' net0 captured */
  readonly afterRemoval?: Captured<HttpExchange[]>;
}

const REQUESTS_AFTER_REMOVAL = 16;
/** How often router0's FIB is read for the removal: a lookup through nsenter each time, for up to 18 s. */
const REMOVAL_POLL_MS = 200;
/** How long past its bound the scenario still waits for the removal, so that a late one is timed, not missed. */
export const WAIT_PAST_BOUND_MS = 2_000;

/** Now on router0's clock, in `ip -ts`'s format, and where that falls on the harness's clock. */
export async function routerClock(fabric: Fabric): Promise<{ text: string; us: number; harnessMs: number; uncertaintyMs: number }> {
  const before = Date.now();
  const said = await fabric.node(fabric.lab.router.name).run(['date', '+%Y-%m-%dT%H:%M:%S.%6N']);
  const after = Date.now();
  const text = said.stdout.trim();
  return { text, us: monitorTimeUs(text), harnessMs: (before + after) / 2, uncertaintyMs: (after - before) / 2 };
}

/** Runs `way` on `server` once (waiting up to `boundMs` for the removal, and 2 s more); the checks share the observation. */
export function failoverScenario(fabric: Fabric, t: Lab, server: string, way: FailoverWay, boundMs: number): (context?: CheckContext) => Promise<FailoverObservation> {
  let observed: Promise<FailoverObservation> | undefined;
  const vipPrefix = `${t.service.vip}/32`;
  const other = t.service.advertisedBy.filter((s) => s !== server);
  // Removed means routed via the other servers exactly: a route deleted outright (a blackhole) is not a failover.
  const remaining = gatewaysShape(other.map((s) => nodeIp(t, s)));
  // a server whose uplink is down cannot be captured, and cannot receive anything either
  const captured = way.uplinkDown ? other : serverNames(t);
  const run = async (context?: CheckContext): Promise<FailoverObservation> => {
    const what = way.describe(server);
    const { value, requests, changes } = await disruptUnderLoad(fabric, t, what, () => way.undo(fabric, server, t), async ({ load, disrupt }) => {
      const mark = await routerClock(fabric);
      const disruptionHarnessMs = Date.now();
      await disrupt(() => way.disrupt(fabric, server, t));
      const removed = await pollUntilOrTimeout({
        what: `${t.router.name}'s FIB routes ${vipPrefix} {${remaining}}, no longer via ${server}`,
        timeoutMs: boundMs + WAIT_PAST_BOUND_MS,
        // only when to go on: the removal is timed by the route watch, on router0's clock
        intervalMs: REMOVAL_POLL_MS,
        check: async () => {
          const routes = (await kernelRoutes(fabric, t.router.name, vipPrefix)).value;
          return { done: kernelRouteShapes(routes).join() === remaining, seen: `{${kernelRouteShapes(routes).join(', ')}}` };
        },
      });
      if (!removed.done) return { mark, disruptionHarnessMs };
      const removedSeenMs = Date.now();
      const afterRemoval = await flowsThroughServers(fabric, t, join(captureDirOf(context, 'the failover'), way.id), Array.from({ length: REQUESTS_AFTER_REMOVAL }, freshPort), captured);
      await load.until(`2 requests through ${other.join(', ')} after the removal`, throughEach(other, 2, removedSeenMs));
      return { mark, disruptionHarnessMs, afterRemoval };
    });
    const { mark, disruptionHarnessMs, afterRemoval } = value;
    const removal = changes.value.find((c) => c.atUs >= mark.us && !c.deleted && gatewaysShape(c.gateways) === remaining);
    const removalMs = removal && (removal.atUs - mark.us) / 1000;
    return {
      server, disruptedAt: mark.text, disruptionHarnessMs, changes, requests, clockUncertaintyMs: mark.uncertaintyMs,
      ...(removal && removalMs !== undefined ? { removal, removalMs, removalHarnessMs: mark.harnessMs + removalMs } : {}),
      ...(afterRemoval ? { afterRemoval } : {}),
    };
  };
  return (context) => (observed ??= run(context));
}
