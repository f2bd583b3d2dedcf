// The traffic the dsr checks judge, sent once and shared: requests from router0 to the VIP from ports
// router0's FIB (under the L4 hash) sends through each server, with both servers' net0 captured. Each dsr
// check judges one claim of direct server return on these same flows, so that a control can break one
// claim and see exactly its check fail.
import type { Fabric } from '../fabric/fabric-contract.js';
import type { HttpExchange } from '../probes/http.js';
import { withSysctl } from '../probes/sysctl.js';
import { backendServer, nodeIp, serversWithoutBackend, type Lab } from '../description/index.js';
import type { Captured } from './capturing.js';
import type { CheckContext } from './check.js';
import { echoLogClients, echoLogMark } from './echo-log-clients.js';
import type { FlowObservation } from './flows.js';
import { captureDirOf, flowsOf, flowsThroughServers, HASH_POLICY, portsThroughPaths } from './traffic.js';

export interface DsrFlows {
  /** the server with the backend pod, and the others, whose flows must be tunnelled: "server0", ["server1"] */
  readonly backendNode: string;
  readonly otherNodes: readonly string[];
  /** the backend pod's address: "10.1.0.1" */
  readonly backendIp: string;
  readonly flows: readonly { readonly flow: FlowObservation; readonly exchange: HttpExchange }[];
  readonly captured: Captured<HttpExchange[]>;
  /** the clients the echo server logged during the traffic: "10.0.2.1:40001" */
  readonly loggedClients: ReadonlySet<string>;
  /** the flows whose SYN entered another node (the ones that must be tunnelled), with that node */
  readonly through: readonly { readonly flow: FlowObservation; readonly exchange: HttpExchange; readonly entered: string }[];
}

/** Gets the shared flows: the first check to ask sends them (capturing into its context's folder). */
export type DsrTraffic = (context?: CheckContext) => Promise<DsrFlows>;

/**
 * `flowsPerServer` flows through each server. Where the router's FIB leaves a server out, the ports it finds
 * go the other ways and no flow enters that server: each check then says what that leaves it to judge.
 */
export function dsrTraffic(fabric: Fabric, t: Lab, flowsPerServer: number): DsrTraffic {
  const backendNode = backendServer(t);
  const otherNodes = serversWithoutBackend(t);
  let sent: Promise<DsrFlows> | undefined;
  return (context) =>
    (sent ??= (async () => {
      const captureDir = captureDirOf(context, 'the dsr traffic');
      const since = await echoLogMark(fabric, t);
      const captured = await withSysctl(fabric.node(t.router.name), HASH_POLICY, '1', async () => {
        const byGateway = await portsThroughPaths(fabric, t, t.service.advertisedBy.map((s) => nodeIp(t, s)), flowsPerServer);
        return flowsThroughServers(fabric, t, captureDir, [...byGateway.keys()]);
      });
      const flows = flowsOf(t, captured);
      const loggedClients = await echoLogClients(fabric, t, captured.value.map((e) => `${e.localAddress}:${e.localPort}`), since);
      const through = flows.flatMap((f) => {
        const entered = f.flow.synIn.find((s) => otherNodes.includes(s));
        return entered ? [{ ...f, entered }] : [];
      });
      return { backendNode, otherNodes, backendIp: await fabric.podIp(t.service.backend), flows, captured, loggedClients, through };
    })());
}
