// The three ways a server stops advertising for good in the failover spec, how each is made and undone
// through the fabric contract, and the bound within which router0 must drop the server's next hop, with
// where that bound comes from: the speaker's graceful restart time (lab/claims.yaml's promise, which
// test/manifests-claims.test.ts holds the manifests to) and the router's BIRD session to the server.
import { setUplink } from '../disruptions.js';
import type { Fabric } from '../fabric-contract.js';
import { nodeIp, type Lab } from '../description/index.js';

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
  describe(server: string): string;
  /** the server's net0 is down meanwhile, so nothing can be captured there */
  readonly uplinkDown: boolean;
  disrupt(fabric: Fabric, server: string, t: Lab): Promise<void>;
  undo(fabric: Fabric, server: string, t: Lab): Promise<void>;
  /** why this fabric cannot make it, if it cannot */
  skipOn(fabric: Fabric): string | undefined;
  bound(t: Lab, server: string): Bound;
}

/**
 * How long router0 keeps a server's routes once its link is gone, from router0's BIRD config: a
 * `direct` session ends when the link goes down; any other ends when its hold time runs out.
 */
export function linkLossBound(t: Lab, server: string): Bound {
  const { router } = t;
  const session = router.bird.sessions.find((s) => s.neighborAddress === nodeIp(t, server));
  const where = `${router.bird.shown}${session ? `, protocol ${session.protocol}` : ''}`;
  if (session && !session.multihop) {
    return { protocolMs: 0, why: `${router.name}'s session to ${server} is direct (${where}), which BIRD ends as soon as the link goes down` };
  }
  const hold = session?.holdTimeSeconds ?? BIRD_DEFAULT_HOLD_S;
  return { protocolMs: hold * 1000, why: `${router.name}'s session to ${server} is not direct, so only its hold time (${where}) ends it` };
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
    bound: (t) => {
      const restart = t.claims.restartTimeSeconds;
      return { protocolMs: restart * 1000, why: "BIRD keeps the routes of a speaker lost without a NOTIFICATION for the speaker's graceful restart time (the lab's promise, lab/claims.yaml)" };
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
    describe: (server) => `${server}'s uplink goes down`,
    uplinkDown: true,
    disrupt: (fabric, server, t) => setUplink(fabric.node(server), t, server, 'down'),
    undo: (fabric, server, t) => setUplink(fabric.node(server), t, server, 'up'),
    skipOn: refused,
    bound: (t, server) => linkLossBound(t, server),
  },
];
