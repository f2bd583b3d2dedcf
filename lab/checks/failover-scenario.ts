// The failover spec's scenarios, each run once and shared by its checks: under a steady load from
// router0, a server stops advertising for good (its speaker crashes and stays down; its speaker is
// withdrawn; its uplink goes down). router0's FIB for the VIP is watched change by change, the moment it
// drops the server's next hop is timed on router0's own clock, then requests are sent with both servers'
// net0 captured. The fabric is put back afterwards (restore.ts).
import { join } from 'node:path';
import type { Fabric } from '../fabric.js';
import type { RouteChange } from '../iproute/route-monitor.js';
import type { HttpExchange } from '../probes/http.js';
import { freshPort } from '../probes/http.js';
import { watchRoutes } from '../probes/route-monitor.js';
import { kernelRoutes, type Observed } from '../probes/routing.js';
import { withSysctl } from '../probes/sysctl.js';
import { pollUntilOrTimeout } from '../poll.js';
import { nodeIp, serverNames, type ServerName, type Topology } from '../topology.js';
import type { Captured } from './capturing.js';
import type { CheckContext } from './check.js';
import { disrupting, restoreSteadyState, steadyStateProblems } from './restore.js';
import { startLoad, type LoadRequest } from './steady-load.js';
import { captureDirOf, flowsThroughServers, HASH_POLICY } from './traffic.js';
import type { FailoverWay } from './failover-bounds.js';

export interface FailoverObservation {
  readonly server: ServerName;
  /** the disruption, on router0's clock as `ip -ts` prints it */
  readonly disruptedAt: string;
  /** the first change of router0's route without the server's next hop; absent if none came */
  readonly removal?: RouteChange;
  /** from the disruption to the removal, in ms */
  readonly removalMs?: number;
  /** the removal on the harness's clock (Date.now()), to tell requests before it from those after */
  readonly removalHarnessMs?: number;
  readonly changes: Observed<RouteChange[]>;
  readonly requests: readonly LoadRequest[];
  /** requests sent once the server was out of router0's FIB, with both servers' net0 captured */
  readonly afterRemoval?: Captured<HttpExchange[]>;
}

const LOAD_INTERVAL_MS = 50;
const REQUESTS_AFTER_REMOVAL = 16;

/** Now on router0's clock, in `ip -ts`'s format, and where that falls on the harness's clock. */
async function routerClock(fabric: Fabric): Promise<{ text: string; us: number; harnessMs: number }> {
  const before = Date.now();
  const said = await fabric.node('router0').run(['date', '+%Y-%m-%dT%H:%M:%S.%6N']);
  const harnessMs = (before + Date.now()) / 2;
  const text = said.stdout.trim();
  return { text, us: Date.parse(`${text.slice(0, 19)}Z`) * 1000 + Number(text.slice(20)), harnessMs };
}

/** Runs `way` on `server` once (waiting up to `boundMs` for the removal, and 2 s more); the checks share the observation. */
export function failoverScenario(fabric: Fabric, t: Topology, server: ServerName, way: FailoverWay, boundMs: number): (context?: CheckContext) => Promise<FailoverObservation> {
  let observed: Promise<FailoverObservation> | undefined;
  const vipPrefix = `${t.service.vip}/32`;
  const gateway = nodeIp(t, server);
  // a server whose uplink is down cannot be captured, and cannot receive anything either
  const captured = serverNames.filter((s) => !(way.uplinkDown && s === server));
  const run = async (context?: CheckContext): Promise<FailoverObservation> => {
    const broken = await steadyStateProblems(fabric, t);
    if (broken.length > 0) throw new Error(`the fabric is not whole before the failover, so nothing was disrupted: ${broken.join('; ')}`);
    let disrupted = false;
    try {
      return await withSysctl(fabric.node('router0'), HASH_POLICY, '1', async () => {
        const watch = await watchRoutes(fabric, 'router0', vipPrefix, 60);
        const load = startLoad(fabric, t, LOAD_INTERVAL_MS);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const mark = await routerClock(fabric);
        disrupting(fabric, way.describe(server));
        await way.disrupt(fabric, server);
        disrupted = true;
        const removed = await pollUntilOrTimeout({
          what: `router0's FIB no longer routes ${vipPrefix} via ${server}`,
          timeoutMs: boundMs + 2_000,
          intervalMs: 50,
          check: async () => {
            const routes = (await kernelRoutes(fabric, 'router0', vipPrefix)).value;
            const gateways = routes.flatMap((r) => r.nextHops.map((h) => h.gateway));
            return { done: !gateways.includes(gateway), seen: `{${gateways.join(', ')}}` };
          },
        });
        const afterRemoval = removed.done
          ? await flowsThroughServers(fabric, t, join(captureDirOf(context, 'the failover'), way.id), Array.from({ length: REQUESTS_AFTER_REMOVAL }, freshPort), captured)
          : undefined;
        await new Promise((resolve) => setTimeout(resolve, 300));
        const requests = await load.stop();
        const changes = await watch.stop();
        const removal = changes.value.find((c) => c.atUs >= mark.us && !c.gateways.includes(gateway));
        const removalMs = removal && (removal.atUs - mark.us) / 1000;
        return {
          server, disruptedAt: mark.text, changes, requests,
          ...(removal && removalMs !== undefined ? { removal, removalMs, removalHarnessMs: mark.harnessMs + removalMs } : {}),
          ...(afterRemoval ? { afterRemoval } : {}),
        };
      });
    } finally {
      if (disrupted) await restoreSteadyState(fabric, t, way.describe(server), () => way.undo(fabric, server));
    }
  };
  return (context) => (observed ??= run(context));
}
