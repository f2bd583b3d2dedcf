// The three ways a server stops advertising for good in the failover spec, how each is made and undone
// through the fabric contract, and the bound within which router0 must drop the server's next hop, with
// where that bound comes from: the speaker's graceful restart time (the manifests, which topology.ts
// claims and test/manifests-claims.test.ts holds to them) and router0's BIRD config.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setUplink } from '../disruptions.js';
import type { Fabric } from '../fabric-contract.js';
import { repoRoot } from '../paths.js';
import type { ServerName, Topology } from '../topology.js';

/**
 * BIRD's own work between the event and router0's kernel route: server1's BIRD flushes the routes and
 * withdraws them, router0's BIRD updates its kernel table. Measured 0.7 s after a graceful restart ran out
 * (`sudo npx vitest run -t failover` on an idle machine) and 16.0 s in all with three control runs at
 * once; 2 s leaves room for a busy machine.
 */
export const PROCESSING_MS = 2_000;
/** BIRD's hold time when its config sets none (BIRD 2 documentation, BGP "hold time") */
const BIRD_DEFAULT_HOLD_S = 240;

/** How long the routing protocol keeps a server's routes, and why; the bound adds PROCESSING_MS. */
export interface Bound {
  readonly protocolMs: number;
  /** where it comes from, for the check's title */
  readonly why: string;
}

/** "16 s: BIRD keeps ... (15 s), plus 1 s for BIRD and the kernel" */
export const boundMs = (b: Bound): number => b.protocolMs + PROCESSING_MS;
export const boundText = (b: Bound): string => `${boundMs(b) / 1000} s: ${b.why} (${b.protocolMs / 1000} s), plus ${PROCESSING_MS / 1000} s for BIRD and the kernel`;

export interface FailoverWay {
  readonly id: 'speaker-crash' | 'speaker-withdrawn' | 'uplink-down';
  /** what happens to the server: "server1's Cilium speaker crashes and stays down" */
  describe(server: ServerName): string;
  /** the server's net0 is down meanwhile, so nothing can be captured there */
  readonly uplinkDown: boolean;
  disrupt(fabric: Fabric, server: ServerName, t: Topology): Promise<void>;
  undo(fabric: Fabric, server: ServerName, t: Topology): Promise<void>;
  /** why this fabric cannot make it, if it cannot */
  skipOn(fabric: Fabric): string | undefined;
  bound(t: Topology, server: ServerName): Bound;
}

/**
 * How long router0 keeps a server's routes once its link is gone, from router0's BIRD config: a
 * `direct` session ends when the link goes down; any other ends when its hold time runs out.
 */
export function linkLossBound(routerConfig: string): Bound {
  const template = /template bgp \w+ \{([\s\S]*?)\n\}/.exec(routerConfig)?.[1] ?? routerConfig;
  if (/^\s*direct;/m.test(template) && !/^\s*multihop/m.test(template)) {
    return { protocolMs: 0, why: "router0's sessions to the servers are direct (bird/router0.conf), which BIRD ends as soon as the link goes down" };
  }
  const hold = Number(/^\s*hold time (\d+);/m.exec(template)?.[1] ?? BIRD_DEFAULT_HOLD_S);
  return { protocolMs: hold * 1000, why: `router0's sessions to the servers are not direct, so only their hold time (bird/router0.conf) ends them` };
}

const refused = (fabric: Fabric): string | undefined => fabric.disruptions.refused;

export const FAILOVER_WAYS: readonly FailoverWay[] = [
  {
    id: 'speaker-crash',
    describe: (server) => `${server}'s Cilium speaker crashes and stays down`,
    uplinkDown: false,
    disrupt: (fabric, server) => fabric.disruptions.killSpeaker(server),
    undo: (fabric, server) => fabric.disruptions.startSpeaker(server),
    skipOn: (fabric) => refused(fabric) ?? fabric.disruptions.cannotKeepSpeakerDown,
    bound: (t, server) => {
      const restart = t.nodes[server].speaker.gracefulRestartSeconds;
      return { protocolMs: restart * 1000, why: "BIRD keeps the routes of a speaker lost without a NOTIFICATION for the speaker's graceful restart time (CiliumBGPPeerConfig restartTimeSeconds)" };
    },
  },
  {
    id: 'speaker-withdrawn',
    describe: (server) => `${server}'s Cilium speaker is withdrawn (its node deselected)`,
    uplinkDown: false,
    disrupt: (fabric, server) => fabric.disruptions.withdrawSpeaker(server),
    undo: (fabric, server) => fabric.disruptions.restoreSpeaker(server),
    skipOn: refused,
    bound: () => ({ protocolMs: 0, why: 'the speaker closes its session with a NOTIFICATION (Cease), after which BIRD keeps nothing (BIRD 2.0.12 has no graceful restart after a NOTIFICATION)' }),
  },
  {
    id: 'uplink-down',
    describe: (server) => `${server}'s uplink (net0) goes down`,
    uplinkDown: true,
    disrupt: (fabric, server, t) => setUplink(fabric.node(server), t, server, 'down'),
    undo: (fabric, server, t) => setUplink(fabric.node(server), t, server, 'up'),
    skipOn: refused,
    bound: () => linkLossBound(readFileSync(join(repoRoot, 'bird', 'router0.conf'), 'utf8')),
  },
];
