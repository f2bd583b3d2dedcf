// The LoadBalancer Service's properties as checks: it answers (lb), router0 spreads flows as its FIB
// says (ecmp), and replies return directly from the backend's node (dsr).
import type { Fabric } from '../fabric.js';
import { parseEchoLog } from '../probes/echo-log.js';
import { freshPort, httpGet, httpGetFromPorts, type HttpExchange } from '../probes/http.js';
import { kernelRoutes, predictedNextHop } from '../probes/routing.js';
import { withSysctl } from '../probes/sysctl.js';
import { pollUntil, PollTimeoutError } from '../poll.js';
import { nodeIp, routerAddressTowards, serverNames, workload, type ServerName, type Topology } from '../topology.js';
import { vipMultipathInRouterFib } from './bgp.js';
import { captureDuring, type Captured } from './capturing.js';
import { fail, pass, type Check, type CheckContext, type CheckOutcome } from './check.js';
import { describeFlow, observeFlows, type FlowObservation } from './flows.js';

const HASH_POLICY = 'net.ipv4.fib_multipath_hash_policy';
/** Cilium's source identity for traffic from outside the cluster, in the VNI (IPv4-only cluster). */
const WORLD_ID = 2;

const vipUrl = (t: Topology): string => `http://${t.service.vip}:${t.service.port}/`;
const expectedBody = (t: Topology): string => `${workload(t, t.service.backend).echo!.text}\n`;

function serverByAddress(t: Topology, address: string): ServerName | undefined {
  return serverNames.find((s) => nodeIp(t, s) === address);
}

function outcome(title: string, problems: readonly string[], evidence: readonly string[]): CheckOutcome {
  if (problems.length === 0) return pass(title);
  return fail(`${problems.join('\n')}\n  evidence:\n    ${evidence.join('\n    ')}`);
}

function badAnswers(t: Topology, exchanges: readonly HttpExchange[]): string[] {
  const body = expectedBody(t);
  return exchanges
    .filter((e) => e.status !== 200 || e.body !== body)
    .map((e) => e.error ?? `from ${e.localAddress}:${e.localPort}: status ${e.status}, body ${JSON.stringify(e.body)} (expected 200, ${JSON.stringify(body)})`);
}

/** The requests stop after this many failures: the property has failed, and each costs curl's timeout. */
const GIVE_UP_AFTER_FAILURES = 3;

/**
 * `count` sequential requests from router0 to the VIP all answer 200 with the echo text. They are spread
 * evenly over the paths router0's FIB has for the VIP (under the L4 hash, from ports its FIB sends each
 * way), so that the answer does not depend on which server the L3 hash happens to pick.
 */
export function vipAnswers(fabric: Fabric, t: Topology, count: number): Check {
  const body = expectedBody(t);
  return {
    title: `${count} sequential requests from router0 to ${vipUrl(t)}, spread over router0's paths, all answer 200 with ${JSON.stringify(body)} (${Buffer.byteLength(body)} bytes)`,
    async run() {
      const router0 = fabric.node('router0');
      const exchanges = await withSysctl(router0, HASH_POLICY, '1', async () => {
        const routes = (await kernelRoutes(fabric, 'router0', `${t.service.vip}/32`)).value;
        const gateways = routes.flatMap((r) => r.nextHops.flatMap((h) => (h.gateway ? [h.gateway] : [])));
        const ports = [...(await portsThroughPaths(fabric, t, gateways, Math.ceil(count / Math.max(gateways.length, 1)))).keys()];
        const sent: HttpExchange[] = [];
        for (const port of ports.slice(0, count)) {
          if (badAnswers(t, sent).length >= GIVE_UP_AFTER_FAILURES) break;
          sent.push(await httpGet(router0, vipUrl(t), port));
        }
        return sent;
      });
      const bad = badAnswers(t, exchanges);
      const summary = `router0: ${bad.length} of ${exchanges.length} requests to ${vipUrl(t)} did not answer as expected` +
        (exchanges.length < count ? ` (stopped there, ${count - exchanges.length} not sent)` : '');
      const from = [...new Set(exchanges.map((e) => e.localAddress))].join(' and ');
      return outcome(`${exchanges.length}/${count} answered, from ${from}`, bad.length ? [summary] : [], bad);
    },
  };
}

/**
 * Sends one request per port from router0 to the VIP while capturing the servers' net0: what goes to or
 * comes from the VIP, the tunnel, and the backend pod's own address (a reply that escaped translation).
 */
async function flowsThroughServers(fabric: Fabric, t: Topology, captureDir: string, ports: readonly number[]): Promise<Captured<HttpExchange[]>> {
  const backend = await fabric.podIp(t.service.backend);
  return captureDuring(
    fabric,
    captureDir,
    serverNames.map((node) => ({ node, interface: 'net0' })),
    ['host', t.service.vip, 'or', 'host', backend, 'or', 'udp', 'port', '6081'],
    () => httpGetFromPorts(fabric.node('router0'), vipUrl(t), ports),
  );
}

function flowsOf(t: Topology, captured: Captured<HttpExchange[]>): { flow: FlowObservation; exchange: HttpExchange }[] {
  const flows = [...observeFlows({ vip: t.service.vip, port: t.service.port }, captured.frames).values()];
  return captured.value.map((exchange) => {
    // A request that failed does not know its local address: its port tells the flow apart.
    const flow = flows.find((f) => f.client.endsWith(`:${exchange.localPort}`));
    const client = `${exchange.localAddress || '?'}:${exchange.localPort}`;
    return { exchange, flow: flow ?? { client, synIn: [], synAckOut: [], fromVip: {}, fromElsewhere: [], tunnelled: [] } };
  });
}

function artifactDir(context: CheckContext | undefined, title: string): string {
  if (!context?.artifactDir) throw new Error(`${title}: this check captures packets and needs a directory for them`);
  return context.artifactDir;
}

/** The clients of the echo log's lines written after `since` (the log's length when a check began). */
export function clientsLoggedSince(log: string, since: number): Set<string> {
  return new Set(parseEchoLog(log.slice(since)).map((r) => r.client));
}

/** Where the echo log ends now: a check reads only what comes after, never a stale line of an earlier check. */
async function echoLogMark(fabric: Fabric, t: Topology): Promise<number> {
  return (await fabric.podLog(t.service.backend)).length;
}

/**
 * The clients in the echo server's log since `since`, once it shows every one of `expected` or a second
 * has passed: http-echo writes a request's line after it has sent the answer, so a client may have its
 * answer before the line is there.
 */
async function echoLogClients(fabric: Fabric, t: Topology, expected: readonly string[], since: number): Promise<Set<string>> {
  const read = async (): Promise<Set<string>> => clientsLoggedSince(await fabric.podLog(t.service.backend), since);
  try {
    return (await pollUntil({
      what: 'the echo log shows every client',
      timeoutMs: 1_000,
      intervalMs: 50,
      check: async () => {
        const clients = await read();
        return { done: expected.every((c) => clients.has(c)), seen: `${clients.size} clients`, value: clients };
      },
    }))!;
  } catch (error) {
    if (error instanceof PollTimeoutError) return read();
    throw error;
  }
}

const captureEvidence = (captured: Captured<unknown>): string => `captures: ${captured.files.join(', ')}`;

/**
 * With the L3 hash, every flow from router0 to the VIP takes the same server, whatever its port. Only
 * meaningful where router0 has both paths (with one path every flow takes it, whatever the hash): the
 * check first requires router0's FIB to route the VIP through both servers.
 */
export function ecmpL3HashOnePath(fabric: Fabric, t: Topology, flowCount: number): Check {
  const title = `with ${HASH_POLICY}=0, router0 routing ${t.service.vip} via both servers, ${flowCount} flows with distinct source ports all enter the same server`;
  return {
    title,
    async run(context) {
      const multipath = await vipMultipathInRouterFib(fabric, t).run(context);
      if (!multipath.ok) return fail(`with one path, every flow takes it whatever the hash policy: nothing to test.\n${multipath.message}`);
      const captureDir = artifactDir(context, title);
      const ports = Array.from({ length: flowCount }, freshPort);
      const captured = await withSysctl(fabric.node('router0'), HASH_POLICY, '0', () => flowsThroughServers(fabric, t, captureDir, ports));
      const flows = flowsOf(t, captured);
      // Only where flows enter: whether they are answered is lb's property, and which server the L3
      // hash picks differs from one fabric to the next.
      const problems = flows
        .filter(({ flow }) => flow.synIn.length !== 1)
        .map(({ flow }) => `${flow.client}: SYN seen on {${flow.synIn.join(', ')}}, expected on exactly one server`);
      const paths = new Set(flows.flatMap(({ flow }) => flow.synIn));
      if (paths.size !== 1) problems.unshift(`flows entered {${[...paths].join(', ')}}: expected all on one server with the L3 hash`);
      return outcome(`all ${flows.length} flows entered ${[...paths].join(', ')}`, problems, [...flows.map(({ flow }) => describeFlow(flow)), captureEvidence(captured)]);
    },
  };
}

/**
 * With the L4 hash, each flow enters the server router0's FIB predicts for its 5-tuple, both servers
 * carry flows, and the echo server sees router0's address on the path each flow took.
 *
 * The bound: a flow takes either path with probability 1/2 (random fresh ports), so the number on one
 * path is Binomial(n, 1/2). Each path must carry at least n/4 of the flows: for n = 64 the chance that a
 * correct fabric falls outside [16, 48] is about 3e-5.
 */
export function ecmpL4HashFollowsFib(fabric: Fabric, t: Topology, flowCount: number): Check {
  const minimum = Math.ceil(flowCount / 4);
  const title = `with ${HASH_POLICY}=1, each of ${flowCount} flows enters the server router0's FIB predicts, each server takes at least ${minimum}`;
  return {
    title,
    async run(context) {
      const captureDir = artifactDir(context, title);
      const ports = Array.from({ length: flowCount }, freshPort);
      const since = await echoLogMark(fabric, t);
      const { captured, predicted } = await withSysctl(fabric.node('router0'), HASH_POLICY, '1', async () => {
        const captured = await flowsThroughServers(fabric, t, captureDir, ports);
        return { captured, predicted: await predictedServers(fabric, t, captured.value) };
      });
      const flows = flowsOf(t, captured);
      const loggedClients = await echoLogClients(fabric, t, captured.value.map((e) => `${e.localAddress}:${e.localPort}`), since);
      const problems = badAnswers(t, captured.value);
      const perServer = new Map<ServerName, number>(serverNames.map((s) => [s, 0]));
      for (const { flow, exchange } of flows) {
        const expected = serverNames.find((s) => s === predicted.get(exchange.localPort));
        if (!expected || flow.synIn.length !== 1 || flow.synIn[0] !== expected) {
          problems.push(`${flow.client}: entered {${flow.synIn.join(', ')}}, router0's FIB predicts ${predicted.get(exchange.localPort)}`);
          continue;
        }
        perServer.set(expected, perServer.get(expected)! + 1);
        const client = `${routerAddressTowards(t, expected)}:${exchange.localPort}`;
        if (exchange.localAddress !== routerAddressTowards(t, expected) || !loggedClients.has(client)) {
          problems.push(`${flow.client}: the echo log has no request from ${client}, router0's address towards ${expected}`);
        }
      }
      for (const [server, count] of perServer) {
        if (count < minimum) problems.push(`${server} took ${count} of ${flowCount} flows, fewer than the bound ${minimum}`);
      }
      const split = [...perServer].map(([s, n]) => `${s} ${n}`).join(', ');
      return outcome(`split ${split}`, problems, [`split: ${split}`, ...flows.map(({ flow }) => describeFlow(flow)), captureEvidence(captured)]);
    },
  };
}

/**
 * The server router0's FIB sends each exchange's flow to (by its gateway where it is no server), read
 * for the port the request really used: httpGet replaces a port that turns out to be busy (another
 * spec file's flow still in TIME_WAIT), and the replacement may hash to the other path.
 */
async function predictedServers(fabric: Fabric, t: Topology, exchanges: readonly HttpExchange[]): Promise<Map<number, string>> {
  const predicted = new Map<number, string>();
  for (const { localPort } of exchanges) {
    const gateway = await predictedNextHop(fabric, 'router0', t.service.vip, localPort, t.service.port);
    predicted.set(localPort, serverByAddress(t, gateway) ?? gateway);
  }
  return predicted;
}

/**
 * Fresh ports whose flows router0's FIB (under the L4 hash) sends through each of `gateways`, `perPath`
 * of each. No route to the VIP, or a gateway the FIB never picks, is an error that says so.
 */
async function portsThroughPaths(fabric: Fabric, t: Topology, gateways: readonly string[], perPath: number): Promise<Map<number, string>> {
  if (gateways.length === 0) throw new Error(`router0 has no route to ${t.service.vip}`);
  const chosen = new Map<number, string>();
  const counts = new Map<string, number>(gateways.map((g) => [g, 0]));
  for (let tries = 0; [...counts.values()].some((n) => n < perPath); tries++) {
    if (tries > 200) {
      throw new Error(`router0: after 200 ports its FIB had sent ${JSON.stringify(Object.fromEntries(counts))} of the ${perPath} flows wanted through each gateway`);
    }
    const port = freshPort();
    const gateway = await predictedNextHop(fabric, 'router0', t.service.vip, port, t.service.port);
    const sent = counts.get(gateway);
    if (sent !== undefined && sent < perPath) {
      chosen.set(port, gateway);
      counts.set(gateway, sent + 1);
    }
  }
  return chosen;
}

/**
 * Direct server return over GENEVE: flows enter the server router0 picked; a flow that entered the
 * server without the backend goes to the backend's node in GENEVE, its SYN with Cilium's DSR option
 * naming the VIP; every reply leaves the backend's node from the VIP; the backend sees the real client.
 */
export function directServerReturn(fabric: Fabric, t: Topology, flowsPerServer: number): Check {
  const backendNode = workload(t, t.service.backend).node;
  const otherNode = serverNames.find((s) => s !== backendNode)!;
  const service = `${t.service.vip}:${t.service.port}`;
  const title = `flows into ${otherNode} reach the backend on ${backendNode} in GENEVE with the DSR option for ${service}; every reply leaves ${backendNode} from ${service}`;
  return {
    title,
    async run(context) {
      const captureDir = artifactDir(context, title);
      const since = await echoLogMark(fabric, t);
      const { chosen, captured } = await withSysctl(fabric.node('router0'), HASH_POLICY, '1', async () => {
        const byGateway = await portsThroughPaths(fabric, t, serverNames.map((s) => nodeIp(t, s)), flowsPerServer);
        const captured = await flowsThroughServers(fabric, t, captureDir, [...byGateway.keys()]);
        return { captured, chosen: await predictedServers(fabric, t, captured.value) };
      });
      const backendIp = await fabric.podIp(t.service.backend);
      const tunnelOuter = `${nodeIp(t, otherNode)} -> ${nodeIp(t, backendNode)}:6081`;
      const tunnelInner = `${backendIp}:${t.service.targetPort}`;
      const loggedClients = await echoLogClients(fabric, t, captured.value.map((e) => `${e.localAddress}:${e.localPort}`), since);
      const flows = flowsOf(t, captured);
      const problems = badAnswers(t, captured.value);
      for (const { flow, exchange } of flows) {
        const entered = chosen.get(exchange.localPort);
        const say = (problem: string): number => problems.push(`${flow.client} (entered ${flow.synIn.join(', ') || 'nowhere'}): ${problem}`);
        if (flow.synIn.length !== 1 || flow.synIn[0] !== entered) say(`expected its SYN to enter ${entered} only`);
        if (flow.synAckOut.length !== 1 || flow.synAckOut[0] !== backendNode) say(`its SYN-ACK left {${flow.synAckOut.join(', ')}}, expected ${backendNode} from ${service}`);
        if (Object.keys(flow.fromVip).some((node) => node !== backendNode)) say(`packets from ${service} left ${JSON.stringify(flow.fromVip)}, expected only ${backendNode}`);
        if (flow.fromElsewhere.length > 0) say(`replies with another source: ${flow.fromElsewhere.join('; ')}`);
        if (!loggedClients.has(flow.client)) say(`the echo log has no request from the real client ${flow.client}`);
        if (entered !== otherNode) {
          if (flow.tunnelled.length > 0) say(`was tunnelled although it entered the backend's node`);
          continue;
        }
        const tunnel = flow.tunnelled.filter((p) => p.node === otherNode && p.direction === 'out');
        const syns = tunnel.filter((p) => p.syn);
        if (tunnel.length === 0) say(`${otherNode} did not send it on in GENEVE`);
        if (!flow.tunnelled.some((p) => p.node === backendNode && p.direction === 'in' && p.syn)) say(`${backendNode} did not receive its tunnelled SYN`);
        if (tunnel.some((p) => p.outer !== tunnelOuter || p.innerDestination !== tunnelInner || p.vni !== WORLD_ID)) {
          say(`tunnelled other than ${tunnelOuter}, inner destination ${tunnelInner}, VNI ${WORLD_ID}`);
        }
        if (syns.length === 0 || syns.some((p) => p.dsrService !== service)) say(`its tunnelled SYN lacks the DSR option naming ${service}`);
        if (tunnel.some((p) => !p.syn && p.dsrService)) say('a tunnelled packet other than the SYN carries the DSR option');
      }
      const through = flows.filter(({ exchange }) => chosen.get(exchange.localPort) === otherNode);
      if (through.length === 0) problems.unshift(`no flow entered ${otherNode}: router0's FIB sent all ${flows.length} to ${backendNode}`);
      return outcome(
        `${flows.length} flows, ${through.length} of them into ${otherNode}, e.g. ${through[0] ? describeFlow(through[0].flow) : 'none'}`,
        problems,
        [...flows.map(({ flow }) => describeFlow(flow)), captureEvidence(captured)],
      );
    },
  };
}
