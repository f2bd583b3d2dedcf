// What the captures of the servers' net0 say about each TCP flow to the LoadBalancer VIP: where its SYN
// came in, where its SYN-ACK went out, what left each node from the VIP, and what was tunnelled which
// way. Directions come from the captures (one per direction, capturing.ts): a SYN counts as entering a
// node only if the node received it, a reply as leaving only if the node sent it.
import type { GeneveOption } from '../pcap/geneve.js';
import type { Frame } from '../pcap/frame.js';
import { DSR_OPTION_CLASS, DSR_OPTION_TYPE, DSR_OPTION_WORDS } from '../fabric/cilium-wire.js';
import type { DirectedFrames } from './capturing.js';


export interface Service {
  readonly vip: string;
  readonly port: number;
}

export interface TunnelledPacket {
  readonly node: string;
  /** in: the node received it; out: the node sent it */
  readonly direction: 'in' | 'out';
  readonly frame: number;
  /** outer addresses and UDP destination port: "10.0.2.2 -> 10.0.1.2:6081" */
  readonly outer: string;
  /** inner destination: "10.1.0.1:8080" */
  readonly innerDestination: string;
  readonly vni: number;
  readonly syn: boolean;
  /** the service a DSR option names ("20.1.10.2:80"), if the packet carries one */
  readonly dsrService?: string;
}

/** A packet to the client that a node sent from another address than the VIP. Example: {"node":"server0","source":"10.1.0.1:8080","frame":3} */
export interface ForeignReply {
  readonly node: string;
  readonly source: string;
  readonly frame: number;
}

export interface FlowObservation {
  /** the client as the VIP sees it: "10.0.2.1:20001" */
  readonly client: string;
  /** nodes that received the client's SYN to the VIP (a retransmitted SYN counts once) */
  readonly synIn: string[];
  /** nodes that sent the VIP's SYN-ACK to the client (likewise) */
  readonly synAckOut: string[];
  /** packets from the VIP to the client that each node sent */
  readonly fromVip: Partial<Record<string, number>>;
  /** packets to the client from any other address that a node sent: an untranslated backend reply */
  readonly fromElsewhere: ForeignReply[];
  readonly tunnelled: TunnelledPacket[];
}

const SYN = 0x02;
const ACK = 0x10;

export function dsrServiceOf(option: GeneveOption): string | undefined {
  if (option.class !== DSR_OPTION_CLASS || option.type !== DSR_OPTION_TYPE || option.length !== DSR_OPTION_WORDS) return undefined;
  const bytes = Buffer.from(option.data, 'hex');
  return `${[...bytes.subarray(0, 4)].join('.')}:${bytes.readUInt16BE(4)}`;
}

function addOnce(nodes: string[], node: string): void {
  if (!nodes.includes(node)) nodes.push(node);
}

const isSyn = (flags: number | undefined): boolean => flags !== undefined && (flags & (SYN | ACK)) === SYN;
const isSynAck = (flags: number | undefined): boolean => flags !== undefined && (flags & (SYN | ACK)) === (SYN | ACK);

export function observeFlows(service: Service, captures: Partial<Record<string, DirectedFrames>>): Map<string, FlowObservation> {
  const flows = new Map<string, FlowObservation>();
  const flow = (client: string): FlowObservation => {
    let found = flows.get(client);
    if (!found) {
      found = { client, synIn: [], synAckOut: [], fromVip: {}, fromElsewhere: [], tunnelled: [] };
      flows.set(client, found);
    }
    return found;
  };
  const byNode = Object.entries(captures) as [string, DirectedFrames][];
  const both = (d: DirectedFrames): [Frame, 'in' | 'out'][] => [...d.in.map((f): [Frame, 'in'] => [f, 'in']), ...d.out.map((f): [Frame, 'out'] => [f, 'out'])];
  // First what the clients sent (which tells the flows apart), then what came back to them.
  for (const [node, directed] of byNode) {
    for (const [f, direction] of both(directed)) {
      const ip = f.outer;
      if (ip?.proto === 17 && f.geneve && f.inner) {
        const option = f.geneve.options.map(dsrServiceOf).find((s) => s !== undefined);
        flow(`${f.inner.src}:${f.inner.sport}`).tunnelled.push({
          node,
          direction,
          frame: f.frame,
          outer: `${ip.src} -> ${ip.dst}:${ip.dport}`,
          innerDestination: `${f.inner.dst}:${f.inner.dport}`,
          vni: f.geneve.vni,
          syn: isSyn(f.tcpFlags),
          ...(option ? { dsrService: option } : {}),
        });
      } else if (ip?.proto === 6 && ip.dst === service.vip && ip.dport === service.port && isSyn(f.tcpFlags)) {
        const observation = flow(`${ip.src}:${ip.sport}`);
        if (direction === 'in') addOnce(observation.synIn, node);
      }
    }
  }
  for (const [node, directed] of byNode) {
    for (const f of directed.out) {
      const ip = f.outer;
      if (ip?.proto !== 6 || f.geneve) continue;
      const observation = flows.get(`${ip.dst}:${ip.dport}`);
      if (!observation) continue;
      if (ip.src === service.vip && ip.sport === service.port) {
        observation.fromVip[node] = (observation.fromVip[node] ?? 0) + 1;
        if (isSynAck(f.tcpFlags)) addOnce(observation.synAckOut, node);
      } else {
        observation.fromElsewhere.push({ node, source: `${ip.src}:${ip.sport}`, frame: f.frame });
      }
    }
  }
  return flows;
}

/** One line per flow, for failure messages; retransmitted packets are counted, not repeated. */
export function describeFlow(f: FlowObservation): string {
  const tunnels = new Map<string, string[]>();
  for (const p of f.tunnelled) {
    const what = `GENEVE ${p.syn ? 'SYN' : 'packets'} ${p.outer} to ${p.innerDestination} vni ${p.vni} ${p.dsrService ? `with DSR option ${p.dsrService}` : 'without DSR option'}`;
    tunnels.set(what, [...(tunnels.get(what) ?? []), `${p.node} ${p.direction}`]);
  }
  const seen = (nodes: string[]): string =>
    [...new Set(nodes)].map((node) => `${node} x${nodes.filter((n) => n === node).length}`).join(', ');
  return [
    `${f.client}: SYN in on {${f.synIn.join(', ')}}, SYN-ACK out on {${f.synAckOut.join(', ')}}`,
    `from VIP ${JSON.stringify(f.fromVip)}`,
    ...[...tunnels].map(([what, nodes]) => `${what} seen on ${seen(nodes)}`),
    ...(f.fromElsewhere.length ? [`replies not from the VIP: ${f.fromElsewhere.map((r) => `${r.node} from ${r.source} (frame ${r.frame})`).join('; ')}`] : []),
  ].join('; ');
}
