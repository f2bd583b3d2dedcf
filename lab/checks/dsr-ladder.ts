// The DSR flows as ladders for the run's page, from what the captures of the servers' uplinks saw of
// each flow (flows.ts): the client's SYN into the node the router picked, the packets that node tunnelled
// on to the backend's node in GENEVE (VNI, DSR option) and that node received, and the replies that left
// a node to the client, each with the capture (node, interface, direction, file) that saw it.
import type { Lab } from '../description/index.js';
import type { DsrFlows } from './dsr-traffic.js';
import type { DsrFlowsFigure, DsrLadder, LadderPacket } from './figures.js';
import type { FlowObservation, TunnelledPacket } from './flows.js';

/** The capture file of `node` in `direction` among `files` (NODE-INTERFACE-DIRECTION.pcap), with its interface. */
function captureOf(files: readonly string[], node: string, direction: 'in' | 'out'): { interface: string; capture?: string } {
  for (const file of files) {
    const name = file.split('/').pop()!;
    if (name.startsWith(`${node}-`) && name.endsWith(`-${direction}.pcap`)) return { interface: name.slice(node.length + 1, -`-${direction}.pcap`.length), capture: file };
  }
  return { interface: '?' };
}

const nodeAt = (t: Lab, address: string): string =>
  [t.router, ...t.servers].find((n) => n.interfaces.some((i) => i.cidr.split('/')[0] === address))?.name ?? address;

/** Tunnelled packets grouped by what they are (retransmissions and later packets counted), SYNs and senders first. */
function tunnelGroups(packets: readonly TunnelledPacket[]): TunnelledPacket[][] {
  const groups = new Map<string, TunnelledPacket[]>();
  for (const p of packets) {
    const key = [p.syn, p.node, p.direction, p.outer, p.innerDestination, p.vni, p.dsrService ?? ''].join('|');
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].sort((a, b) => Number(b[0]!.syn) - Number(a[0]!.syn) || (a[0]!.direction === 'out' ? -1 : 1) - (b[0]!.direction === 'out' ? -1 : 1));
}

export function dsrLadder(t: Lab, files: readonly string[], f: FlowObservation, service: string, problems: readonly string[] = []): DsrLadder {
  const client = t.router.name;
  const packets: LadderPacket[] = [];
  for (const node of f.synIn) packets.push({ from: client, to: node, what: `SYN to ${service}`, count: 1, node, direction: 'in', ...captureOf(files, node, 'in') });
  for (const group of tunnelGroups(f.tunnelled)) {
    const p = group[0]!;
    const [src, dst] = p.outer.split(' -> ').map((s) => s.replace(/:\d+$/, ''));
    const synWithoutOption = p.syn && p.direction === 'out' && !p.dsrService;
    packets.push({
      from: nodeAt(t, src!), to: nodeAt(t, dst!), what: `GENEVE ${p.syn ? 'SYN' : 'packets'} to ${p.innerDestination}`, vni: p.vni, tunnelled: true,
      ...(p.dsrService ? { dsrService: p.dsrService } : {}), count: group.length, node: p.node, direction: p.direction, frame: p.frame, ...captureOf(files, p.node, p.direction),
      ...(synWithoutOption ? { problem: 'no DSR option' } : !p.syn && p.dsrService ? { problem: 'DSR option beyond the SYN' } : {}),
    });
  }
  for (const node of f.synAckOut) packets.push({ from: node, to: client, what: `SYN-ACK from ${service}`, count: 1, node, direction: 'out', ...captureOf(files, node, 'out') });
  for (const [node, count] of Object.entries(f.fromVip)) {
    if (count && count > f.synAckOut.filter((n) => n === node).length) packets.push({ from: node, to: client, what: `replies from ${service}`, count: count - f.synAckOut.filter((n) => n === node).length, node, direction: 'out', ...captureOf(files, node, 'out') });
  }
  for (const r of f.fromElsewhere) packets.push({ from: r.node, to: client, what: `reply from ${r.source}`, count: 1, node: r.node, direction: 'out', frame: r.frame, ...captureOf(files, r.node, 'out'), problem: `not from ${service}` });
  const lanes = [client, ...new Set(packets.flatMap((p) => [p.from, p.to]).filter((n) => n !== client))];
  return { client: f.client, lanes, packets, ...(problems.length ? { problems } : {}) };
}

/** Every flow of the shared DSR traffic as a ladder; `problems` by client, as the check found them. */
export function dsrFlowsFigure(t: Lab, seen: DsrFlows, problems: ReadonlyMap<string, readonly string[]>): DsrFlowsFigure {
  const service = `${t.service.vip}:${t.service.port}`;
  const files = seen.captured.files;
  return { kind: 'dsr-flows', service, backendNode: seen.backendNode, flows: seen.flows.map(({ flow }) => dsrLadder(t, files, flow, service, problems.get(flow.client) ?? [])), captures: files };
}
