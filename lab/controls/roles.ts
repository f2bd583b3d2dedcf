// The parts of the lab a control acts on and the checks it then kills, named by role rather than by
// name: the faults are made on the first server without the backend (so that they show in dsr too), a
// datapath's mistakes on that server's tunnel, a FIB fault on the backend's server. The same control
// then lists the right checks on any lab its files describe.
import type { CheckId } from '../checks/catalog.js';
import { backendServer, podServer, serverNames, serversWithoutBackend, type Lab } from '../description/index.js';
import { blockOwners } from '../checks/address-blocks.js';

/** Example (the lab of this repository): {"router":"router0","faulty":"server1","backend":"server0","servers":["server0","server1"],...} */
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
}

export function controlRoles(t: Lab): ControlRoles {
  const pairs = t.claims.ping.flatMap(([a, b]) => [[a, b], [b, a]] as const);
  return {
    router: t.router.name,
    faulty: serversWithoutBackend(t)[0]!,
    backend: backendServer(t),
    servers: serverNames(t),
    blockOwners: blockOwners(t),
    podPaths: (server) =>
      pairs
        .filter(([from, to]) => server === undefined || podServer(t, from) === server || podServer(t, to) === server)
        .map(([from]) => `pod-to-pod/from-${podServer(t, from)}` as const),
  };
}
