// Cilium's BGP control plane v2 resources (cilium.io/v2, Cilium 1.18), read as its operator and agent
// read them (pkg/k8s/apis/cilium.io/v2/bgp_{cluster,peer,advert}_types.go and SetDefaults; operator/pkg/
// bgpv2/cluster.go; pkg/bgpv1/manager/reconcilerv2/{neighbor,peer_advertisements,service}.go):
// - a CiliumBGPClusterConfig selects nodes by their labels (no nodeSelector: every node);
// - a peer without peerAddress is skipped; one whose peerConfigRef names no CiliumBGPPeerConfig is
//   skipped; one without peerConfigRef comes up with the defaults and advertises nothing;
// - a family's `advertisements` selector picks CiliumBGPAdvertisements by their labels (absent: none);
// - a Service advertisement's selector picks Services by labels plus io.kubernetes.service.{name,
//   namespace} (absent: none).
import { Address4, Address6 } from 'ip-address';
import { bounded, standardCommunity } from './crd-rules.js';
import { invalid, ManifestError, notImplemented, where, type ResourceRef } from './fields.js';
import type { RawResource } from './load.js';
import { readSelector, type LabelSelector } from './selectors.js';

/** A peer of a BGP instance. Example: {"name":"65001","address":"127.0.0.1","asn":65001,"configRef":"cilium-peer"} */
export interface PeerSpec {
  readonly name: string;
  /** absent: the agent skips the peer */
  readonly address?: string;
  readonly asn: number;
  /** absent: defaults, and no advertisements */
  readonly configRef?: string;
  readonly path: string;
}

export interface ClusterConfig {
  readonly ref: ResourceRef;
  readonly nodeSelector?: LabelSelector;
  readonly localAsn: number;
  readonly peers: readonly PeerSpec[];
}

/** A CiliumBGPPeerConfig with Cilium's defaults applied (SetDefaults). */
export interface PeerConfig {
  readonly ref: ResourceRef;
  readonly peerPort: number;
  readonly connectRetrySeconds: number;
  readonly holdTimeSeconds: number;
  readonly keepAliveSeconds: number;
  readonly gracefulRestart: { readonly enabled: boolean; readonly restartTimeSeconds: number };
  /** ipv4/unicast families and the advertisements each selects */
  readonly families: readonly { readonly afi: 'ipv4'; readonly safi: 'unicast'; readonly advertisements?: LabelSelector }[];
}

/** One Service advertisement of a CiliumBGPAdvertisement. Example: {"selector":{...},"communities":["65000:300"]} */
export interface ServiceAdvertisement {
  readonly ref: ResourceRef;
  readonly labels: Readonly<Record<string, string>>;
  readonly selector?: LabelSelector;
  readonly communities: readonly string[];
  readonly localPreference?: number;
}

/** Defaults of CiliumBGPPeerConfigSpec.SetDefaults (bgp_peer_types.go). */
export const PEER_DEFAULTS = { peerPort: 179, connectRetrySeconds: 120, holdTimeSeconds: 90, keepAliveSeconds: 30, restartTimeSeconds: 120 } as const;

export function readClusterConfig(r: RawResource): ClusterConfig {
  r.metadata.done();
  const spec = r.fields.object('spec');
  r.fields.done();
  const nodeSelector = readSelector(spec, 'nodeSelector');
  const instances = spec.objects('bgpInstances');
  spec.done();
  if (instances.length !== 1) throw notImplemented(r.ref, 'spec.bgpInstances', `${instances.length} instances`, 'is not one BGP instance, the only shape the netns fabric runs');
  const instance = instances[0]!;
  instance.ignore('name');
  const localAsn = instance.number('localASN');
  if (instance.has('localPort')) throw notImplemented(r.ref, `${instance.path}.localPort`, instance.raw('localPort'), 'makes the speaker listen, which the netns fabric does not implement');
  const peers = instance.objects('peers').map((p): PeerSpec => {
    const name = p.string('name');
    const address = p.optionalString('peerAddress');
    if (address !== undefined && Address6.isValid(address) && !Address4.isValid(address)) {
      throw notImplemented(r.ref, `${p.path}.peerAddress`, address, 'is an IPv6 peer, which Cilium dials and the netns fabric, IPv4 only, does not');
    }
    if (address !== undefined && !Address4.isValid(address)) throw invalid(r.ref, `${p.path}.peerAddress`, address, 'an IP address');
    const asn = p.optionalNumber('peerASN') ?? 0;
    if (asn === 0) throw notImplemented(r.ref, `${p.path}.peerASN`, 0, 'leaves the peer AS to be learned, which the netns fabric does not implement');
    const configRef = p.optionalObject('peerConfigRef');
    const refName = configRef?.string('name');
    // v2alpha1's PeerConfigReference also names group and kind, defaulted to the only ones it can be.
    if (configRef && r.apiVersion === 'cilium.io/v2alpha1') {
      const group = configRef.optionalString('group') ?? 'cilium.io';
      const kind = configRef.optionalString('kind') ?? 'CiliumBGPPeerConfig';
      if (group !== 'cilium.io' || kind !== 'CiliumBGPPeerConfig') throw invalid(r.ref, `${configRef.path}`, { group, kind }, 'group cilium.io, kind CiliumBGPPeerConfig');
    }
    configRef?.done();
    p.done();
    return { name, asn, path: p.path, ...(address ? { address } : {}), ...(refName ? { configRef: refName } : {}) };
  });
  instance.done();
  return { ref: r.ref, ...(nodeSelector ? { nodeSelector } : {}), localAsn, peers };
}

export function readPeerConfig(r: RawResource): PeerConfig {
  r.metadata.done();
  const spec = r.fields.object('spec');
  r.fields.done();
  const transport = spec.optionalObject('transport');
  const peerPort = bounded(transport, 'peerPort', [1, 65535], PEER_DEFAULTS.peerPort);
  transport?.done();
  const timers = spec.optionalObject('timers');
  const connectRetrySeconds = bounded(timers, 'connectRetryTimeSeconds', [1, 2147483647], PEER_DEFAULTS.connectRetrySeconds);
  const holdTimeSeconds = bounded(timers, 'holdTimeSeconds', [3, 65535], PEER_DEFAULTS.holdTimeSeconds);
  const keepAliveSeconds = bounded(timers, 'keepAliveTimeSeconds', [1, 65535], PEER_DEFAULTS.keepAliveSeconds);
  timers?.done();
  const gr = spec.optionalObject('gracefulRestart');
  // the CRD requires `enabled` where gracefulRestart is written (required: [enabled])
  const enabled = gr ? gr.optionalBoolean('enabled') : false;
  if (enabled === undefined) throw new ManifestError(`${where(r.ref, 'spec.gracefulRestart.enabled')} is missing: the CRD requires it where gracefulRestart is written`);
  const gracefulRestart = { enabled, restartTimeSeconds: bounded(gr, 'restartTimeSeconds', [1, 4095], PEER_DEFAULTS.restartTimeSeconds) };
  gr?.done();
  // eBGP multihop TTL: 1 by default, enough for the speaker's session over the node's loopback.
  const multihop = bounded(spec, 'ebgpMultihop', [1, 255], 1);
  if (multihop !== 1) throw notImplemented(r.ref, 'spec.ebgpMultihop', multihop);
  const written = spec.objects('families');
  const families = written.map((f) => {
    const afi = f.string('afi');
    const safi = f.string('safi');
    if (afi !== 'ipv4' || safi !== 'unicast') throw notImplemented(r.ref, f.path, `${afi}/${safi}`, 'is a family the netns fabric does not implement (it runs IPv4 unicast; ipv6.enabled is false in the values)');
    const advertisements = readSelector(f, 'advertisements');
    f.done();
    return { afi: 'ipv4' as const, safi: 'unicast' as const, ...(advertisements ? { advertisements } : {}) };
  });
  spec.done();
  if (written.length === 0) throw notImplemented(r.ref, 'spec.families', [], 'means IPv4 and IPv6 unicast (Cilium\'s default); the netns fabric implements IPv4 only: list the ipv4/unicast family');
  if (keepAliveSeconds > holdTimeSeconds) throw invalid(r.ref, 'spec.timers.keepAliveTimeSeconds', keepAliveSeconds, `no more than holdTimeSeconds (${holdTimeSeconds})`);
  return { ref: r.ref, peerPort, connectRetrySeconds, holdTimeSeconds, keepAliveSeconds, gracefulRestart, families };
}

export function readAdvertisements(r: RawResource): ServiceAdvertisement[] {
  const labels = r.metadata.stringMap('labels');
  r.metadata.done();
  const spec = r.fields.object('spec');
  r.fields.done();
  const adverts = spec.objects('advertisements').map((a): ServiceAdvertisement => {
    const type = a.string('advertisementType');
    if (type !== 'Service') throw notImplemented(r.ref, `${a.path}.advertisementType`, type, 'is an advertisement type the netns fabric does not implement (it implements Service)');
    const service = a.object('service');
    const addresses = service.strings('addresses');
    service.done();
    if (addresses.length !== 1 || addresses[0] !== 'LoadBalancerIP') throw notImplemented(r.ref, `${service.path}.addresses`, addresses, 'is not [LoadBalancerIP], the only Service address the netns fabric advertises');
    const selector = readSelector(a, 'selector');
    const attributes = a.optionalObject('attributes');
    const communities = attributes?.optionalObject('communities');
    const standard = (communities?.strings('standard') ?? []).map((c, i) => {
      const read = standardCommunity(c);
      if (read === undefined) throw invalid(r.ref, `${communities!.path}.standard[${i}]`, c, "a standard community as the CRD's pattern takes it: <0-65535>:<0-65535> or a 32-bit decimal, no leading zeros");
      return read;
    });
    communities?.done();
    const localPreference = attributes?.optionalNumber('localPreference');
    attributes?.done();
    a.done();
    return { ref: r.ref, labels, ...(selector ? { selector } : {}), communities: standard, ...(localPreference !== undefined ? { localPreference } : {}) };
  });
  spec.done();
  return adverts;
}
