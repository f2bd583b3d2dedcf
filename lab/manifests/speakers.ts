// Which node runs a Cilium BGP speaker, with which peers, advertising which routes: what the operator
// writes into each CiliumBGPNodeConfig and the agent's reconcilers do with it (operator/pkg/bgpv2/
// cluster.go upsertNodeConfigs; pkg/bgpv1/manager/reconcilerv2/neighbor.go, peer_advertisements.go
// GetConfiguredAdvertisements, service.go getLBSvcPaths). A LoadBalancer IP is advertised by every
// selected node under externalTrafficPolicy Cluster, and only by nodes with a backend under Local.
import type { ClusterConfig, PeerConfig, ServiceAdvertisement } from './cilium-bgp.js';
import { PEER_DEFAULTS } from './cilium-bgp.js';
import { NetnsCannotRun, where } from './fields.js';
import type { ClusterNode } from './kind-nodes.js';
import { selects, selectorText, type LabelSelector } from './selectors.js';
import { serviceSelectorLabels, type ServiceWithIp } from './services.js';

/** A route a speaker advertises. Example: {"prefix":"20.1.10.2/32","communities":["65000:300"],"service":"tenant-green/lb-service-green"} */
export interface RouteIntent {
  readonly prefix: string;
  readonly communities: readonly string[];
  readonly localPreference?: number;
  readonly service: string;
}

export interface PeerIntent {
  readonly name: string;
  readonly address: string;
  readonly asn: number;
  readonly port: number;
  readonly connectRetrySeconds: number;
  readonly holdTimeSeconds: number;
  readonly keepAliveSeconds: number;
  readonly gracefulRestart: { readonly enabled: boolean; readonly restartTimeSeconds: number };
  readonly routes: readonly RouteIntent[];
}

/** The speaker of one node. Example: {"node":"bgpv2-bird-coil-worker","localAsn":65002,"peers":[...],"selectedBy":{"bgp":"65001"}} */
export interface SpeakerIntent {
  readonly node: string;
  readonly localAsn: number;
  readonly peers: readonly PeerIntent[];
  /** the node's labels its CiliumBGPClusterConfig's nodeSelector reads: without them it selects the node no more */
  readonly selectedBy: Readonly<Record<string, string>>;
}

/** The labels of `labels` that `selector` reads (its matchLabels and matchExpressions keys). */
function labelsRead(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): Record<string, string> {
  const keys = new Set([...Object.keys(selector?.matchLabels ?? {}), ...(selector?.matchExpressions ?? []).map((e) => e.key)]);
  return Object.fromEntries(Object.entries(labels).filter(([key]) => keys.has(key)));
}

export interface SpeakerInputs {
  readonly nodes: readonly ClusterNode[];
  readonly clusterConfigs: readonly ClusterConfig[];
  readonly peerConfigs: ReadonlyMap<string, PeerConfig>;
  readonly adverts: readonly ServiceAdvertisement[];
  readonly services: readonly ServiceWithIp[];
  /** explanations are appended here */
  readonly notes: string[];
}


function routesFor(node: ClusterNode, adverts: readonly ServiceAdvertisement[], services: readonly ServiceWithIp[]): RouteIntent[] {
  const routes = new Map<string, RouteIntent>();
  for (const advert of adverts) {
    for (const service of services.filter((s) => s.ip !== undefined && selects(advert.selector, serviceSelectorLabels(s)))) {
      if (service.externalTrafficPolicy === 'Local' && !service.backends.some((p) => p.node === node.name)) continue;
      const prefix = `${service.ip}/32`;
      const earlier = routes.get(prefix);
      const communities = [...new Set([...(earlier?.communities ?? []), ...advert.communities])];
      // The highest wins, and an unset one never overrides a set one (reconcilerv2/policies.go mergePolicy:
      // "RFC 4271 states 'The higher degree of preference MUST be preferred.'"): not the order of the advertisements.
      const set = [advert.localPreference, earlier?.localPreference].filter((p): p is number => p !== undefined);
      const localPreference = set.length ? Math.max(...set) : undefined;
      routes.set(prefix, { prefix, communities, service: `${service.namespace}/${service.name}`, ...(localPreference !== undefined ? { localPreference } : {}) });
    }
  }
  return [...routes.values()];
}

function peerIntent(node: ClusterNode, config: ClusterConfig, peer: ClusterConfig['peers'][number], inputs: SpeakerInputs, used: Set<ServiceAdvertisement>): PeerIntent | undefined {
  const at = where(config.ref, peer.path);
  if (!peer.address) {
    inputs.notes.push(`${at} has no peerAddress: Cilium skips the peer`);
    return undefined;
  }
  const peerConfig = peer.configRef === undefined ? undefined : inputs.peerConfigs.get(peer.configRef);
  if (peer.configRef !== undefined && !peerConfig) {
    inputs.notes.push(`${at}.peerConfigRef names CiliumBGPPeerConfig ${peer.configRef}, which no manifest creates: Cilium skips the peer`);
    return undefined;
  }
  if (!peerConfig) {
    // Cilium's default peer config has the families ipv6/unicast and ipv4/unicast (reconcilerv2/neighbor.go
    // getPeerConfig, v2 SetDefaults), as an empty families list does: the netns fabric runs IPv4 only.
    throw new NetnsCannotRun(`${at} has no peerConfigRef: Cilium connects with its default peer config, families ipv6/unicast and ipv4/unicast, and advertises nothing; the netns fabric implements IPv4 only: give the peer a CiliumBGPPeerConfig listing ipv4/unicast (the kind fabric applies it as it is: LAB_FABRIC=kind)`);
  }
  const selected = (peerConfig?.families ?? []).flatMap((f) => inputs.adverts.filter((a) => selects(f.advertisements, a.labels)));
  selected.forEach((a) => used.add(a));
  return {
    name: peer.name,
    address: peer.address,
    asn: peer.asn,
    port: peerConfig?.peerPort ?? PEER_DEFAULTS.peerPort,
    connectRetrySeconds: peerConfig?.connectRetrySeconds ?? PEER_DEFAULTS.connectRetrySeconds,
    holdTimeSeconds: peerConfig?.holdTimeSeconds ?? PEER_DEFAULTS.holdTimeSeconds,
    keepAliveSeconds: peerConfig?.keepAliveSeconds ?? PEER_DEFAULTS.keepAliveSeconds,
    gracefulRestart: peerConfig?.gracefulRestart ?? { enabled: false, restartTimeSeconds: PEER_DEFAULTS.restartTimeSeconds },
    routes: routesFor(node, [...new Set(selected)], inputs.services),
  };
}

export function speakerIntents(inputs: SpeakerInputs): SpeakerIntent[] {
  const used = new Set<ServiceAdvertisement>();
  const speakers: SpeakerIntent[] = [];
  for (const config of inputs.clusterConfigs) {
    const selected = inputs.nodes.filter((n) => config.nodeSelector === undefined || selects(config.nodeSelector, n.labels));
    if (selected.length === 0) {
      inputs.notes.push(`${where(config.ref, 'spec.nodeSelector')} (${selectorText(config.nodeSelector)}) selects no node: no speaker runs (nodes: ${inputs.nodes.map((n) => `${n.name} ${JSON.stringify(n.labels)}`).join('; ')})`);
    }
    for (const node of selected) {
      if (speakers.some((s) => s.node === node.name)) {
        inputs.notes.push(`${where(config.ref, 'spec.nodeSelector')} selects ${node.name}, which an earlier CiliumBGPClusterConfig already has: Cilium skips it (ConflictingClusterConfig)`);
        continue;
      }
      const peers = config.peers.flatMap((p) => peerIntent(node, config, p, inputs, used) ?? []);
      speakers.push({ node: node.name, localAsn: config.localAsn, peers, selectedBy: labelsRead(config.nodeSelector, node.labels) });
    }
  }
  for (const advert of inputs.adverts.filter((a) => !used.has(a))) {
    inputs.notes.push(`${where(advert.ref, '')} (labels ${JSON.stringify(advert.labels)}) is selected by no family of any peer's CiliumBGPPeerConfig: nothing advertises it`);
  }
  for (const service of inputs.services.filter((s) => s.ip !== undefined)) {
    const advertised = inputs.adverts.some((a) => used.has(a) && selects(a.selector, serviceSelectorLabels(service)));
    if (!advertised) inputs.notes.push(`${service.source}: no selected CiliumBGPAdvertisement selects it, so its IP ${service.ip} is not advertised`);
  }
  return speakers;
}
