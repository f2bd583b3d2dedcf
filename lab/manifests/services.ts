// LoadBalancer Services and the IP Cilium's LB-IPAM gives each, as the operator decides it
// (operator/pkg/lbipam/lbipam.go: isResponsibleForSVC, allocateIPAddress, handleNewPool, settleConflicts;
// pkg/k8s/apis/cilium.io/v2/lbipam_types.go). A pool with no serviceSelector serves every Service; pools
// are tried in the order they were created (here: file order) and each pool's blocks in order; a range
// gives its lowest free address, the first and last of a CIDR block (wider than /31) held back when
// allowFirstLastIPs is "No"; of two pools whose blocks overlap, the newer (here: later) one is marked
// conflicting and gives nothing. Services are matched on their labels plus io.kubernetes.service.{name,
// namespace}. A Service no pool serves stays without an IP, as on a real cluster: a note says why.
import { Address4, Address6 } from 'ip-address';
import { invalid, notImplemented } from './fields.js';
import type { RawResource } from './load.js';
import { readSelector, selects, selectorText, type LabelSelector } from './selectors.js';
import type { PodIntent } from './workloads.js';

export interface ServicePort {
  readonly port: number;
  readonly targetPort: number;
  readonly protocol: 'TCP';
}

/** A LoadBalancer Service as written. Example: {"namespace":"tenant-green","name":"lb-service-green","externalTrafficPolicy":"Cluster",...} */
export interface ServiceIntent {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePort[];
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  /** absent: the default class, which LB-IPAM serves */
  readonly loadBalancerClass?: string;
  /** spec.loadBalancerIP and the lbipam.cilium.io/ips annotation */
  readonly requestedIps: readonly string[];
  readonly source: string;
}

/** A LoadBalancer Service with its IP (absent: no pool serves it) and the pods behind it. */
export interface ServiceWithIp extends ServiceIntent {
  readonly ip?: string;
  readonly backends: readonly PodIntent[];
}

/** The class LB-IPAM and the BGP control plane serve besides the default (v2.BGPLoadBalancerClass). */
export const BGP_LB_CLASS = 'io.cilium/bgp-control-plane';
/** The annotations that request IPs from LB-IPAM (pkg/annotation/k8s.go), comma-separated. */
const IP_ANNOTATIONS = ['lbipam.cilium.io/ips', 'io.cilium/lb-ipam-ips'];

/** The labels a Service is selected by in Cilium (LB-IPAM pools, BGP advertisements): its own plus its name and namespace. */
export function serviceSelectorLabels(s: Pick<ServiceIntent, 'labels' | 'name' | 'namespace'>): Record<string, string> {
  return { ...s.labels, 'io.kubernetes.service.name': s.name, 'io.kubernetes.service.namespace': s.namespace };
}

export interface IpPool {
  readonly name: string;
  readonly source: string;
  readonly serviceSelector?: LabelSelector;
  /** each block's usable addresses in order, as 32-bit numbers */
  readonly ranges: readonly (readonly [number, number])[];
}

export function readService(r: RawResource): ServiceIntent {
  const labels = r.metadata.stringMap('labels');
  const annotations = r.metadata.stringMap('annotations');
  r.metadata.done();
  const unknownAnnotation = Object.keys(annotations).find((a) => !IP_ANNOTATIONS.includes(a));
  if (unknownAnnotation) throw notImplemented(r.ref, `metadata.annotations.${unknownAnnotation}`, annotations[unknownAnnotation]);
  const annotated = IP_ANNOTATIONS.flatMap((a) => (annotations[a] ?? '').split(',').map((ip) => ip.trim()).filter(Boolean));
  const spec = r.fields.object('spec');
  r.fields.done();
  const type = spec.optionalString('type') ?? 'ClusterIP';
  if (type !== 'LoadBalancer') throw notImplemented(r.ref, 'spec.type', type, 'is not LoadBalancer, the only Service type the netns fabric implements');
  const policy = spec.optionalString('externalTrafficPolicy') ?? 'Cluster';
  if (policy !== 'Cluster' && policy !== 'Local') throw invalid(r.ref, 'spec.externalTrafficPolicy', policy, 'Cluster or Local');
  const loadBalancerClass = spec.optionalString('loadBalancerClass');
  const requestedIps = [...new Set([...(spec.optionalString('loadBalancerIP') ? [spec.optionalString('loadBalancerIP')!] : []), ...annotated])];
  for (const ip of requestedIps) if (!Address4.isValid(ip) || ip.includes('/')) throw invalid(r.ref, 'a requested IP', ip, 'an IPv4 address');
  if (requestedIps.length > 1) throw notImplemented(r.ref, 'a requested IP', requestedIps, 'asks for more than one IP; the netns fabric serves one per Service');
  const selector = spec.stringMap('selector');
  const ports = spec.objects('ports').map((p): ServicePort => {
    p.ignore('name');
    const port = p.number('port');
    const target = p.raw('targetPort') ?? port;
    if (typeof target !== 'number') throw notImplemented(r.ref, `${p.path}.targetPort`, target, 'is not a port number (named ports are not implemented by the netns fabric)');
    const protocol = p.optionalString('protocol') ?? 'TCP';
    if (protocol !== 'TCP') throw notImplemented(r.ref, `${p.path}.protocol`, protocol);
    p.done();
    return { port, targetPort: target, protocol: 'TCP' };
  });
  if (ports.length === 0) throw invalid(r.ref, 'spec.ports', [], 'at least one port');
  spec.done();
  const [namespace, name] = r.ref.name.includes('/') ? r.ref.name.split('/') : ['default', r.ref.name];
  return {
    namespace: namespace!, name: name!, labels, selector, ports, externalTrafficPolicy: policy, requestedIps,
    ...(loadBalancerClass ? { loadBalancerClass } : {}), source: `${r.ref.file}: Service ${r.ref.name}`,
  };
}

const toNumber = (address: string): number => Number(new Address4(address).bigInt());
const toAddress = (n: number): string => [24, 16, 8, 0].map((shift) => (n >>> shift) & 0xff).join('.');

export function readPool(r: RawResource): IpPool {
  r.metadata.ignore('labels'); // the pool's own labels select nothing
  r.metadata.done();
  const spec = r.fields.object('spec');
  r.fields.done();
  const allow = spec.optionalString('allowFirstLastIPs') ?? 'Yes';
  if (allow !== 'Yes' && allow !== 'No') throw invalid(r.ref, 'spec.allowFirstLastIPs', allow, '"Yes" or "No"');
  if (spec.optionalBoolean('disabled')) throw notImplemented(r.ref, 'spec.disabled', true);
  const serviceSelector = readSelector(spec, 'serviceSelector');
  const ranges = spec.objects('blocks').map((b): [number, number] => {
    const cidr = b.optionalString('cidr');
    if (cidr === undefined) throw notImplemented(r.ref, `${b.path}`, b.raw('start'), 'is a start/stop block; the netns fabric implements cidr blocks');
    b.done();
    if (Address6.isValid(cidr) && cidr.includes('/')) throw notImplemented(r.ref, `${b.path}.cidr`, cidr, 'is an IPv6 block, which Cilium serves and the netns fabric, IPv4 only, does not');
    if (!Address4.isValid(cidr) || !cidr.includes('/')) throw invalid(r.ref, `${b.path}.cidr`, cidr, 'an IPv4 or IPv6 CIDR');
    const block = new Address4(cidr);
    let [first, last] = [toNumber(block.startAddress().address), toNumber(block.endAddress().address)];
    if (allow === 'No' && last - first > 1) [first, last] = [first + 1, last - 1];
    return [first, last];
  });
  if (ranges.length === 0) throw invalid(r.ref, 'spec.blocks', [], 'at least one block');
  spec.done();
  return { name: r.ref.name, source: `${r.ref.file}: CiliumLoadBalancerIPPool ${r.ref.name}`, ...(serviceSelector ? { serviceSelector } : {}), ranges };
}

/** The pools Cilium allocates from: a pool that overlaps an earlier one (or itself) is left out, with a note. */
export function usablePools(pools: readonly IpPool[], notes: string[]): IpPool[] {
  const overlap = (a: readonly [number, number], b: readonly [number, number]): boolean => a[0] <= b[1] && b[0] <= a[1];
  const usable: IpPool[] = [];
  for (const pool of pools) {
    const self = pool.ranges.some((a, i) => pool.ranges.slice(i + 1).some((b) => overlap(a, b)));
    const earlier = usable.find((u) => u.ranges.some((a) => pool.ranges.some((b) => overlap(a, b))));
    if (self || earlier) {
      notes.push(`${pool.source} overlaps ${earlier ? earlier.source : 'itself'}: Cilium marks it conflicting (cilium.io/PoolConflict) and allocates nothing from it`);
    } else usable.push(pool);
  }
  return usable;
}

/** The LoadBalancer IP of each Service, in the order given; a Service no pool serves gets none, and a note. */
export function allocateServiceIps(services: readonly ServiceIntent[], pools: readonly IpPool[], notes: string[]): Map<ServiceIntent, string> {
  const used = new Set<number>();
  const result = new Map<ServiceIntent, string>();
  for (const service of services) {
    // isResponsibleForSVC: the default class, or the BGP control plane's.
    if (service.loadBalancerClass !== undefined && service.loadBalancerClass !== BGP_LB_CLASS) {
      notes.push(`${service.source} has loadBalancerClass ${service.loadBalancerClass}: neither LB-IPAM nor Cilium's BGP control plane serve it, so it gets no IP`);
      continue;
    }
    const labels = serviceSelectorLabels(service);
    const serving = pools.filter((p) => p.serviceSelector === undefined || selects(p.serviceSelector, labels));
    let ip: number | undefined;
    const requested = service.requestedIps[0];
    if (requested !== undefined) {
      // satisfySpecificIPRequests: the IP must be free in a range of a pool that selects the Service.
      const n = toNumber(requested);
      const inRange = serving.some((p) => p.ranges.some(([first, last]) => first <= n && n <= last));
      if (!inRange || used.has(n)) {
        notes.push(`${service.source} requests ${requested}, which ${inRange ? 'another Service has' : 'no pool that selects the Service holds'}: it gets no IP (cilium.io/IPAMRequestSatisfied=False)`);
        continue;
      }
      ip = n;
    }
    for (const [first, last] of requested === undefined ? serving.flatMap((p) => p.ranges) : []) {
      for (let n = first; n <= last && ip === undefined; n++) if (!used.has(n)) ip = n;
      if (ip !== undefined) break;
    }
    if (ip === undefined) {
      const why = pools.map((p) => `${p.name} selects ${selectorText(p.serviceSelector)}`).join('; ') || 'there is no usable CiliumLoadBalancerIPPool';
      notes.push(`${service.source} gets no LoadBalancer IP: no pool with a free address selects it (${why}; the Service's labels: ${JSON.stringify(service.labels)})`);
      continue;
    }
    used.add(ip);
    result.set(service, toAddress(ip));
  }
  return result;
}

