// LoadBalancer Services and LB-IPAM's pools as written (pkg/k8s/apis/cilium.io/v2/lbipam_types.go): a pool
// with no serviceSelector serves every Service; a CIDR block's first and last addresses (wider than /31)
// are held back when allowFirstLastIPs is "No". Services are matched on their labels plus
// io.kubernetes.service.{name,namespace}. Which IP each Service gets is lb-ipam.ts's.
import { Address4, Address6 } from 'ip-address';
import { invalid, notImplemented } from './fields.js';
import type { RawResource } from './load.js';
import { readSelector, type LabelSelector } from './selectors.js';
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
  /** requested IPs that are no address: LB-IPAM logs them and allocates as if they were not there */
  readonly unparsableIps: readonly string[];
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
  const written = [...new Set([...(spec.optionalString('loadBalancerIP') ? [spec.optionalString('loadBalancerIP')!] : []), ...annotated])];
  // getSVCRequestedIPs (operator/pkg/lbipam/lbipam.go): what netip.ParseAddr refuses is logged and dropped.
  const parses = (ip: string): boolean => !ip.includes('/') && (Address4.isValid(ip) || Address6.isValid(ip));
  const unparsableIps = written.filter((ip) => !parses(ip));
  const requestedIps = written.filter(parses);
  const v6 = requestedIps.find((ip) => !Address4.isValid(ip));
  if (v6) throw notImplemented(r.ref, 'a requested IP', v6, 'is an IPv6 address, which LB-IPAM gives and the netns fabric, IPv4 only, does not');
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
    namespace: namespace!, name: name!, labels, selector, ports, externalTrafficPolicy: policy, requestedIps, unparsableIps,
    ...(loadBalancerClass ? { loadBalancerClass } : {}), source: `${r.ref.file}: Service ${r.ref.name}`,
  };
}

export const toNumber = (address: string): number => Number(new Address4(address).bigInt());
export const toAddress = (n: number): string => [24, 16, 8, 0].map((shift) => (n >>> shift) & 0xff).join('.');

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
