// The BGP and routing properties of the lab as checks over the fabric contract.
import { SpeakerNotAnswering, type BgpSession, type Fabric } from '../fabric/fabric-contract.js';
import { birdCommunities } from '../bird/routes.js';
import { birdRoutes, birdSessions, gatewaysShape, kernelPaths, kernelRouteShapes, kernelRoutes } from '../probes/routing.js';
import { communityText, expectedBirdSessions, expectedSpeakerSessions, labNode, listText, nodeIp, type Lab } from '../description/index.js';
import { compareSets, fail, withFigures, type Check } from './check.js';
import { sessionsFigure } from './session-figure.js';

/** A session by what identifies it, neighbor and ASes: "10.0.1.2 AS65001, local AS65001". Names are for evidence only. */
function sessionKey(s: Pick<BgpSession, 'neighborAddress' | 'neighborAs' | 'localAs'>): string {
  return `${s.neighborAddress} AS${s.neighborAs}, local AS${s.localAs}`;
}

/** Exactly the sessions the node's BIRD config has are Established: none missing, none more. */
export function birdSessionsEstablished(fabric: Fabric, t: Lab, node: string): Check {
  const expected = expectedBirdSessions(t, node);
  const config = labNode(t, node).bird.shown;
  return {
    title: `${node}: BIRD's sessions ${expected.map((s) => `${s.neighborAddress} AS${s.neighborAs}`).join(', ')} (${config}) are Established`,
    async run() {
      const sessions = await birdSessions(fabric, node);
      const established = [...sessions.value].filter(([, s]) => s.state === 'Established');
      const states = [...sessions.value].map(([name, s]) => `${sessionKey(s)} (protocol ${name}): ${s.state}`);
      return withFigures(compareSets(
        `${node}: Established BIRD sessions`,
        expected.map(sessionKey),
        established.map(([, s]) => sessionKey(s)),
        [`configured in ${config}: ${expected.map((s) => `${sessionKey(s)} (protocol ${s.protocol})`).join('; ')}`, ...states].join('\n'),
        { missing: 'session-not-established', unexpected: 'session-not-configured' },
      ), sessionsFigure(node, false, expected, [...sessions.value.values()]));
    },
  };
}

/**
 * The server's Cilium speaker has exactly its configured sessions Established: the peers the manifests
 * give it, and the one its node's BIRD keeps for a local speaker (so that a speaker the manifests forgot fails too).
 */
export function speakerSessionEstablished(fabric: Fabric, t: Lab, server: string): Check {
  const expected = expectedSpeakerSessions(t, server);
  return {
    title: `${server}: the Cilium speaker's sessions ${expected.map((s) => `${s.neighborAddress} AS${s.neighborAs}`).join(', ')} are Established`,
    async run() {
      // A speaker that does not answer has no session to show: that is this claim failing, said as such;
      // any other error is no verdict on it, and is thrown.
      const sessions = await fabric.speakerSessions(server).catch((error: unknown) => {
        if (error instanceof SpeakerNotAnswering) return error;
        throw error;
      });
      if (sessions instanceof SpeakerNotAnswering) return fail(`${server}: the Cilium speaker does not answer, so none of its sessions is Established: ${sessions.message.split('\n')[0]}`, 'speaker-not-answering');
      return withFigures(compareSets(
        `${server}: Established sessions of the Cilium speaker`,
        expected.map(sessionKey),
        sessions.filter((s) => s.state === 'Established').map(sessionKey),
        sessions.map((s) => `${sessionKey(s)}: ${s.state}`).join('\n') || 'the speaker has no neighbors',
        { missing: 'session-not-established', unexpected: 'session-not-configured' },
      ), sessionsFigure(server, true, expected, sessions));
    },
  };
}

const vipPrefix = (t: Lab): string => `${t.service.vip}/32`;

/** router0's BIRD has a path for the VIP from each server, each with the LoadBalancer community. */
export function vipPathsInRouterBird(fabric: Fabric, t: Lab): Check {
  const community = communityText(t.service.community);
  const describe = (nextHop: string, communities: readonly string[]): string =>
    `via ${nextHop} ${communities.includes(community) ? 'with' : 'without'} community ${community}`;
  return {
    title: `${t.router.name}: BIRD has ${vipPrefix(t)} from ${listText(t.service.advertisedBy)} with community ${community}`,
    async run() {
      const routes = await birdRoutes(fabric, t.router.name, vipPrefix(t));
      return compareSets(
        `${t.router.name}: BIRD paths for ${vipPrefix(t)}`,
        t.service.advertisedBy.map((s) => describe(nodeIp(t, s), [community])),
        routes.value.map((r) => describe(r.nextHops[0]?.via ?? r.type, birdCommunities(r))),
        routes.raw,
        { missing: 'bird-path-missing', unexpected: 'bird-path-unexpected' },
      );
    },
  };
}

/** router0's kernel FIB has one route for the VIP with a next hop per server (merged equal paths). */
export function vipMultipathInRouterFib(fabric: Fabric, t: Lab): Check {
  return {
    title: `${t.router.name}: the kernel FIB routes ${vipPrefix(t)} via ${listText(t.service.advertisedBy)}`,
    async run() {
      const routes = await kernelRoutes(fabric, t.router.name, vipPrefix(t));
      // Exactly one route, whose next hops are the servers: not the servers' paths spread over routes.
      return compareSets(
        `${t.router.name}: kernel FIB routes for ${vipPrefix(t)}`,
        [gatewaysShape(t.service.advertisedBy.map((s) => nodeIp(t, s)))],
        kernelRouteShapes(routes.value),
        routes.raw,
        { missing: 'fib-path-missing', unexpected: 'fib-path-unexpected' },
      );
    },
  };
}

/** A server never installs the VIP in its own FIB (the 65000:300 kernel-export filter). */
export function vipAbsentFromServerFib(fabric: Fabric, t: Lab, server: string): Check {
  return {
    title: `${server}: the kernel FIB has no route for ${vipPrefix(t)}`,
    async run() {
      const routes = await kernelRoutes(fabric, server, vipPrefix(t));
      return compareSets(`${server}: kernel FIB paths for ${vipPrefix(t)}`, [], kernelPaths(routes.value), routes.raw, { missing: 'fib-path-missing', unexpected: 'vip-in-server-fib' });
    },
  };
}
