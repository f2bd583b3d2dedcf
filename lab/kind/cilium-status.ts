// The Cilium speaker's sessions as Cilium reports them: the status of the node's CiliumBGPNodeConfig
// (cilium.io/v2, named after the node; pkg/k8s/apis/cilium.io/v2 bgp_node_types.go). Steadier than the
// tables of `cilium-dbg bgp peers`, which 1.20 deprecates.
import type { BgpSession } from '../fabric/fabric-contract.js';

interface RawPeer {
  peerAddress?: string;
  peerASN?: number;
  peeringState?: string;
}

interface RawNodeConfig {
  metadata?: { name?: string };
  status?: { bgpInstances?: { name?: string; localASN?: number; peers?: RawPeer[] }[] };
}

/** "established" -> "Established", as BIRD and GoBGP name the state. */
function stateName(state: string | undefined): string {
  if (!state) return 'Unknown';
  return state.charAt(0).toUpperCase() + state.slice(1);
}

export function sessionsFromNodeConfig(object: unknown): BgpSession[] {
  const config = object as RawNodeConfig;
  const instances = config.status?.bgpInstances;
  if (!Array.isArray(instances)) {
    throw new Error(`CiliumBGPNodeConfig ${config.metadata?.name ?? '?'} has no status.bgpInstances (is bgpControlPlane.statusReport on?)`);
  }
  return instances.flatMap((instance) =>
    (instance.peers ?? []).map((peer) => {
      if (!peer.peerAddress || !peer.peerASN || !instance.localASN) {
        throw new Error(`CiliumBGPNodeConfig ${config.metadata?.name ?? '?'}: a peer without address or ASN: ${JSON.stringify(peer)}`);
      }
      return { neighborAddress: peer.peerAddress, neighborAs: peer.peerASN, localAs: instance.localASN, state: stateName(peer.peeringState) };
    }),
  );
}
