// The BGP sessions of the lab's drawing: each session the lab's files configure (every node's BIRD, each
// server's Cilium speaker), once, however many ends saw it, with the state the checks saw at its ends;
// and each session a check saw that nobody configured. An end is a node ("server1") or a server's speaker
// ("server1/speaker").
import type { SessionSeen } from '../checks/figures.js';
import { expectedSpeakerSessions, hostAddress, type Lab, type LabNode } from '../description/index.js';

/** One session of the drawing. Example: {"key":"router0|server0|65001|65001","ends":["router0","server0"],"asns":[65001,65001],"state":"Established","configured":true,"views":2} */
export interface DrawnSession {
  readonly key: string;
  readonly ends: readonly [string, string];
  readonly asns: readonly [number, number];
  /** "Established", another state, or undefined: no check saw it */
  readonly state?: string;
  readonly configured: boolean;
  /** how many ends a check saw it from */
  readonly views: number;
}

export const speakerOf = (node: string): string => `${node}/speaker`;

const addressesOf = (n: LabNode): string[] => [...n.loopbacks, ...n.interfaces.map((i) => i.cidr)].map(hostAddress);

/** The key of a session seen from `node` (its speaker's side when `speaker`), to `neighborAddress`. */
function keyOf(t: Lab, node: string, speaker: boolean, neighborAddress: string, asns: readonly number[]): { key: string; ends: [string, string] } {
  const nodes: LabNode[] = [t.router, ...t.servers];
  const own = nodes.find((n) => n.name === node);
  const local = neighborAddress.startsWith('127.') || (own !== undefined && addressesOf(own).includes(neighborAddress));
  const self = speaker ? speakerOf(node) : node;
  const other = local ? (speaker ? node : speakerOf(node)) : (nodes.find((n) => addressesOf(n).includes(neighborAddress))?.name ?? neighborAddress);
  const ends = [self, other].sort() as [string, string];
  return { key: [...ends, ...[...asns].sort()].join('|'), ends };
}

/** Every configured session, and every unconfigured one the checks saw, with the state they saw. */
export function drawnSessions(t: Lab, seen: readonly SessionSeen[]): DrawnSession[] {
  const sessions = new Map<string, { ends: [string, string]; asns: [number, number]; configured: boolean; states: string[] }>();
  const add = (node: string, speaker: boolean, neighborAddress: string, localAs: number, neighborAs: number, configured: boolean): string => {
    const { key, ends } = keyOf(t, node, speaker, neighborAddress, [localAs, neighborAs]);
    if (!sessions.has(key)) sessions.set(key, { ends, asns: [localAs, neighborAs], configured, states: [] });
    return key;
  };
  for (const n of [t.router, ...t.servers]) {
    for (const s of n.bird.sessions) add(n.name, false, s.neighborAddress, s.localAs, s.neighborAs, true);
    // a speaker's session to its own node's BIRD is the same session as BIRD's to it: one key
    if (n.role === 'server') for (const p of expectedSpeakerSessions(t, n.name)) add(n.name, true, p.neighborAddress, p.localAs, p.neighborAs, true);
  }
  for (const s of seen) {
    const key = add(s.node, s.speaker, s.neighborAddress, s.localAs, s.neighborAs, s.configured);
    sessions.get(key)!.states.push(s.state);
  }
  return [...sessions].map(([key, s]) => ({
    key, ends: s.ends, asns: s.asns, configured: s.configured, views: s.states.length,
    ...(s.states.length ? { state: s.states.find((x) => x !== 'Established') ?? 'Established' } : {}),
  }));
}
