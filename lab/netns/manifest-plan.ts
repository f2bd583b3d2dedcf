// What the netns fabric runs, from the manifests' intent (lab/manifests/intent.ts) on the lab's physical
// topology: which server runs a Cilium speaker with which peers and routes, which pods run where and what
// they serve, Coil's pool, and the LoadBalancer Service the datapath serves. The lab's claims stay in
// lab/claims.yaml and are never read here: a manifest that breaks a claim makes the fabric break it too, and
// a spec fails. Kubernetes nodes map to servers by the containerlab node that shares each.
import type { ConvergenceTarget } from '../fabric/converge.js';
import { convergenceTarget } from '../manifests/convergence-target.js';
import { ManifestError, NetnsCannotRun } from '../manifests/fields.js';
import { readClusterIntent, type ClusterIntent } from '../manifests/intent.js';
import type { DatapathIntent } from '../manifests/datapath.js';
import type { SpeakerIntent } from '../manifests/speakers.js';
import { serverOfKindNode, type Lab, type PodPool, type PodRef } from '../description/index.js';
import type { EchoIntent } from '../manifests/workloads.js';

/** A pod the netns fabric runs, on its server. Example: {"namespace":"default","name":"ubuntu","node":"server0"} */
export interface Workload extends PodRef {
  readonly node: string;
  readonly echo?: EchoIntent;
}

/** The LoadBalancer Service the datapath serves. Example: {"vip":"20.1.10.2","port":80,"targetPort":8080,"backends":[...]} */
export interface PlannedService {
  readonly vip: string;
  readonly port: number;
  readonly targetPort: number;
  readonly backends: readonly PodRef[];
}

export interface NetnsPlan {
  readonly speakers: Partial<Record<string, SpeakerIntent>>;
  /** every pod that runs, on its server */
  readonly workloads: readonly Workload[];
  readonly podPool: PodPool;
  /** absent when no Service got a LoadBalancer IP */
  readonly service?: PlannedService;
  readonly datapath: DatapathIntent;
  /** why something the lab expects will not happen */
  readonly notes: readonly string[];
}

function serverOf(t: Lab, node: string, what: string): string {
  const server = serverOfKindNode(t, node);
  if (!server) throw new ManifestError(`${what} is on node ${node}, which is none of the lab's servers (${t.servers.map((s) => s.kindNode).join(', ')})`);
  return server;
}

export function planFromIntent(t: Lab, intent: ClusterIntent): NetnsPlan {
  const speakers: Partial<Record<string, SpeakerIntent>> = {};
  for (const speaker of intent.speakers) {
    const routes = new Set(speaker.peers.map((p) => JSON.stringify(p.routes)));
    // GoBGP's global RIB goes to every neighbor; Cilium could send each peer its own routes.
    if (routes.size > 1) throw new NetnsCannotRun(`the speaker of ${speaker.node} would advertise different routes to different peers, which the netns fabric does not implement (LAB_FABRIC=kind does)`);
    speakers[serverOf(t, speaker.node, `a Cilium speaker`)] = speaker;
  }
  const workloads = intent.pods.map((p): Workload => ({ namespace: p.namespace, name: p.name, node: serverOf(t, p.node, p.source), ...(p.echo ? { echo: p.echo } : {}) }));
  const withIp = intent.services.filter((s) => s.ip !== undefined);
  if (withIp.length > 1) throw new NetnsCannotRun(`${withIp.map((s) => s.source).join(' and ')}: the netns fabric's load balancer serves one LoadBalancer Service (LAB_FABRIC=kind serves more)`);
  const service = withIp[0];
  if (service && service.ports.length !== 1) throw new NetnsCannotRun(`${service.source}: the netns fabric's load balancer serves one port per Service (LAB_FABRIC=kind serves more)`);
  return {
    speakers,
    workloads,
    podPool: intent.podPool,
    ...(service ? { service: { vip: service.ip!, port: service.ports[0]!.port, targetPort: service.ports[0]!.targetPort, backends: service.backends.map((b) => ({ namespace: b.namespace, name: b.name })) } } : {}),
    datapath: intent.datapath,
    notes: intent.notes,
  };
}

/** Reads `manifestsDir` and plans the netns fabric from it; stops with the reader's error before anything is made. */
export function readNetnsPlan(t: Lab): NetnsPlan & { readonly target: ConvergenceTarget } {
  const intent = readClusterIntent(t.files.manifests, t.files.cluster);
  return { ...planFromIntent(t, intent), target: convergenceTarget(t, intent) };
}
