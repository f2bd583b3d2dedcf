// The lab as its own files describe it (read-lab.ts reads them): the external router and any number of
// servers from the containerlab topology, the kind nodes they share from the kind cluster file, each
// node's BGP sessions from the BIRD config it runs, where the pods run and which peers each Cilium
// speaker has from manifests/, and the lab's promises from lab/claims.yaml. Names are the files' own:
// no type here closes them. It is plain data, so that the global setup can hand it to the specs.
import type { BirdSession } from './bird-config.js';
import type { ExecStep } from './exec-steps.js';

export interface InterfaceAddress {
  /** containerlab's interface name */
  readonly name: string;
  /** address with prefix length, e.g. 10.0.1.2/24 */
  readonly cidr: string;
}

/** The BIRD a node runs. Example: {"file":"/work/main/bird/server0.conf","shown":"bird/server0.conf","sessions":[...],"kernelTables":[119],"defines":{...}} */
export interface NodeBird {
  /** the config on this machine (through the node's binds) */
  readonly file: string;
  /** how messages name it */
  readonly shown: string;
  /** every enabled BGP session it configures */
  readonly sessions: readonly BirdSession[];
  readonly kernelTables: readonly number[];
  readonly defines: Readonly<Record<string, string>>;
}

/** What router and servers have in common. */
export interface LabNodeBase {
  /** containerlab's node name: "router0" */
  readonly name: string;
  /** containerlab's container: clab-<lab>-<node> */
  readonly container: string;
  /** BIRD's AS (its sessions' local AS) and router id */
  readonly asn: number;
  readonly routerId: string;
  /** addresses the node's exec commands put on its interfaces, lo excepted */
  readonly interfaces: readonly InterfaceAddress[];
  /** addresses on lo: 10.0.0.1/32 */
  readonly loopbacks: readonly string[];
  /** the node's exec commands, in order, as containerlab runs them */
  readonly exec: readonly ExecStep[];
  readonly bird: NodeBird;
}

export interface RouterNode extends LabNodeBase {
  readonly role: 'router';
}

/** A server: a containerlab node inside a kind node's network namespace. */
export interface ServerNode extends LabNodeBase {
  readonly role: 'server';
  /** the kind node whose network namespace it shares: bgpv2-bird-coil-worker */
  readonly kindNode: string;
  /** that kind node's role (kind's cluster file) */
  readonly kindRole: 'control-plane' | 'worker';
  /** its interface on the link to the router: net0 */
  readonly uplink: string;
  /** the address on that interface, kubelet's node-ip: 10.0.2.2 */
  readonly nodeIp: string;
  /** the router's address on that link, the server's default gateway: 10.0.2.1 */
  readonly defaultGateway: string;
}

export type LabNode = RouterNode | ServerNode;

export interface LinkEnd {
  readonly node: string;
  readonly interface: string;
}

export interface PodRef {
  readonly namespace: string;
  readonly name: string;
}

/** A pod as the manifests place it. Example: {"namespace":"default","name":"ubuntu","server":"server0"} */
export interface PlacedPod extends PodRef {
  readonly server: string;
}

/** A BGP session of a Cilium speaker, as the manifests configure it or its node's BIRD expects it. */
export interface SpeakerPeer {
  readonly neighborAddress: string;
  readonly neighborAs: number;
  readonly localAs: number;
}

export interface LoadBalancerService extends PodRef {
  readonly vip: string;
  readonly port: number;
  /** the backend's port */
  readonly targetPort: number;
  /** BGP community that marks the VIP, as the CiliumBGPAdvertisement sets it: [65000, 300] */
  readonly community: readonly [number, number];
  readonly backend: PodRef;
  /** the body the backend answers, newline included */
  readonly answer: string;
  /** the servers that must advertise the VIP */
  readonly advertisedBy: readonly string[];
}

export interface PodPool {
  readonly cidr: string;
  /** Coil's AddressPool blockSizeBits: a block holds 2^bits addresses */
  readonly blockSizeBits: number;
}

/** The promises of lab/claims.yaml that are not the Service's. */
export interface Claims {
  readonly file: string;
  readonly ping: readonly (readonly [PodRef, PodRef])[];
  readonly lbRequests: number;
  readonly ecmp: { readonly l3HashFlows: number; readonly l4HashFlowsPerServer: number };
  readonly dsr: { readonly dispatch: 'geneve'; readonly vni: number; readonly flowsPerServer: number };
  /** the speakers' graceful restart time the lab promises */
  readonly restartTimeSeconds: number;
}

/** Where the lab was read from, so that another process reads the same. */
export interface LabFiles {
  readonly topology: string;
  readonly cluster: string;
  readonly claims: string;
  readonly manifests: string;
}

export interface Lab {
  /** containerlab's lab name, which is also the kind cluster's */
  readonly name: string;
  readonly files: LabFiles;
  /** the one external router: the client of the specs' traffic */
  readonly router: RouterNode;
  readonly servers: readonly ServerNode[];
  readonly links: readonly (readonly [LinkEnd, LinkEnd])[];
  /** kind's serviceSubnet (ClusterIPs) and podSubnet */
  readonly serviceSubnet: string;
  readonly podSubnet: string;
  /** each pod the manifests place on a server */
  readonly pods: readonly PlacedPod[];
  /** each server's Cilium speaker peers, as the manifests configure them (absent: no speaker) */
  readonly speakerPeers: Readonly<Record<string, readonly SpeakerPeer[]>>;
  readonly service: LoadBalancerService;
  readonly podPool: PodPool;
  readonly claims: Claims;
  /** what the reading decided to leave out, and why: an exec command that cannot matter here */
  readonly notes: readonly string[];
}
