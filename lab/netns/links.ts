// The lab's links between nodes: a veth pair each, as containerlab makes them; or, for the
// link-loss-hidden-by-switch fault, two veth pairs joined by a bridge in a namespace of their own, the
// L2 switch most racks put between a router and a server, which keeps the router's port up when the
// server's link goes down.
import type { RunRecord } from '../run/run-state.js';
import type { LinkEnd, Lab } from '../description/index.js';
import { netnsOf } from './description.js';
import { createNamespace, ipBatch } from './namespaces.js';

/** Each link of the lab; those that end at one of `switchedServers` go through a switch. */
export async function wireLinks(t: Lab, run: RunRecord, namespaces: Record<string, string>, switchedServers: readonly string[]): Promise<void> {
  for (const [a, b] of t.links) {
    const switched = switchedServers.includes(a.node) || switchedServers.includes(b.node);
    if (switched) await wireThroughSwitch(run, namespaces, a, b);
    else await ipBatch(netnsOf({ namespaces }, a.node), [`link add ${a.interface} type veth peer name ${b.interface} netns ${netnsOf({ namespaces }, b.node)}`]);
  }
}

async function wireThroughSwitch(run: RunRecord, namespaces: Record<string, string>, a: LinkEnd, b: LinkEnd): Promise<void> {
  const ns = run.namespaceName(`switch-${b.node}`);
  await createNamespace(run, ns, false);
  await ipBatch(ns, ['link add br0 type bridge', 'link set br0 up']);
  await ipBatch(netnsOf({ namespaces }, a.node), [`link add ${a.interface} type veth peer name p0 netns ${ns}`]);
  await ipBatch(netnsOf({ namespaces }, b.node), [`link add ${b.interface} type veth peer name p1 netns ${ns}`]);
  await ipBatch(ns, ['link set p0 master br0', 'link set p1 master br0', 'link set p0 up', 'link set p1 up']);
}
