// Reading routes and sessions through the fabric contract; the same on both fabrics.
import type { BgpSession, Fabric } from '../fabric/fabric-contract.js';
import { birdBgpSessions, parseBirdProtocols } from '../bird/protocols.js';
import { parseBirdRoutes, type BirdRoute } from '../bird/routes.js';
import { parseIpRoutes, type KernelRoute } from '../iproute/routes.js';


/** Parsed data with the raw text it came from, which failure messages quote as evidence. */
export interface Observed<T> {
  readonly value: T;
  readonly raw: string;
}

export async function birdSessions(fabric: Fabric, node: string): Promise<Observed<Map<string, BgpSession>>> {
  const raw = await fabric.birdc(node, ['show', 'protocols', 'all']);
  return { value: birdBgpSessions(parseBirdProtocols(raw)), raw };
}

export async function birdProtocolTable(fabric: Fabric, node: string): Promise<string> {
  return fabric.birdc(node, ['show', 'protocols']);
}

/** BIRD's routes for exactly `prefix`, best first as BIRD lists them. */
export async function birdRoutes(fabric: Fabric, node: string, prefix: string): Promise<Observed<BirdRoute[]>> {
  const raw = await fabric.birdc(node, ['show', 'route', prefix, 'all']);
  return { value: parseBirdRoutes(raw).filter((r) => r.prefix === prefix), raw: `${node}: birdc show route ${prefix} all\n${raw}` };
}

/** The kernel's routes for exactly `prefix` in the main table. */
export async function kernelRoutes(fabric: Fabric, node: string, prefix: string): Promise<Observed<KernelRoute[]>> {
  const result = await fabric.node(node).run(['ip', '-j', 'route', 'show', 'table', 'main']);
  const table = parseIpRoutes(result.stdout);
  return {
    value: table.filter((r) => r.dst === prefix),
    raw: [`${node} main table:`, ...table.map(formatKernelRoute)].join('\n'),
  };
}

function formatKernelRoute(r: KernelRoute): string {
  const hops = r.nextHops.map((h) => [h.gateway && `via ${h.gateway}`, h.dev && `dev ${h.dev}`].filter(Boolean).join(' '));
  return [r.type === 'unicast' ? '' : r.type, r.dst, hops.join(' + '), `proto ${r.protocol}`].filter(Boolean).join(' ');
}

/** "via 10.0.1.2", or the route's type where it has no gateway ("blackhole", "unreachable"). */
export function kernelPaths(routes: readonly KernelRoute[]): string[] {
  return routes.flatMap((r) =>
    r.type !== 'unicast' ? [r.type] : r.nextHops.map((h) => (h.gateway ? `via ${h.gateway}` : `dev ${h.dev}`)),
  );
}

/** The shape of one route through `gateways`, as kernelRouteShapes writes it: "via 10.0.1.2 + via 10.0.2.2". */
export function gatewaysShape(gateways: readonly string[]): string {
  return gateways.map((g) => `via ${g}`).sort().join(' + ');
}

/**
 * Each route as one string of its paths, sorted: "via 10.0.1.2 + via 10.0.2.2" for a route with two next
 * hops. Two routes with one next hop each (different metrics) are two strings, not one multipath route.
 */
export function kernelRouteShapes(routes: readonly KernelRoute[]): string[] {
  return routes.map((r) => kernelPaths([r]).sort().join(' + '));
}

/**
 * `ip route get` for one TCP flow (`sport`, `dport`: numbers, or a shell's "$port"): the next hop the FIB
 * picks for it, multipath hash included. Example: ["ip","-j","route","get","20.1.10.2","ipproto","tcp","sport","41234","dport","80"]
 */
export const routeGetFlow = (dst: string, sport: string, dport: string): string[] =>
  ['ip', '-j', 'route', 'get', dst, 'ipproto', 'tcp', 'sport', sport, 'dport', dport];

/** The first next hop of what `ip -j route get` printed; undefined when it names none. */
export const firstGateway = (json: string): string | undefined => parseIpRoutes(json)[0]?.nextHops[0]?.gateway;

/** The next hop the node's FIB picks for one TCP flow, as `ip route get` predicts it (multipath hash included). */
export async function predictedNextHop(fabric: Fabric, node: string, dst: string, sport: number, dport: number): Promise<string> {
  const result = await fabric.node(node).run(routeGetFlow(dst, String(sport), String(dport)));
  const gateway = firstGateway(result.stdout);
  if (!gateway) throw new Error(`${node}: ip route get ${dst} sport ${sport} gave no gateway: ${result.stdout.trim()}`);
  return gateway;
}
