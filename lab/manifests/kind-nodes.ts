// The Kubernetes nodes of the lab, as kind v0.31.0 makes them from lab/kind/cluster.yaml: their names,
// labels and taints, which the manifests' selectors, nodeSelectors and tolerations are matched against.
// - Names: <cluster>-<role> for a role's first node, then <cluster>-<role>2, ... (pkg/cluster/internal/
//   providers/common/namer.go MakeNodeNamer); the container's hostname is its name, and kubeadm names the
//   Node after the hostname (pkg/cluster/internal/kubeadm/config.go).
// - Labels: `nodes[].labels` become kubelet's --node-labels (pkg/cluster/internal/create/actions/config/
//   config.go); the kubelet adds kubernetes.io/hostname, kubernetes.io/os and kubernetes.io/arch, kubeadm
//   node-role.kubernetes.io/control-plane and node.kubernetes.io/exclude-from-external-load-balancers on
//   the control plane. kind adds no worker role label.
// - Taints: kubeadm taints the control plane node-role.kubernetes.io/control-plane:NoSchedule, and kind
//   lifts it only in a one-node cluster (pkg/cluster/internal/create/actions/kubeadminit/init.go).
import { Fields, ManifestError, type ResourceRef } from './fields.js';
import { displayPath, parseYamlFile } from './load.js';

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** A node of the cluster. Example: {"name":"bgpv2-bird-coil-worker","role":"worker","labels":{"bgp":"65001",...},"taints":[]} */
export interface ClusterNode {
  readonly name: string;
  readonly role: 'control-plane' | 'worker';
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
}

export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

/** kind's name for the `index`-th node (0-based) of `role`. */
export function kindNodeName(cluster: string, role: ClusterNode['role'], index: number): string {
  const suffix = index === 0 ? '' : String(index + 1);
  return `${cluster}-${role}${suffix}`;
}

/** The kind cluster file as the lab reads it. Example: {"name":"bgpv2-bird-coil","podSubnet":"10.1.0.0/16","serviceSubnet":"10.2.0.0/16","nodes":[...]} */
export interface KindCluster {
  readonly file: string;
  readonly name: string;
  /** networking.podSubnet and serviceSubnet (kind's v1alpha4 Networking; kind's defaults when absent) */
  readonly podSubnet: string;
  readonly serviceSubnet: string;
  readonly nodes: readonly ClusterNode[];
}

/** Reads the kind cluster config `file` into the nodes Kubernetes will have. */
export function readKindNodes(file: string): ClusterNode[] {
  return [...readKindCluster(file).nodes];
}

/** Reads the kind cluster config `file`: its name, its pod and service ranges, and its nodes. */
export function readKindCluster(file: string): KindCluster {
  const docs = parseYamlFile(file);
  if (docs.length !== 1) throw new ManifestError(`${displayPath(file)}: expected one kind Cluster, found ${docs.length} documents`);
  const ref: ResourceRef = { file: displayPath(file), kind: 'Cluster', name: '' };
  const cluster = Fields.of(ref, '', docs[0]);
  const kind = cluster.string('kind');
  const apiVersion = cluster.string('apiVersion');
  if (kind !== 'Cluster' || apiVersion !== 'kind.x-k8s.io/v1alpha4') {
    throw new ManifestError(`${ref.file}: expected kind Cluster of apiVersion kind.x-k8s.io/v1alpha4, found ${kind} of ${apiVersion}`);
  }
  const name = cluster.string('name');
  // kind's defaults (pkg/apis/config/v1alpha4/default.go): 10.244.0.0/16 and 10.96.0.0/16. The other
  // network settings shape the cluster's containers, not the lab the harness judges.
  const networking = cluster.optionalObject('networking');
  const podSubnet = networking?.optionalString('podSubnet') ?? '10.244.0.0/16';
  const serviceSubnet = networking?.optionalString('serviceSubnet') ?? '10.96.0.0/16';
  const specs = cluster.objects('nodes');
  cluster.done();
  const counts = { 'control-plane': 0, worker: 0 };
  const nodes = specs.map((spec): ClusterNode => {
    const role = spec.string('role');
    if (role !== 'control-plane' && role !== 'worker') throw new ManifestError(`${ref.file}: ${spec.path}.role = ${JSON.stringify(role)}: expected control-plane or worker`);
    const labels = spec.stringMap('labels');
    spec.ignore('image');
    spec.done();
    const nodeName = kindNodeName(name, role, counts[role]++);
    const roleLabels = role === 'control-plane' ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {};
    const kubelet = { 'kubernetes.io/hostname': nodeName, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': process.arch === 'x64' ? 'amd64' : process.arch };
    return { name: nodeName, role, labels: { ...labels, ...kubelet, ...roleLabels }, taints: [] };
  });
  const tainted = nodes.length === 1 ? nodes : nodes.map((n) => (n.role === 'control-plane' ? { ...n, taints: [CONTROL_PLANE_TAINT] } : n));
  return { file, name, podSubnet, serviceSubnet, nodes: tainted };
}
