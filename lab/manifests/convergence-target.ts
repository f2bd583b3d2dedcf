// What the convergence wait can expect of a cluster's intent, on either fabric: the servers whose Cilium
// speaker runs, and which of them advertise the lab's VIP (lab/fabric/converge.ts). Kubernetes nodes map to the
// lab's servers by the kind node each shares.
import { claimedTarget, type ConvergenceTarget } from '../fabric/converge.js';
import { serverNames, serverOfKindNode, type Lab } from '../description/index.js';
import { NetnsCannotRun } from './fields.js';
import { readClusterIntent, type ClusterIntent } from './intent.js';

export function convergenceTarget(t: Lab, intent: ClusterIntent): ConvergenceTarget {
  const vip = `${t.service.vip}/32`;
  const running = intent.speakers.flatMap((i) => {
    const server = serverOfKindNode(t, i.node);
    return server ? [{ server, advertisesVip: i.peers.some((p) => p.routes.some((r) => r.prefix === vip)) }] : [];
  });
  const speakers = serverNames(t).filter((s) => running.some((r) => r.server === s));
  return { speakers, vipAdvertisers: speakers.filter((s) => running.some((r) => r.server === s && r.advertisesVip)) };
}

/**
 * The target of a folder of manifests for a fabric that applies them as they are (kind): where the
 * reader declines something only the netns fabric lacks, the lab's claims are the target.
 */
export function convergenceTargetOf(t: Lab, manifests: string, kindConfig: string): ConvergenceTarget {
  try {
    return convergenceTarget(t, readClusterIntent(manifests, kindConfig));
  } catch (error) {
    if (error instanceof NetnsCannotRun) return claimedTarget(t);
    throw error;
  }
}
