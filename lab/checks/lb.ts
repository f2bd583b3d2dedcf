// The LoadBalancer IP answers from router0 with the echo text, every time (the lb spec).
import type { Fabric } from '../fabric/fabric-contract.js';
import { httpGet, type HttpExchange } from '../probes/http.js';
import { kernelRoutes } from '../probes/routing.js';
import { withSysctl } from '../probes/sysctl.js';
import type { Lab } from '../description/index.js';
import { fail, type Check } from './check.js';
import { outcome } from './evidence.js';
import { badAnswers, expectedBody, HASH_POLICY, portsThroughPaths, vipUrl } from './traffic.js';

/** The requests stop after this many failures: the property has failed, and each costs curl's timeout. */
const GIVE_UP_AFTER_FAILURES = 3;

/**
 * `count` sequential requests from router0 to the VIP all answer 200 with the echo text. They are spread
 * evenly over the paths router0's FIB has for the VIP (under the L4 hash, from ports its FIB sends each
 * way), so that the answer does not depend on which server the L3 hash happens to pick.
 */
export function vipAnswers(fabric: Fabric, t: Lab, count: number): Check {
  const body = expectedBody(t);
  return {
    title: `${count} sequential requests from ${t.router.name} to ${vipUrl(t)}, spread over ${t.router.name}'s paths, all answer 200 with ${JSON.stringify(body)} (${Buffer.byteLength(body)} bytes)`,
    async run() {
      const router0 = fabric.node(t.router.name);
      const { gateways, exchanges } = await withSysctl(router0, HASH_POLICY, '1', async () => {
        const routes = (await kernelRoutes(fabric, t.router.name, `${t.service.vip}/32`)).value;
        const gateways = routes.flatMap((r) => r.nextHops.flatMap((h) => (h.gateway ? [h.gateway] : [])));
        // No path at all: no request can reach the Service, which is this claim failing (not unjudged).
        if (gateways.length === 0) return { gateways, exchanges: [] };
        const ports = [...(await portsThroughPaths(fabric, t, gateways, Math.ceil(count / Math.max(gateways.length, 1)))).keys()];
        const sent: HttpExchange[] = [];
        for (const port of ports.slice(0, count)) {
          if (badAnswers(t, sent).length >= GIVE_UP_AFTER_FAILURES) break;
          sent.push(await httpGet(router0, vipUrl(t), port));
        }
        return { gateways, exchanges: sent };
      });
      if (gateways.length === 0) {
        return fail(`${t.router.name} has no path to ${t.service.vip}: none of ${count} requests to ${vipUrl(t)} can be answered`, 'no-route-to-vip');
      }
      const bad = badAnswers(t, exchanges);
      const gaveUp = bad.length >= GIVE_UP_AFTER_FAILURES;
      const summary = `${t.router.name}: ${bad.length} of ${exchanges.length} requests to ${vipUrl(t)} did not answer as expected` +
        (gaveUp && exchanges.length < count ? ` (stopped there, ${count - exchanges.length} not sent)` : '');
      // Fewer requests than the title claims, with none failing: router0's FIB did not spread fresh ports over every path it lists.
      const short = !gaveUp && exchanges.length < count
        ? [`${t.router.name}: only ${exchanges.length} of ${count} requests could be sent: in 64 fresh ports its FIB did not use each of ${gateways.join(', ') || 'no gateway'} often enough`]
        : [];
      const from = [...new Set(exchanges.map((e) => e.localAddress))].join(' and ');
      return outcome(`${exchanges.length}/${count} answered, from ${from}`, [...(bad.length ? [summary] : []), ...short], bad, [
        ...(bad.length ? ['request-not-answered'] : []), ...(short.length ? ['paths-not-used'] : []),
      ]);
    },
  };
}
