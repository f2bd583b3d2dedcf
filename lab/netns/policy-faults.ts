// Two faults made with router0's policy routing, as an operator could misconfigure a router: pod
// traffic sent through one more router, and flows to the VIP steered by source port. Both leave the main
// table, which BIRD owns and the bgp checks read, as it is: the rules take precedence over it (`ip rule`
// preferences below main's 32766).
import { nodeIp, serverNames, type Lab } from '../description/index.js';
import type { RunRecord } from '../run/run-state.js';
import { netnsOf, type NetnsDescription } from './description.js';
import { createNamespace, inNamespace, ipBatch } from './namespaces.js';
import { host } from '../exec/command.js';

/** Routing tables only these faults use (BIRD's kernel protocols use main; Coil's tables are 116 and 119). */
const TRANSIT_TABLE = 201;
const STEER_TABLES = [202, 203] as const;
/** The transit link: link-local, so that it cannot collide with any address of the lab. */
const ROUTER_SIDE = '169.254.0.1';
const TRANSIT_SIDE = '169.254.0.2';
/** The port where the steering rules split flows: the fresh ports the checks use (20000-60000) fall on both sides. */
const STEER_SPLIT_PORT = 40_000;

/**
 * A transit router between router0 and the pod blocks: a namespace of this run linked to router0, and
 * rules on router0 that send traffic to the pod pool arriving from a server through it. The transit
 * router sends it back to router0, which then routes it by its main table: two routers more on the path.
 */
export async function addTransitHop(t: Lab, d: NetnsDescription, run: RunRecord): Promise<void> {
  const transit = run.namespaceName('transit');
  await createNamespace(run, transit, true);
  const router0 = netnsOf(d, t.router.name);
  await ipBatch(router0, [`link add transit0 type veth peer name eth0 netns ${transit}`, `address add ${ROUTER_SIDE}/30 dev transit0`, 'link set transit0 up']);
  await ipBatch(transit, [`address add ${TRANSIT_SIDE}/30 dev eth0`, 'link set eth0 up', `route add default via ${ROUTER_SIDE}`]);
  // It sends each packet back out of the interface it came in on; a router would say so (an ICMP redirect).
  await host.run([...inNamespace(transit), 'sysctl', '-q', '-w', 'net.ipv4.conf.all.send_redirects=0', 'net.ipv4.conf.eth0.send_redirects=0']);
  const pool = t.podPool.cidr;
  await ipBatch(router0, [
    `route add ${pool} via ${TRANSIT_SIDE} table ${TRANSIT_TABLE}`,
    ...t.router.interfaces.map((i, n) => `rule add pref ${100 + n} iif ${i.name} to ${pool} lookup ${TRANSIT_TABLE}`),
  ]);
}

/** Rules on router0 that send flows to the VIP from ports up to STEER_SPLIT_PORT via server0 and the rest via server1. */
export async function steerByPort(t: Lab, d: NetnsDescription): Promise<void> {
  const vip = `${t.service.vip}/32`;
  // iproute2 6.1 refuses a range ending at 65535 ("Invalid sport range"); no port of the checks is that high
  const ranges = [`1-${STEER_SPLIT_PORT}`, `${STEER_SPLIT_PORT + 1}-65534`];
  await ipBatch(
    netnsOf(d, t.router.name),
    serverNames(t).slice(0, STEER_TABLES.length).flatMap((server, n) => [
      `route add ${vip} via ${nodeIp(t, server)} table ${STEER_TABLES[n]}`,
      `rule add pref ${110 + n} to ${vip} ipproto tcp sport ${ranges[n]} lookup ${STEER_TABLES[n]}`,
    ]),
  );
}
