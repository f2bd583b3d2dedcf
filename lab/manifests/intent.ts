// The cluster's intent: what Kubernetes, Cilium and Coil would make of a manifests folder on the lab's
// kind nodes. Each resource goes to its reader (one per concern, beside this file); a kind the netns
// fabric does not implement, a namespaced resource in a namespace nobody creates, or any unread field
// stops here, before bring-up. What the resources mean together (which node's speaker advertises which
// route to which peer) is decided in speakers.ts; `notes` say why something the lab expects will not
// happen (an advertisement no family selects, a peer Cilium skips), for the failure that follows.
import { ManifestError, NetnsCannotRun, where } from './fields.js';
import { typoOf } from './typos.js';
import { readAddressPool, type PodPoolIntent } from './coil.js';
import { readAdvertisements, readClusterConfig, readPeerConfig, type ClusterConfig, type PeerConfig, type ServiceAdvertisement } from './cilium-bgp.js';
import { readCniChain, readDatapath, type DatapathIntent } from './datapath.js';
import { readKindNodes, type ClusterNode } from './kind-nodes.js';
import { loadManifests, type RawResource } from './load.js';
import { allocateServiceIps, usablePools } from './lb-ipam.js';
import { readPool, readService, type IpPool, type ServiceIntent, type ServiceWithIp } from './services.js';

export type { ServiceWithIp } from './services.js';
import { speakerIntents, type SpeakerIntent } from './speakers.js';
import { readDeployment, readPod, type PendingPod, type PodIntent } from './workloads.js';

export interface ClusterIntent {
  readonly nodes: readonly ClusterNode[];
  readonly pods: readonly PodIntent[];
  /** the pods no node takes, with why (also in notes) */
  readonly pending: readonly PendingPod[];
  readonly services: readonly ServiceWithIp[];
  readonly speakers: readonly SpeakerIntent[];
  readonly podPool: PodPoolIntent;
  readonly datapath: DatapathIntent;
  /** why something will not happen, e.g. "CiliumBGPAdvertisement x is selected by no family" */
  readonly notes: readonly string[];
}

const NAMESPACED = new Set(['Pod', 'Deployment', 'Service']);
/**
 * The versions each kind is served as. Cilium 1.18 serves its BGP kinds and the LB IP pool as
 * cilium.io/v2 (the storage version) and still as cilium.io/v2alpha1 (crds/v2alpha1/*.yaml: served, not
 * stored; the BGP ones deprecated): the same fields for what the reader reads, but for v2alpha1's
 * peerConfigRef group and kind (cilium-bgp.ts).
 */
const API_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  Namespace: ['v1'], Pod: ['v1'], Service: ['v1'], Deployment: ['apps/v1'],
  CiliumBGPClusterConfig: ['cilium.io/v2', 'cilium.io/v2alpha1'], CiliumBGPPeerConfig: ['cilium.io/v2', 'cilium.io/v2alpha1'],
  CiliumBGPAdvertisement: ['cilium.io/v2', 'cilium.io/v2alpha1'], CiliumLoadBalancerIPPool: ['cilium.io/v2', 'cilium.io/v2alpha1'],
  AddressPool: ['coil.cybozu.com/v2'],
};

function checkKind(r: RawResource, namespaces: ReadonlySet<string>): void {
  const apiVersion = API_VERSIONS[r.ref.kind];
  const meant = apiVersion === undefined ? typoOf(r.ref.kind, Object.keys(API_VERSIONS)) : undefined;
  if (meant !== undefined) throw new ManifestError(`${where(r.ref, 'kind')} = ${JSON.stringify(r.ref.kind)} is no kind the cluster serves: did you mean ${meant}? (kubectl apply would refuse it)`);
  if (apiVersion === undefined) {
    throw new NetnsCannotRun(`${where(r.ref, '')}: kind ${r.ref.kind} (${r.apiVersion}) is not one the netns fabric reads (${Object.keys(API_VERSIONS).join(', ')}); the kind fabric applies it as it is (LAB_FABRIC=kind)`);
  }
  if (!apiVersion.includes(r.apiVersion)) throw new ManifestError(`${where(r.ref, 'apiVersion')} = ${JSON.stringify(r.apiVersion)}: ${r.ref.kind} is served as ${apiVersion.join(' or ')}`);
  if (NAMESPACED.has(r.ref.kind) && !namespaces.has(r.namespace ?? 'default')) {
    throw new ManifestError(`${where(r.ref, 'metadata.namespace')} = ${JSON.stringify(r.namespace)}: no manifest creates that Namespace, so the API server would refuse it`);
  }
  if (!NAMESPACED.has(r.ref.kind) && r.namespace !== undefined) throw new ManifestError(`${where(r.ref, 'metadata.namespace')}: ${r.ref.kind} is cluster-scoped and has no namespace`);
}

/** Reads the manifests folder `dir` against the nodes of the kind cluster config `kindConfig`. */
export function readClusterIntent(dir: string, kindConfig: string): ClusterIntent {
  const nodes = readKindNodes(kindConfig);
  const set = loadManifests(dir);
  const datapath = readDatapath(set.ciliumValues);
  readCniChain(set.cniChain);
  const namespaces = new Set(['default', ...set.resources.filter((r) => r.ref.kind === 'Namespace').map((r) => r.ref.name)]);
  const pods: PodIntent[] = [];
  const services: ServiceIntent[] = [];
  const pools: IpPool[] = [];
  const clusterConfigs: ClusterConfig[] = [];
  const peerConfigs = new Map<string, PeerConfig>();
  const adverts: ServiceAdvertisement[] = [];
  const podPools: PodPoolIntent[] = [];
  const pending: PendingPod[] = [];
  const notes: string[] = [];
  const placed = (pod: PodIntent | PendingPod): void => {
    if ('pending' in pod) {
      pending.push(pod);
      notes.push(pod.pending);
    }
    else pods.push(pod);
  };
  // kubectl apply makes one object of a kind, namespace and name: a later document of the same updates it.
  const last = new Map(set.resources.map((r) => [`${r.ref.kind} ${r.namespace ?? ''}/${r.ref.name}`, r]));
  for (const r of set.resources.filter((r) => last.get(`${r.ref.kind} ${r.namespace ?? ''}/${r.ref.name}`) !== r)) {
    const kept = last.get(`${r.ref.kind} ${r.namespace ?? ''}/${r.ref.name}`)!;
    notes.push(`${r.ref.kind} ${r.ref.name} is written twice (${r.ref.file}, then ${kept.ref.file}): kubectl apply leaves the later, so the reader does`);
  }
  for (const r of set.resources.filter((r) => last.get(`${r.ref.kind} ${r.namespace ?? ''}/${r.ref.name}`) === r)) {
    checkKind(r, namespaces);
    switch (r.ref.kind) {
      case 'Namespace': r.metadata.done(); r.fields.done(); break;
      case 'Pod': placed(readPod(r, nodes)); break;
      case 'Deployment': placed(readDeployment(r, nodes)); break;
      case 'Service': services.push(readService(r)); break;
      case 'CiliumLoadBalancerIPPool': pools.push(readPool(r)); break;
      case 'CiliumBGPClusterConfig': clusterConfigs.push(readClusterConfig(r)); break;
      case 'CiliumBGPPeerConfig': peerConfigs.set(r.ref.name, readPeerConfig(r)); break;
      case 'CiliumBGPAdvertisement': adverts.push(...readAdvertisements(r)); break;
      case 'AddressPool': podPools.push(readAddressPool(r)); break;
    }
  }
  const podPool = podPools[0];
  if (!podPool) throw new ManifestError(`${dir} has no Coil AddressPool "default": pods would get no address`);
  const ips = allocateServiceIps(services, usablePools(pools, notes), notes);
  const withIps = services.map((s): ServiceWithIp => ({
    ...s,
    ...(ips.has(s) ? { ip: ips.get(s)! } : {}),
    // A Service without a selector gets no endpoints from Kubernetes (its EndpointSlices are the user's to make).
    backends: Object.keys(s.selector).length === 0 ? [] : pods.filter((p) => p.namespace === s.namespace && Object.entries(s.selector).every(([k, v]) => p.labels[k] === v)),
  }));
  const speakers = speakerIntents({ nodes, clusterConfigs, peerConfigs, adverts, services: withIps, notes });
  return { nodes, pods, pending, services: withIps, speakers, podPool, datapath, notes: [...new Set(notes)] };
}

/**
 * Where the pods of `dir` run, read alone: what the kind fabric still needs to know of manifests whose
 * other parts the reader refuses as netns-only (an IPv6 peer, a value it does not emulate), which the kind
 * fabric applies as they are.
 */
export function readPlacement(dir: string, kindConfig: string): { pods: PodIntent[]; pending: PendingPod[] } {
  const nodes = readKindNodes(kindConfig);
  const placed = loadManifests(dir).resources.flatMap((r) => (r.ref.kind === 'Pod' ? [readPod(r, nodes, 'placement')] : r.ref.kind === 'Deployment' ? [readDeployment(r, nodes, 'placement')] : []));
  return { pods: placed.filter((p): p is PodIntent => !('pending' in p)), pending: placed.filter((p): p is PendingPod => 'pending' in p) };
}
