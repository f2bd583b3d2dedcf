// Direct server return over GENEVE (the dsr spec), one claim per check, each judged on the same shared
// flows (dsr-traffic.ts) from both servers' net0 captures: the tunnel and its VNI, the tunnel's inner
// destination, the DSR option on the SYN only, the replies' way out, and the client the backend sees.
import { GENEVE_PORT } from '../fabric/cilium-wire.js';
import { backendServer, listText, nodeIp, podKey, serversWithoutBackend, type Lab } from '../description/index.js';
import { withFigures, type Check, type CheckContext, type CheckOutcome, type Symptom } from './check.js';
import { dsrFlowsFigure } from './dsr-ladder.js';
import type { DsrFlows, DsrTraffic } from './dsr-traffic.js';
import { captureEvidence, flowSymptoms, outcome, storyFirst, type FlowProblem } from './evidence.js';
import { describeFlow, type FlowObservation } from './flows.js';
import { badAnswers } from './traffic.js';

/** A problem that is not one flow's, with its symptom. */
interface OtherProblem {
  readonly text: string;
  readonly symptom: Symptom;
}

type Judge = (traffic: DsrFlows, say: (flow: FlowObservation, problem: string, symptom: Symptom) => void) => OtherProblem[];

/** Where no flow went through a server, or none was sent, the claim is untested: a precondition, not the claim's own failure. */
const NOTHING_TO_JUDGE = 'precondition:no-flow-to-judge';

const service = (t: Lab): string => `${t.service.vip}:${t.service.port}`;

/** A check over the shared flows: `judge` reports per-flow problems through `say`, and returns any others. */
function dsrCheck(t: Lab, title: string, traffic: DsrTraffic, judge: Judge): Check {
  return {
    title,
    async run(context?: CheckContext): Promise<CheckOutcome> {
      const seen = await traffic(context);
      const perFlow: FlowProblem[] = [];
      const byClient = new Map<string, string[]>();
      const say = (flow: FlowObservation, problem: string, symptom: Symptom): void => {
        perFlow.push({ flow: `${flow.client} (entered ${flow.synIn.join(', ') || 'nowhere'})`, problem, symptom });
        byClient.set(flow.client, [...(byClient.get(flow.client) ?? []), problem]);
      };
      // No flow at all would leave every per-flow judgement unmade: that is a failure, not a pass.
      const others = seen.flows.length === 0 ? [{ text: 'no flow to the VIP was sent or seen, so nothing could be judged', symptom: NOTHING_TO_JUDGE }] : judge(seen, say);
      return withFigures(outcome(
        `${seen.flows.length} flows, ${seen.through.length} of them into ${listText(seen.otherNodes)}, e.g. ${seen.through[0] ? describeFlow(seen.through[0].flow) : 'none'}`,
        [...others.map((o) => o.text), ...storyFirst(perFlow, seen.flows.length)],
        [...seen.flows.map(({ flow }) => describeFlow(flow)), captureEvidence(seen.captured)],
        [...flowSymptoms(perFlow), ...others.map((o) => o.symptom)],
      ), dsrFlowsFigure(t, seen, byClient));
    },
  };
}

/** Where no flow entered the server without the backend, nothing was there to tunnel: the claims about the tunnel are untested. */
function noneThrough(seen: DsrFlows): OtherProblem[] {
  const entered = `{${[...new Set(seen.flows.flatMap(({ flow }) => flow.synIn))].join(', ')}}`;
  return seen.otherNodes
    .filter((node) => !seen.through.some((f) => f.entered === node))
    .map((node) => ({ text: `no flow entered ${node}, so nothing through it could be tunnelled: the router sent all ${seen.flows.length} to ${entered}`, symptom: NOTHING_TO_JUDGE }));
}

/** Flows into the server without the backend go on to the backend's node in GENEVE, VNI the world identity; others are not tunnelled. */
export function dsrTunnelToBackendNode(t: Lab, traffic: DsrTraffic): Check {
  const backendNode = backendServer(t);
  const others = serversWithoutBackend(t);
  const outer = (from: string): string => `${nodeIp(t, from)} -> ${nodeIp(t, backendNode)}:${GENEVE_PORT}`;
  const vni = t.claims.dsr.vni;
  return dsrCheck(t, `flows into ${listText(others)} go on to ${backendNode} in GENEVE (${others.map(outer).join(', ')}) with VNI ${vni}, the world identity`, traffic, (seen, say) => {
    for (const { flow } of seen.flows) {
      const entered = seen.through.find((f) => f.flow === flow)?.entered;
      if (!entered) {
        if (flow.tunnelled.length > 0) say(flow, `was tunnelled although it entered the backend's node only`, 'flow-tunnelled-needlessly');
        continue;
      }
      const sent = flow.tunnelled.filter((p) => p.node === entered && p.direction === 'out');
      if (sent.length === 0) say(flow, `${entered} did not send it on in GENEVE`, 'flow-not-tunnelled');
      if (!flow.tunnelled.some((p) => p.node === seen.backendNode && p.direction === 'in' && p.syn)) say(flow, `${seen.backendNode} did not receive its tunnelled SYN`, 'flow-not-tunnelled');
      for (const p of sent.filter((p) => p.outer !== outer(entered))) say(flow, `tunnelled as ${p.outer}, expected ${outer(entered)}`, 'tunnel-endpoints-wrong');
      for (const seenVni of new Set(sent.filter((p) => p.vni !== vni).map((p) => p.vni))) say(flow, `tunnelled with VNI ${seenVni}, expected ${vni} (the world identity)`, 'vni-wrong');
    }
    return noneThrough(seen);
  });
}

/** The tunnel carries the translated packet: its inner destination is the backend pod, not the VIP. */
export function dsrInnerDestinationIsBackend(t: Lab, traffic: DsrTraffic): Check {
  return dsrCheck(t, `the tunnelled packets' inner destination is the backend pod ${podKey(t.service.backend)} at port ${t.service.targetPort}, not ${service(t)}`, traffic, (seen, say) => {
    const inner = `${seen.backendIp}:${t.service.targetPort}`;
    for (const { flow } of seen.through) {
      if (flow.tunnelled.length === 0) say(flow, 'was not tunnelled, so there is no inner destination to judge', NOTHING_TO_JUDGE);
      for (const dst of new Set(flow.tunnelled.map((p) => p.innerDestination).filter((d) => d !== inner))) say(flow, `tunnelled to inner destination ${dst}, expected ${inner}`, 'inner-destination-wrong');
    }
    return noneThrough(seen);
  });
}

/** Cilium's DSR option, naming the VIP, is on the tunnelled SYN, and on no other tunnelled packet. */
export function dsrOptionOnSynOnly(t: Lab, traffic: DsrTraffic): Check {
  return dsrCheck(t, `the tunnelled SYN, and no other tunnelled packet, carries the DSR option naming ${service(t)}`, traffic, (seen, say) => {
    for (const { flow, entered } of seen.through) {
      const sent = flow.tunnelled.filter((p) => p.node === entered && p.direction === 'out');
      const syns = sent.filter((p) => p.syn);
      if (syns.length === 0) say(flow, 'no tunnelled SYN', NOTHING_TO_JUDGE);
      else if (syns.some((p) => p.dsrService !== service(t))) say(flow, `its tunnelled SYN lacks the DSR option naming ${service(t)}`, 'dsr-option-missing');
      if (sent.some((p) => !p.syn && p.dsrService)) say(flow, 'a tunnelled packet other than the SYN carries the DSR option', 'dsr-option-beyond-syn');
    }
    return noneThrough(seen);
  });
}

/** Every flow is answered, and every reply leaves the backend's node from the VIP, never the other node, never from another address. */
export function dsrRepliesFromVip(t: Lab, traffic: DsrTraffic): Check {
  const backendNode = backendServer(t);
  return dsrCheck(t, `every request is answered, and every reply leaves ${backendNode} from ${service(t)}, none another node or from another address`, traffic, (seen, say) => {
    for (const { flow } of seen.flows) {
      if (flow.synAckOut.length !== 1 || flow.synAckOut[0] !== backendNode) say(flow, `its SYN-ACK left {${flow.synAckOut.join(', ')}}, expected ${backendNode} from ${service(t)}`, 'reply-path-wrong');
      if (Object.keys(flow.fromVip).some((node) => node !== backendNode)) say(flow, `packets from ${service(t)} left ${JSON.stringify(flow.fromVip)}, expected only ${backendNode}`, 'reply-path-wrong');
      for (const node of new Set(flow.fromElsewhere.map((r) => r.node))) {
        const sources = [...new Set(flow.fromElsewhere.filter((r) => r.node === node).map((r) => r.source))];
        say(flow, `replies left ${node} from ${sources.join(', ')}, not ${service(t)}`, 'reply-source-wrong');
      }
    }
    return badAnswers(t, seen.captured.value).map((text) => ({ text, symptom: 'request-not-answered' }));
  });
}

/** The backend sees the real client (router0's address and port), as DSR keeps it; SNAT would show a node's. */
export function dsrBackendSeesClient(t: Lab, traffic: DsrTraffic): Check {
  return dsrCheck(t, `the echo server behind ${service(t)} logs each flow's real client, ${t.router.name}'s address and port, not a node's`, traffic, (seen, say) => {
    for (const { flow } of seen.flows) if (!seen.loggedClients.has(flow.client)) say(flow, 'the echo log has no request from the real client', 'client-not-seen');
    return [];
  });
}
