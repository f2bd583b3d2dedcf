// Questions the harness asks of the lab's description: which nodes and servers there are, a server by
// name, the sessions each node's BIRD and each Cilium speaker must have, where a pod runs. All of it
// follows from what read-lab.ts read; nothing here names a node.
import type { BirdSession } from './bird-config.js';
import type { Lab, LabNode, PodRef, ServerNode, SpeakerPeer } from './lab.js';

/** Every node: the router first, then the servers in the topology's order. */
export const nodeNames = (t: Lab): string[] => [t.router.name, ...t.servers.map((s) => s.name)];
export const serverNames = (t: Lab): string[] => t.servers.map((s) => s.name);

export function labNode(t: Lab, name: string): LabNode {
  const node = name === t.router.name ? t.router : t.servers.find((s) => s.name === name);
  if (!node) throw new Error(`no node ${name} in the lab (${nodeNames(t).join(', ')})`);
  return node;
}

export function server(t: Lab, name: string): ServerNode {
  const found = t.servers.find((s) => s.name === name);
  if (!found) throw new Error(`no server ${name} in the lab (${serverNames(t).join(', ')})`);
  return found;
}

/** The address without its prefix length. */
export function hostAddress(cidr: string): string {
  return cidr.split('/')[0]!;
}

/** A server's node IP: the address on its uplink, as kubelet's node-ip is in the real lab. */
export const nodeIp = (t: Lab, name: string): string => server(t, name).nodeIp;

/** The router's address on the link to `server`. */
export const routerAddressTowards = (t: Lab, name: string): string => server(t, name).defaultGateway;

/** The server that shares the kind node named `node`, if any. */
export const serverOfKindNode = (t: Lab, node: string): string | undefined => t.servers.find((s) => s.kindNode === node)?.name;

export function podKey(pod: PodRef): string {
  return `${pod.namespace}/${pod.name}`;
}

/** The server a pod runs on, as the manifests place it. */
export function podServer(t: Lab, pod: PodRef): string {
  const found = t.pods.find((p) => p.namespace === pod.namespace && p.name === pod.name);
  if (!found) throw new Error(`no pod ${podKey(pod)} runs in the lab`);
  return found.server;
}

/** The server the Service's backend runs on. */
export const backendServer = (t: Lab): string => podServer(t, t.service.backend);

/** The servers that advertise the VIP and do not run its backend: flows entering them are tunnelled to it. */
export const serversWithoutBackend = (t: Lab): string[] => t.service.advertisedBy.filter((s) => s !== backendServer(t));

/**
 * The server the disruptive specs and the controls' faults act on: the first that advertises the VIP
 * without running its backend, so that flows through it are tunnelled to the backend (dsr) and its restart
 * or loss tests the paths through it. Example: "server1"
 */
export function disruptedServer(t: Lab): string {
  const server = serversWithoutBackend(t)[0];
  if (server === undefined) throw new Error(`the lab has no server that advertises ${t.service.vip} without running its backend: nothing for the disruptive specs to disrupt`);
  return server;
}

/** Names as a sentence says them: "server0", "server0 and server1", "server0, server1 and server2". */
export function listText(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function communityText([asn, value]: readonly [number, number]): string {
  return `${asn}:${value}`;
}

/** The BGP sessions a node's BIRD runs, as its config says. */
export const expectedBirdSessions = (t: Lab, node: string): readonly BirdSession[] => labNode(t, node).bird.sessions;

/** A server's BIRD session to the router: the one whose neighbor is one of the router's addresses. */
export function routerSession(t: Lab, name: string): BirdSession {
  const routerAddresses = [...t.router.loopbacks, ...t.router.interfaces.map((i) => i.cidr)].map(hostAddress);
  const found = server(t, name).bird.sessions.find((s) => routerAddresses.includes(s.neighborAddress));
  if (!found) throw new Error(`${name}'s BIRD has no session to ${t.router.name}`);
  return found;
}

/** A node's BIRD sessions with a speaker on the node itself (a neighbor on its loopback): its Cilium agent's. */
export function localSpeakerSessions(t: Lab, name: string): BirdSession[] {
  const node = labNode(t, name);
  const own = [...node.loopbacks, ...node.interfaces.map((i) => i.cidr)].map(hostAddress);
  return node.bird.sessions.filter((s) => s.neighborAddress.startsWith('127.') || own.includes(s.neighborAddress));
}

/**
 * The sessions a server's Cilium speaker must have: the peers the manifests give it, and the mirror of
 * each session its node's BIRD keeps for a local speaker, which exists only if the speaker dials it.
 */
export function expectedSpeakerSessions(t: Lab, name: string): SpeakerPeer[] {
  const mirrored = localSpeakerSessions(t, name).map((s) => ({ neighborAddress: s.neighborAddress, neighborAs: s.localAs, localAs: s.neighborAs }));
  const all = [...(t.speakerPeers[name] ?? []), ...mirrored];
  return all.filter((p, i) => all.findIndex((q) => JSON.stringify(q) === JSON.stringify(p)) === i);
}

/** The routers a packet crosses between pods on two servers: source node, the router, destination node. */
export function routersBetween(t: Lab, from: string, to: string): string[] {
  return from === to ? [from] : [from, t.router.name, to];
}
