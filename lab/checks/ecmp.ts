// Router0 spreads flows to the VIP as its FIB says (the ecmp spec): with the L3 hash all on one path,
// with the L4 hash each on the path its 5-tuple hashes to, both paths well used.
import type { Fabric } from '../fabric/fabric-contract.js';
import { freshPort } from '../probes/http.js';
import { withSysctl } from '../probes/sysctl.js';
import { listText, routerAddressTowards, serverNames, type Lab } from '../description/index.js';
import { vipMultipathInRouterFib } from './bgp.js';
import { fail, withFigures, type Check } from './check.js';
import { ecmpSplitFigure } from './ecmp-figure.js';
import { echoLogClients, echoLogMark } from './echo-log-clients.js';
import { captureEvidence, flowSymptoms, outcome, storyFirst, type FlowProblem } from './evidence.js';
import { describeFlow } from './flows.js';
import { badAnswers, captureDirOf, flowsOf, flowsThroughServers, HASH_POLICY, predictedServers } from './traffic.js';

/**
 * With the L3 hash, every flow from router0 to the VIP takes the same server, whatever its port. Only
 * meaningful where router0 has both paths (with one path every flow takes it, whatever the hash): the
 * check first requires router0's FIB to route the VIP through both servers.
 */
export function ecmpL3HashOnePath(fabric: Fabric, t: Lab, flowCount: number): Check {
  const title = `with ${HASH_POLICY}=0, ${t.router.name} routing ${t.service.vip} via ${listText(t.service.advertisedBy)}, ${flowCount} flows with distinct source ports all enter the same server`;
  return {
    title,
    async run(context) {
      const multipath = await vipMultipathInRouterFib(fabric, t).run(context);
      if (!multipath.ok) return fail(`with one path, every flow takes it whatever the hash policy: nothing to test.\n${multipath.message}`, 'precondition:one-path');
      const captureDir = captureDirOf(context, title);
      const ports = Array.from({ length: flowCount }, freshPort);
      const captured = await withSysctl(fabric.node(t.router.name), HASH_POLICY, '0', () => flowsThroughServers(fabric, t, captureDir, ports));
      const flows = flowsOf(t, captured);
      // Only where flows enter: whether they are answered is lb's property, and which server the L3
      // hash picks differs from one fabric to the next.
      const perFlow: FlowProblem[] = flows
        .filter(({ flow }) => flow.synIn.length !== 1)
        .map(({ flow }) => ({ flow: flow.client, problem: `SYN entered {${flow.synIn.join(', ')}}, expected exactly one server`, symptom: 'flow-entered-several-servers' }));
      const paths = new Set(flows.flatMap(({ flow }) => flow.synIn));
      const counted = [...paths].sort().map((server) => `${server} ${flows.filter(({ flow }) => flow.synIn.includes(server)).length}`);
      const problems = [...(paths.size !== 1 ? [`flows entered {${counted.join(', ')}}: expected all ${flows.length} on one server with the L3 hash`] : []), ...storyFirst(perFlow, flows.length)];
      return withFigures(outcome(`all ${flows.length} flows entered ${[...paths].join(', ')}`, problems, [...flows.map(({ flow }) => describeFlow(flow)), captureEvidence(captured)], [
        ...(paths.size !== 1 ? ['flows-spread-with-l3-hash'] : []), ...flowSymptoms(perFlow),
      ]), ecmpSplitFigure(0, t.service.advertisedBy, flows, captured.files));
    },
  };
}

/** The chance that a correct fabric fails the per-path bound: below 1 in 10,000 runs. */
export const ECMP_FALSE_ALARM = 1e-4;

/**
 * The fewest flows each of `paths` equal paths must carry of `n`: a flow takes each path with
 * probability 1/paths (random fresh ports), so one path's count is Binomial(n, 1/paths); the bound is
 * the largest m for which the chance that any path carries fewer than m stays within `falseAlarm`
 * (a union bound over the paths). Two paths and 64 flows give 16; three give 10.
 */
export function perPathMinimum(n: number, paths: number, falseAlarm = ECMP_FALSE_ALARM): number {
  const p = 1 / paths;
  let below = 0; // P(X < m), summed term by term
  let term = (1 - p) ** n; // P(X = 0)
  for (let m = 0; m <= n; m++) {
    if (paths * (below + term) > falseAlarm) return m;
    below += term;
    term *= ((n - m) / (m + 1)) * (p / (1 - p));
  }
  return n;
}

/**
 * With the L4 hash, each flow enters the server the router's FIB predicts for its 5-tuple, every server
 * carries at least its binomial bound of flows (perPathMinimum), and the echo server sees the router's
 * address on the path each flow took.
 */
export function ecmpL4HashFollowsFib(fabric: Fabric, t: Lab, flowCount: number): Check {
  const minimum = perPathMinimum(flowCount, t.service.advertisedBy.length);
  const title = `with ${HASH_POLICY}=1, each of ${flowCount} flows enters the server ${t.router.name}'s FIB predicts, each server takes at least ${minimum}`;
  return {
    title,
    async run(context) {
      const captureDir = captureDirOf(context, title);
      const ports = Array.from({ length: flowCount }, freshPort);
      const since = await echoLogMark(fabric, t);
      const { captured, predicted } = await withSysctl(fabric.node(t.router.name), HASH_POLICY, '1', async () => {
        const captured = await flowsThroughServers(fabric, t, captureDir, ports);
        return { captured, predicted: await predictedServers(fabric, t, captured.value) };
      });
      const flows = flowsOf(t, captured);
      const loggedClients = await echoLogClients(fabric, t, captured.value.map((e) => `${e.localAddress}:${e.localPort}`), since);
      const perFlow: FlowProblem[] = [];
      const perServer = new Map<string, number>(t.service.advertisedBy.map((s) => [s, 0]));
      for (const { flow, exchange } of flows) {
        const expected = serverNames(t).find((s) => s === predicted.get(exchange.localPort));
        if (!expected || flow.synIn.length !== 1 || flow.synIn[0] !== expected) {
          perFlow.push({ flow: flow.client, problem: `entered {${flow.synIn.join(', ')}}, ${t.router.name}'s FIB predicts ${predicted.get(exchange.localPort)}`, symptom: 'flow-not-where-fib-predicts' });
          continue;
        }
        perServer.set(expected, perServer.get(expected)! + 1);
        const client = `${routerAddressTowards(t, expected)}:${exchange.localPort}`;
        if (exchange.localAddress !== routerAddressTowards(t, expected) || !loggedClients.has(client)) {
          perFlow.push({ flow: flow.client, problem: `the echo log has no request from ${t.router.name}'s address towards ${expected}`, symptom: 'client-not-seen' });
        }
      }
      const starved = [...perServer].filter(([, count]) => count < minimum);
      const bad = badAnswers(t, captured.value);
      const problems = [
        ...starved.map(([server, count]) => `${server} took ${count} of ${flowCount} flows, fewer than the bound ${minimum}`),
        ...storyFirst(perFlow, flows.length),
        ...bad,
      ];
      const symptoms = [...(starved.length ? ['path-below-bound'] : []), ...flowSymptoms(perFlow), ...(bad.length ? ['request-not-answered'] : [])];
      const split = [...perServer].map(([s, n]) => `${s} ${n}`).join(', ');
      return withFigures(
        outcome(`split ${split}`, problems, [`split: ${split}`, ...flows.map(({ flow }) => describeFlow(flow)), captureEvidence(captured)], symptoms),
        ecmpSplitFigure(1, t.service.advertisedBy, flows, captured.files, predicted, minimum),
      );
    },
  };
}
