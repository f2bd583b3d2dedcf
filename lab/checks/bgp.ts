// The BGP and routing properties of the lab as checks over the fabric contract.
import type { BgpSession, Fabric } from '../fabric-contract.js';
import { birdCommunities } from '../bird/routes.js';
import { birdRoutes, birdSessions, gatewaysShape, kernelPaths, kernelRouteShapes, kernelRoutes } from '../probes/routing.js';
import {
  communityText,
  expectedBirdSessions,
  nodeIp,
  serverNames,
  type NodeName,
  type ServerName,
  type Topology,
} from '../topology.js';
import { compareSets, type Check } from './check.js';

function describeSession(name: string, s: Pick<BgpSession, 'neighborAddress' | 'neighborAs' | 'localAs'>): string {
  return `${name} (${s.neighborAddress} AS${s.neighborAs}, local AS${s.localAs})`;
}

/** Exactly the node's expected BIRD sessions are Established. */
export function birdSessionsEstablished(fabric: Fabric, t: Topology, node: NodeName): Check {
  const expected = expectedBirdSessions(t, node);
  return {
    title: `${node}: BIRD sessions ${expected.map((s) => `${s.protocol} (${s.neighborAddress})`).join(', ')} are Established`,
    async run() {
      const sessions = await birdSessions(fabric, node);
      const established = [...sessions.value].filter(([, s]) => s.state === 'Established');
      const states = [...sessions.value].map(([name, s]) => `${describeSession(name, s)}: ${s.state}`);
      return compareSets(
        `${node}: Established BIRD sessions`,
        expected.map((s) => describeSession(s.protocol, s)),
        established.map(([name, s]) => describeSession(name, s)),
        states.join('\n') || 'no BGP protocols',
      );
    },
  };
}

/** The server's Cilium speaker has exactly its session to the node's BIRD, Established. */
export function speakerSessionEstablished(fabric: Fabric, t: Topology, server: ServerName): Check {
  const { speaker, asn } = t.nodes[server];
  const expected = describeSession('cilium', { neighborAddress: speaker.peerAddress, neighborAs: asn, localAs: speaker.asn });
  return {
    title: `${server}: the Cilium speaker's session to BIRD (${speaker.peerAddress} AS${asn}) is Established`,
    async run() {
      const sessions = await fabric.speakerSessions(server);
      return compareSets(
        `${server}: Established sessions of the Cilium speaker (AS${speaker.asn})`,
        [expected],
        sessions.filter((s) => s.state === 'Established').map((s) => describeSession('cilium', s)),
        sessions.map((s) => `${describeSession('cilium', s)}: ${s.state}`).join('\n') || 'the speaker has no neighbors',
      );
    },
  };
}

const vipPrefix = (t: Topology): string => `${t.service.vip}/32`;

/** router0's BIRD has a path for the VIP from each server, each with the LoadBalancer community. */
export function vipPathsInRouterBird(fabric: Fabric, t: Topology): Check {
  const community = communityText(t.service.community);
  const describe = (nextHop: string, communities: readonly string[]): string =>
    `via ${nextHop} ${communities.includes(community) ? 'with' : 'without'} community ${community}`;
  return {
    title: `router0: BIRD has ${vipPrefix(t)} from server0 and server1 with community ${community}`,
    async run() {
      const routes = await birdRoutes(fabric, 'router0', vipPrefix(t));
      return compareSets(
        `router0: BIRD paths for ${vipPrefix(t)}`,
        serverNames.map((s) => describe(nodeIp(t, s), [community])),
        routes.value.map((r) => describe(r.nextHops[0]?.via ?? r.type, birdCommunities(r))),
        routes.raw,
      );
    },
  };
}

/** router0's kernel FIB has one route for the VIP with a next hop per server (merged equal paths). */
export function vipMultipathInRouterFib(fabric: Fabric, t: Topology): Check {
  return {
    title: `router0: the kernel FIB routes ${vipPrefix(t)} via server0 and server1`,
    async run() {
      const routes = await kernelRoutes(fabric, 'router0', vipPrefix(t));
      // Exactly one route, whose next hops are the servers: not the servers' paths spread over routes.
      return compareSets(
        `router0: kernel FIB routes for ${vipPrefix(t)}`,
        [gatewaysShape(serverNames.map((s) => nodeIp(t, s)))],
        kernelRouteShapes(routes.value),
        routes.raw,
      );
    },
  };
}

/** A server never installs the VIP in its own FIB (the 65000:300 kernel-export filter). */
export function vipAbsentFromServerFib(fabric: Fabric, t: Topology, server: ServerName): Check {
  return {
    title: `${server}: the kernel FIB has no route for ${vipPrefix(t)}`,
    async run() {
      const routes = await kernelRoutes(fabric, server, vipPrefix(t));
      return compareSets(`${server}: kernel FIB paths for ${vipPrefix(t)}`, [], kernelPaths(routes.value), routes.raw);
    },
  };
}
