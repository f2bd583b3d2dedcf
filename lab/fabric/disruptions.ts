// What the failover specs do to a server, through the fabric contract (lab/fabric/fabric-contract.ts): the actions a crash
// or an operator takes on the real lab, each with the one that undoes it. Both fabrics implement them
// (lab/netns/disruptions.ts, lab/kind/disruptions.ts); the specs then judge what router0 and BIRD did.
import type { Executor } from '../exec/command.js';
import { server as serverNode, type Lab } from '../description/index.js';

export interface Disruptions {
  /** Why this fabric makes no disruption at all, where it makes none: a lab the harness only attached to. */
  readonly refused?: string | undefined;
  /**
   * Why this fabric cannot keep a crashed speaker down, where it cannot; absent where it can. Example:
   * "the Cilium DaemonSet starts a new agent at once" (kind).
   */
  readonly cannotKeepSpeakerDown?: string | undefined;
  /**
   * The server's Cilium speaker dies without a NOTIFICATION, as in a crash or an agent restart.
   * netns: SIGKILL to its GoBGP. kind: the node's Cilium agent pod deleted (its DaemonSet starts another).
   */
  killSpeaker(server: string): Promise<void>;
  /**
   * The speaker back as the agent brings it back after a restart, in graceful restart's restarting state,
   * its routes advertised. netns: GoBGP started again. kind: waits for the node's new agent pod to be Ready.
   */
  startSpeaker(server: string): Promise<void>;
  /**
   * The speaker stops advertising and closes its session with a NOTIFICATION (Cease), as Cilium does when
   * the node is no longer selected. netns: SIGTERM to GoBGP, which stops every neighbor with Cease, as
   * Cilium stops a BGP instance. kind: the node loses the label the CiliumBGPClusterConfig selects.
   */
  withdrawSpeaker(server: string): Promise<void>;
  /** Undoes withdrawSpeaker. netns: GoBGP started again. kind: the label put back. */
  restoreSpeaker(server: string): Promise<void>;
  /**
   * Records why LAB_REUSE=1 must refuse this fabric (a disruption under way, or one that could not be
   * undone); undefined clears it once the fabric is whole again.
   */
  markUnusable(reason: string | undefined): void;
}

/**
 * The server's link to router0 (net0) down, or up again with its default route through router0: the
 * same commands on both fabrics, through the server's node executor (its own network namespace), so not
 * a part of Disruptions. Taking net0 down also removes the default route through it; up puts it back.
 */
export async function setUplink(node: Executor, t: Lab, server: string, state: 'up' | 'down'): Promise<void> {
  const { uplink, defaultGateway } = serverNode(t, server);
  await node.run(['ip', 'link', 'set', uplink, state]);
  if (state === 'up') await node.run(['ip', 'route', 'replace', 'default', 'via', defaultGateway, 'dev', uplink]);
}
