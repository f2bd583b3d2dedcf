// Traffic to the LoadBalancer Service for the checks that need it: router0's hash policy, ports whose
// flows router0's FIB sends through a chosen path, requests from router0 while both servers' net0 are
// captured, each exchange paired with its flow in the captures, and what was answered wrong.
import { GENEVE_PORT } from '../fabric/cilium-wire.js';
import type { Fabric } from '../fabric/fabric-contract.js';
import { freshPort, httpGetFromPorts, type HttpExchange } from '../probes/http.js';
import { kernelRoutes, predictedNextHop } from '../probes/routing.js';
import { nodeIp, server, serverNames, type Lab } from '../description/index.js';
import { captureDuring, type Captured } from './capturing.js';
import { PreconditionFailed, type CheckContext } from './check.js';
import { observeFlows, type FlowObservation } from './flows.js';

export const HASH_POLICY = 'net.ipv4.fib_multipath_hash_policy';

export const vipUrl = (t: Lab): string => `http://${t.service.vip}:${t.service.port}/`;
export const expectedBody = (t: Lab): string => t.service.answer;

/**
 * The checks that send flows to the VIP and predict their path judge nothing where router0 has no route
 * to it (nothing advertises it): that is said as their precondition, `precondition:no-route-to-vip`, the
 * claim unjudged. Whether the VIP is routed at all is bgp's claim, and lb's (its requests go unanswered).
 */
export async function requireRouteToVip(fabric: Fabric, t: Lab): Promise<void> {
  const routes = await kernelRoutes(fabric, t.router.name, `${t.service.vip}/32`);
  if (routes.value.length === 0) throw new PreconditionFailed(`${t.router.name} has no route to ${t.service.vip}, so no flow can be sent to it and nothing is judged\n  evidence:\n    ${routes.raw.trim().split('\n').join('\n    ')}`, 'no-route-to-vip');
}

export function serverByAddress(t: Lab, address: string): string | undefined {
  return serverNames(t).find((s) => nodeIp(t, s) === address);
}

export function badAnswers(t: Lab, exchanges: readonly HttpExchange[]): string[] {
  const body = expectedBody(t);
  return exchanges
    .filter((e) => e.status !== 200 || e.body !== body)
    .map((e) => e.error ?? `from ${e.localAddress}:${e.localPort}: status ${e.status}, body ${JSON.stringify(e.body)} (expected 200, ${JSON.stringify(body)})`);
}

/**
 * Sends one request per port from router0 to the VIP while capturing `servers`' net0 (both by default):
 * what goes to or comes from the VIP, the tunnel, and the backend pod's own address (a reply that
 * escaped translation).
 */
export async function flowsThroughServers(
  fabric: Fabric,
  t: Lab,
  captureDir: string,
  ports: readonly number[],
  servers: readonly string[] = serverNames(t),
): Promise<Captured<HttpExchange[]>> {
  const backend = await fabric.podIp(t.service.backend);
  await requireRouteToVip(fabric, t);
  return captureDuring(
    fabric,
    captureDir,
    servers.map((node) => ({ node, interface: server(t, node).uplink })),
    ['host', t.service.vip, 'or', 'host', backend, 'or', 'udp', 'port', String(GENEVE_PORT)],
    () => httpGetFromPorts(fabric.node(t.router.name), vipUrl(t), ports),
  );
}

export function flowsOf(t: Lab, captured: Captured<HttpExchange[]>): { flow: FlowObservation; exchange: HttpExchange }[] {
  const flows = [...observeFlows({ vip: t.service.vip, port: t.service.port }, captured.frames).values()];
  return captured.value.map((exchange) => {
    // A request that failed does not know its local address: its port tells the flow apart.
    const flow = flows.find((f) => f.client.endsWith(`:${exchange.localPort}`));
    const client = `${exchange.localAddress || '?'}:${exchange.localPort}`;
    return { exchange, flow: flow ?? { client, synIn: [], synAckOut: [], fromVip: {}, fromElsewhere: [], tunnelled: [] } };
  });
}

/** Where a check that captures keeps its pcaps: the artifact folder its test gives it. */
export function captureDirOf(context: CheckContext | undefined, title: string): string {
  if (!context?.artifactDir) throw new Error(`${title}: this check captures packets and needs a directory for them`);
  return context.artifactDir;
}

/**
 * The server router0's FIB sends each exchange's flow to (by its gateway where it is no server), read
 * for the port the request really used: httpGet replaces a port that turns out to be busy (another
 * spec file's flow still in TIME_WAIT), and the replacement may hash to the other path.
 */
export async function predictedServers(fabric: Fabric, t: Lab, exchanges: readonly HttpExchange[]): Promise<Map<number, string>> {
  const predicted = new Map<number, string>();
  await requireRouteToVip(fabric, t);
  for (const { localPort } of exchanges) {
    const gateway = await predictedNextHop(fabric, t.router.name, t.service.vip, localPort, t.service.port);
    predicted.set(localPort, serverByAddress(t, gateway) ?? gateway);
  }
  return predicted;
}

/**
 * Fresh ports whose flows router0's FIB (under the L4 hash) sends through each of `gateways`, up to
 * `perPath` of each: fewer through a gateway the FIB does not use. No route to the VIP at all is a
 * failed precondition.
 */
export async function portsThroughPaths(fabric: Fabric, t: Lab, gateways: readonly string[], perPath: number): Promise<Map<number, string>> {
  await requireRouteToVip(fabric, t);
  const chosen = new Map<number, string>();
  const counts = new Map<string, number>(gateways.map((g) => [g, 0]));
  for (let tries = 0; [...counts.values()].some((n) => n < perPath); tries++) {
    // A gateway the FIB has not picked in 64 ports is one it does not use (with two used paths, the
    // chance of fewer than 4 on one of them in 64 is below 1e-14): the checks judge the flows found.
    if (tries >= 64) break;
    const port = freshPort();
    const gateway = await predictedNextHop(fabric, t.router.name, t.service.vip, port, t.service.port);
    const sent = counts.get(gateway);
    if (sent !== undefined && sent < perPath) {
      chosen.set(port, gateway);
      counts.set(gateway, sent + 1);
    }
  }
  return chosen;
}
