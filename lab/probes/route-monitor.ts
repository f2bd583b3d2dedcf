// Watches a node's routes for a prefix while something happens: `ip -ts monitor route` runs in the node
// (through the fabric contract, so on both fabrics) until told to stop, and every change is read from
// what it printed. The watch counts as started once ip has subscribed to route changes (its netlink
// socket in /proc/net/netlink), and stopping is a file it waits for, in the node's own file system.
import { randomBytes } from 'node:crypto';
import type { Fabric } from '../fabric/fabric-contract.js';
import { subscribedToRoutes } from '../iproute/netlink-sockets.js';
import { parseRouteMonitor, type RouteChange } from '../iproute/route-monitor.js';
import { pollUntil } from '../util/poll.js';

import type { Observed } from './routing.js';

export interface RouteWatch {
  /** stops the watch (again: the same answer); the changes of the prefix, with everything ip printed as the evidence */
  stop(): Promise<Observed<RouteChange[]>>;
}

/**
 * ip's pid goes to STOP.pid; the watch ends when STOP exists. However it ends (stopped, timed out, or its
 * harness gone), it stops ip and removes both files.
 */
const SCRIPT = [
  'ip -ts monitor route & m=$!',
  'trap \'kill $m 2>/dev/null; rm -f "$1" "$1.pid"\' EXIT',
  'trap \'exit 143\' TERM INT HUP',
  'echo $m > "$1.pid"',
  'while [ ! -e "$1" ]; do sleep 0.02; done',
  'kill $m; wait $m; exit 0',
].join('; ');
const TIMED_OUT = 124;

/** Starts watching `node`'s route for `prefix`, once ip is subscribed; the watch ends by itself after `maxSeconds`. */
export async function watchRoutes(fabric: Fabric, node: string, prefix: string, maxSeconds: number): Promise<RouteWatch> {
  // lab/run/leftovers.ts finds a watch by this name in its command line. A relative path: in the node's
  // directory that the fabric's teardown removes (lab/fabric/fabric-contract.ts), so that nothing stays if the watch
  // is killed before it has removed its files.
  const stopFile = `bgplab-route-watch-${randomBytes(4).toString('hex')}`;
  const executor = fabric.node(node);
  // If the harness dies first, the watch dies with it (setpriv's parent-death signal, which `timeout`
  // passes to its process group); in a container, where the exec outlives its client, `timeout` ends it.
  const argv = ['setpriv', '--pdeathsig', 'TERM', 'timeout', String(maxSeconds), 'sh', '-c', SCRIPT, 'sh', stopFile];
  const running = executor.run(argv, { allowFailure: true, timeoutMs: (maxSeconds + 10) * 1000 });
  let ended: { exitCode: number; stdout: string; stderr: string } | undefined;
  void running.then((r) => (ended = r));
  await pollUntil({
    what: `ip monitor in ${node} is subscribed to route changes`,
    timeoutMs: 5_000,
    intervalMs: 20,
    check: async () => {
      if (ended) throw new Error(`the route watch ended at once (exit ${ended.exitCode}): ${ended.stderr.trim()}`);
      const seen = await executor.run(['sh', '-c', 'cat "$1.pid" && cat /proc/net/netlink', 'sh', stopFile], { allowFailure: true });
      const [pid, ...table] = seen.stdout.split('\n');
      return { done: seen.exitCode === 0 && subscribedToRoutes(table.join('\n'), Number(pid)), seen: seen.stderr.trim() || 'not subscribed yet' };
    },
  });
  let stopped: Promise<Observed<RouteChange[]>> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        await executor.run(['touch', stopFile]);
        const result = await running;
        await executor.run(['rm', '-f', stopFile, `${stopFile}.pid`]);
        // A watch that ended early, or never ran, would report no change: that must not read as "nothing changed".
        if (result.exitCode === TIMED_OUT) throw new Error(`the route watch in ${node} ended after ${maxSeconds} s, before it was stopped: later changes are unknown`);
        if (result.exitCode !== 0) throw new Error(`the route watch in ${node} failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
        return { value: parseRouteMonitor(result.stdout, prefix), raw: `${node}: ip -ts monitor route\n${result.stdout}` };
      })()),
  };
}
