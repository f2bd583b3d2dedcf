// The single typed description of the lab (values from ../shared/reference.md, "The real lab, as
// published"). Everything else derives from it: the netns fabric's wiring, the convergence wait, the
// specs' expectations, and the drift tests that keep bird/*.conf in step with it.

export type RouterName = 'router0';
export type ServerName = 'server0' | 'server1';
export type NodeName = RouterName | ServerName;

export interface InterfaceAddress {
  /** containerlab's interface name */
  readonly name: string;
  /** address with prefix length, e.g. 10.0.1.2/24 */
  readonly cidr: string;
}

export interface RouterNode {
  readonly role: 'router';
  readonly asn: number;
  readonly routerId: string;
  readonly loopback: string;
  readonly interfaces: readonly InterfaceAddress[];
}

export interface CiliumSpeaker {
  readonly asn: number;
  /** BIRD's address as the speaker dials it: the node's loopback */
  readonly peerAddress: string;
  readonly gracefulRestartSeconds: number;
}

export interface ServerNode {
  readonly role: 'server';
  /** the kind node whose network namespace this server shares in the real lab */
  readonly kindNode: string;
  readonly asn: number;
  readonly routerId: string;
  readonly interfaces: readonly InterfaceAddress[];
  readonly defaultGateway: string;
  readonly speaker: CiliumSpeaker;
}

export interface LinkEnd {
  readonly node: NodeName;
  readonly interface: string;
}

export interface PodRef {
  readonly namespace: string;
  readonly name: string;
}

export interface HttpEcho {
  readonly port: number;
  readonly text: string;
}

export interface Workload extends PodRef {
  readonly node: ServerName;
  readonly echo?: HttpEcho;
}

export interface LoadBalancerService extends PodRef {
  readonly vip: string;
  readonly port: number;
  readonly targetPort: number;
  /** BGP community that marks LoadBalancer VIPs as a CiliumBGPAdvertisement sets it */
  readonly community: readonly [number, number];
  readonly backend: PodRef;
}

export interface PodPool {
  readonly cidr: string;
  /** Coil's AddressPool blockSizeBits: a block holds 2^bits addresses */
  readonly blockSizeBits: number;
}

export interface Topology {
  readonly name: string;
  readonly nodes: { readonly router0: RouterNode; readonly server0: ServerNode; readonly server1: ServerNode };
  readonly links: readonly (readonly [LinkEnd, LinkEnd])[];
  readonly podPool: PodPool;
  /** the Kubernetes Service range (ClusterIPs), kind's serviceSubnet */
  readonly serviceSubnet: string;
  readonly service: LoadBalancerService;
  readonly workloads: readonly Workload[];
}

export const topology: Topology = {
  name: 'bgpv2-bird-coil',
  nodes: {
    router0: {
      role: 'router',
      asn: 65001,
      routerId: '10.0.0.1',
      loopback: '10.0.0.1/32',
      interfaces: [
        { name: 'net1', cidr: '10.0.1.1/24' },
        { name: 'net2', cidr: '10.0.2.1/24' },
      ],
    },
    server0: {
      role: 'server',
      kindNode: 'bgpv2-bird-coil-control-plane',
      asn: 65001,
      routerId: '10.0.1.2',
      interfaces: [{ name: 'net0', cidr: '10.0.1.2/24' }],
      defaultGateway: '10.0.1.1',
      speaker: { asn: 65002, peerAddress: '127.0.0.1', gracefulRestartSeconds: 15 },
    },
    server1: {
      role: 'server',
      kindNode: 'bgpv2-bird-coil-worker',
      asn: 65001,
      routerId: '10.0.2.2',
      interfaces: [{ name: 'net0', cidr: '10.0.2.2/24' }],
      defaultGateway: '10.0.2.1',
      speaker: { asn: 65002, peerAddress: '127.0.0.1', gracefulRestartSeconds: 15 },
    },
  },
  links: [
    [{ node: 'router0', interface: 'net1' }, { node: 'server0', interface: 'net0' }],
    [{ node: 'router0', interface: 'net2' }, { node: 'server1', interface: 'net0' }],
  ],
  podPool: { cidr: '10.1.0.0/16', blockSizeBits: 5 },
  serviceSubnet: '10.2.0.0/16',
  service: {
    namespace: 'tenant-green',
    name: 'lb-service-green',
    vip: '20.1.10.2',
    port: 80,
    targetPort: 8080,
    community: [65000, 300],
    backend: { namespace: 'tenant-green', name: 'ubuntu-echo' },
  },
  workloads: [
    { namespace: 'default', name: 'ubuntu', node: 'server0' },
    { namespace: 'default', name: 'ubuntu-worker', node: 'server1' },
    {
      namespace: 'tenant-green',
      name: 'ubuntu-echo',
      node: 'server0',
      echo: { port: 8080, text: 'Hello from Ubuntu echo server!' },
    },
  ],
};

export const nodeNames: readonly NodeName[] = ['router0', 'server0', 'server1'];
export const serverNames: readonly ServerName[] = ['server0', 'server1'];

/** The address without its prefix length. */
export function hostAddress(cidr: string): string {
  return cidr.split('/')[0]!;
}

/** A server's node IP: its `net0` address, as kubelet's node-ip is in the real lab. */
export function nodeIp(t: Topology, server: ServerName): string {
  return hostAddress(t.nodes[server].interfaces[0]!.cidr);
}

/** The server that shares the kind node named `node`, if any. */
export function serverOfKindNode(t: Topology, node: string): ServerName | undefined {
  return serverNames.find((s) => t.nodes[s].kindNode === node);
}

/** router0's address on the link to `server`. */
export function routerAddressTowards(t: Topology, server: ServerName): string {
  return t.nodes[server].defaultGateway;
}

export function podKey(pod: PodRef): string {
  return `${pod.namespace}/${pod.name}`;
}

export function workload(t: Topology, pod: PodRef): Workload {
  const found = t.workloads.find((w) => w.namespace === pod.namespace && w.name === pod.name);
  if (!found) throw new Error(`no workload ${podKey(pod)} in the topology`);
  return found;
}

export function communityText([asn, value]: readonly [number, number]): string {
  return `${asn}:${value}`;
}

/** One BGP session as a node's BIRD should see it; `protocol` is the BIRD protocol name. */
export interface ExpectedSession {
  readonly protocol: string;
  readonly neighborAddress: string;
  readonly neighborAs: number;
  readonly localAs: number;
}

/**
 * The BIRD sessions each node must have. Protocol names are the ones bird/*.conf uses: router0 names
 * its peers after the servers; a server names its session to router0 `router0` and to the Cilium
 * speaker `cilium`.
 */
export function expectedBirdSessions(t: Topology, node: NodeName): ExpectedSession[] {
  if (node === 'router0') {
    return serverNames.map((server) => ({
      protocol: server,
      neighborAddress: nodeIp(t, server),
      neighborAs: t.nodes[server].asn,
      localAs: t.nodes.router0.asn,
    }));
  }
  const server = t.nodes[node];
  return [
    { protocol: 'router0', neighborAddress: server.defaultGateway, neighborAs: t.nodes.router0.asn, localAs: server.asn },
    { protocol: 'cilium', neighborAddress: server.speaker.peerAddress, neighborAs: server.speaker.asn, localAs: server.asn },
  ];
}

/** The routers a packet crosses between pods on two different servers: source node, router0, destination node. */
export function routersBetween(from: ServerName, to: ServerName): NodeName[] {
  return from === to ? [from] : [from, 'router0', to];
}
