// Direct server return over GENEVE, read from both servers' net0 captures (the dsr spec).
import { GENEVE_PORT, WORLD_ID } from '../cilium-wire.js';
import type { Fabric } from '../fabric.js';
import { withSysctl } from '../probes/sysctl.js';
import { nodeIp, serverNames, workload, type Topology } from '../topology.js';
import type { Check } from './check.js';
import { echoLogClients, echoLogMark } from './echo-log-clients.js';
import { captureEvidence, outcome, storyFirst, type FlowProblem } from './evidence.js';
import { describeFlow } from './flows.js';
import { badAnswers, captureDirOf, flowsOf, flowsThroughServers, HASH_POLICY, portsThroughPaths, predictedServers } from './traffic.js';

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
      const captureDir = captureDirOf(context, title);
      const since = await echoLogMark(fabric, t);
      const { chosen, captured } = await withSysctl(fabric.node('router0'), HASH_POLICY, '1', async () => {
        const byGateway = await portsThroughPaths(fabric, t, serverNames.map((s) => nodeIp(t, s)), flowsPerServer);
        const captured = await flowsThroughServers(fabric, t, captureDir, [...byGateway.keys()]);
        return { captured, chosen: await predictedServers(fabric, t, captured.value) };
      });
      const backendIp = await fabric.podIp(t.service.backend);
      const tunnelOuter = `${nodeIp(t, otherNode)} -> ${nodeIp(t, backendNode)}:${GENEVE_PORT}`;
      const tunnelInner = `${backendIp}:${t.service.targetPort}`;
      const loggedClients = await echoLogClients(fabric, t, captured.value.map((e) => `${e.localAddress}:${e.localPort}`), since);
      const flows = flowsOf(t, captured);
      const perFlow: FlowProblem[] = [];
      for (const { flow, exchange } of flows) {
        const entered = chosen.get(exchange.localPort);
        const say = (problem: string): number => perFlow.push({ flow: `${flow.client} (entered ${flow.synIn.join(', ') || 'nowhere'})`, problem });
        if (flow.synIn.length !== 1 || flow.synIn[0] !== entered) say(`expected its SYN to enter ${entered} only`);
        if (flow.synAckOut.length !== 1 || flow.synAckOut[0] !== backendNode) say(`its SYN-ACK left {${flow.synAckOut.join(', ')}}, expected ${backendNode} from ${service}`);
        if (Object.keys(flow.fromVip).some((node) => node !== backendNode)) say(`packets from ${service} left ${JSON.stringify(flow.fromVip)}, expected only ${backendNode}`);
        for (const node of new Set(flow.fromElsewhere.map((r) => r.node))) {
          const sources = [...new Set(flow.fromElsewhere.filter((r) => r.node === node).map((r) => r.source))];
          say(`replies left ${node} from ${sources.join(', ')}, not ${service}`);
        }
        if (!loggedClients.has(flow.client)) say('the echo log has no request from the real client');
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
      const problems = [
        ...(through.length === 0 ? [`no flow entered ${otherNode}: router0's FIB sent all ${flows.length} to ${backendNode}`] : []),
        ...storyFirst(perFlow, flows.length),
        ...badAnswers(t, captured.value),
      ];
      return outcome(
        `${flows.length} flows, ${through.length} of them into ${otherNode}, e.g. ${through[0] ? describeFlow(through[0].flow) : 'none'}`,
        problems,
        [...flows.map(({ flow }) => describeFlow(flow)), captureEvidence(captured)],
      );
    },
  };
}
