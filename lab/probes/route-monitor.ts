// Watches a node's routes for a prefix while something happens: `ip -ts monitor route` runs in the node
// (through the fabric contract, so on both fabrics) until told to stop, and every change is read from
// what it printed. Stopping is a file the watcher waits for, in the node's own file system.
import { randomBytes } from 'node:crypto';
import type { Fabric } from '../fabric.js';
import { parseRouteMonitor, type RouteChange } from '../iproute/route-monitor.js';
import type { NodeName } from '../topology.js';
import type { Observed } from './routing.js';

export interface RouteWatch {
  /** stops the watch; the changes of the prefix, with everything ip printed as the evidence */
  stop(): Promise<Observed<RouteChange[]>>;
}

/** How long `ip monitor` is given to subscribe before the watch counts as started (it prints nothing when it has). */
const SUBSCRIBE_MS = 300;

const SCRIPT = 'ip -ts monitor route & m=$!; while [ ! -e "$1" ]; do sleep 0.02; done; kill $m; wait $m; rm -f "$1"';

/** Starts watching `node`'s route for `prefix`; the watch ends by itself after `maxSeconds`. */
export async function watchRoutes(fabric: Fabric, node: NodeName, prefix: string, maxSeconds: number): Promise<RouteWatch> {
  // lab/leftovers.ts finds a watch by this name in its command line
  const stopFile = `/tmp/bgplab-route-watch-${randomBytes(4).toString('hex')}`;
  const executor = fabric.node(node);
  // If the harness dies first, the watch dies with it (setpriv's parent-death signal, which `timeout`
  // passes to its process group); in a container, where the exec outlives its client, `timeout` ends it.
  const argv = ['setpriv', '--pdeathsig', 'TERM', 'timeout', String(maxSeconds), 'sh', '-c', SCRIPT, 'sh', stopFile];
  const running = executor.run(argv, { allowFailure: true, timeoutMs: (maxSeconds + 10) * 1000 });
  await new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_MS));
  return {
    async stop() {
      await executor.run(['touch', stopFile]);
      const result = await running;
      await executor.run(['rm', '-f', stopFile]);
      const cut = result.exitCode === 124 ? `\n(the watch ended after ${maxSeconds} s, before it was stopped)` : '';
      return { value: parseRouteMonitor(result.stdout, prefix), raw: `${node}: ip -ts monitor route\n${result.stdout}${cut}` };
    },
  };
}
