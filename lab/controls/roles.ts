// The parts of the lab a control acts on and the checks it then kills, named by role rather than by
// name: the faults are made on the first server without the backend (so that they show in dsr too), a
// datapath's mistakes on that server's tunnel, a FIB fault on the backend's server. The same control
// then lists the right checks, and says what is wrong and why in the right words, on any lab its files describe.
import type { CheckId } from '../checks/catalog.js';
import { backendServer, communityText, nodeIp, podServer, routerAddressTowards, server as serverNode, serverNames, disruptedServer, type Lab } from '../description/index.js';
import { blockOwners } from '../checks/address-blocks.js';
import { boundMs, FAILOVER_WAYS, processingMs, type FailoverWay } from '../checks/failover-bounds.js';

/** Example (the lab of this repository): {"router":"router0","faulty":"server1","backend":"server0","servers":["server0","server1"],"blockOwners":["server0","server1"],"backendUplink":"net0","faultyIp":"10.0.2.2","routerIpTowardsFaulty":"10.0.2.1","vip":"20.1.10.2","vipCommunity":"65000:300","restartTimeSeconds":15,"restartFlushMs":2847,...} */
export interface ControlRoles {
  readonly router: string;
  /** the server faults and disruptions act on: the first without the backend */
  readonly faulty: string;
  /** the server that runs the Service's backend */
  readonly backend: string;
  readonly servers: readonly string[];
  /** the servers that have an address block (a pod runs there) */
  readonly blockOwners: readonly string[];
  /** the pod-to-pod checks whose ping crosses `server`, every one when absent */
  podPaths(server?: string): CheckId[];
  /** the backend's server's interface on its link to the router: "net0" */
  readonly backendUplink: string;
  /** the faulty server's address on its link to the router (its node IP), and the router's on that link */
  readonly faultyIp: string;
  readonly routerIpTowardsFaulty: string;
  /** the Service's VIP, and the community that marks it: "65000:300" */
  readonly vip: string;
  readonly vipCommunity: string;
  /** the speakers' graceful restart time the lab promises (lab/claims.yaml), in s */
  readonly restartTimeSeconds: number;
  /** the failover spec's bound for each way the faulty server stops advertising (lab/checks/failover-bounds.ts), in ms: {"speaker-crash":17847,...} */
  readonly failoverBoundMs: Readonly<Record<FailoverWay['id'], number>>;
  /** what a crashed speaker's bound allows BIRD and the kernel past the restart time, in ms: 2847 */
  readonly restartFlushMs: number;
}

export function controlRoles(t: Lab): ControlRoles {
  const pairs = t.claims.ping.flatMap(([a, b]) => [[a, b], [b, a]] as const);
  const faulty = disruptedServer(t);
  const backend = backendServer(t);
  const bounds = FAILOVER_WAYS.map((w) => [w.id, w.bound(t, faulty)] as const);
  return {
    router: t.router.name,
    faulty,
    backend,
    servers: serverNames(t),
    blockOwners: blockOwners(t),
    podPaths: (server) =>
      pairs
        .filter(([from, to]) => server === undefined || podServer(t, from) === server || podServer(t, to) === server)
        .map(([from]) => `pod-to-pod/from-${podServer(t, from)}` as const),
    backendUplink: serverNode(t, backend).uplink,
    faultyIp: nodeIp(t, faulty),
    routerIpTowardsFaulty: routerAddressTowards(t, faulty),
    vip: t.service.vip,
    vipCommunity: communityText(t.service.community),
    restartTimeSeconds: t.claims.restartTimeSeconds,
    failoverBoundMs: Object.fromEntries(bounds.map(([id, b]) => [id, boundMs(b)])) as Record<FailoverWay['id'], number>,
    restartFlushMs: processingMs(bounds.find(([id]) => id === 'speaker-crash')![1]),
  };
}
