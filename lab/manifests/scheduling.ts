// Where a pod may run, as kube-scheduler's filters decide it (NodeAffinity for spec.nodeSelector,
// TaintToleration for taints; pkg/scheduler/framework/plugins, and the toleration rules of
// k8s.io/api/core/v1 toleration.go ToleratesTaint): every nodeSelector label equal on the node, and every
// NoSchedule or NoExecute taint of the node tolerated. The netns fabric needs one node per pod: where
// several fit, the real scheduler's choice depends on scoring, so the pod must say where it runs. A pod
// with spec.nodeName is bound already and skips the scheduler: bindPod says whether its node admits it.
import type { ClusterNode, Taint } from './kind-nodes.js';
import { Fields, invalid, NetnsCannotRun, type ResourceRef, where } from './fields.js';

/** A toleration as written. Example: {"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"} */
export interface Toleration {
  readonly key?: string;
  readonly operator: 'Equal' | 'Exists';
  readonly value?: string;
  /** absent: every effect */
  readonly effect?: Taint['effect'];
}

const EFFECTS: readonly Taint['effect'][] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function readTolerations(spec: Fields): Toleration[] {
  return spec.objects('tolerations').map((t) => {
    const operator = t.optionalString('operator') ?? 'Equal';
    if (operator !== 'Equal' && operator !== 'Exists') throw invalid(spec.ref, `${t.path}.operator`, operator, 'Equal or Exists');
    const effect = t.optionalString('effect') || undefined;
    if (effect !== undefined && !(EFFECTS as readonly string[]).includes(effect)) throw invalid(spec.ref, `${t.path}.effect`, effect, EFFECTS.join(', '));
    const key = t.optionalString('key') || undefined;
    const value = t.optionalString('value');
    if (operator === 'Exists' && value) throw invalid(spec.ref, `${t.path}.value`, value, 'no value with operator Exists');
    t.done();
    return { operator, ...(key ? { key } : {}), ...(value ? { value } : {}), ...(effect ? { effect: effect as Taint['effect'] } : {}) };
  });
}

/** ToleratesTaint: the effect matches (or the toleration names none), and the key and value do. */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== taint.effect) return false;
  if (toleration.key !== undefined && toleration.key !== taint.key) return false;
  // An empty key with Exists tolerates every taint.
  if (toleration.operator === 'Exists') return true;
  return toleration.key !== undefined && (toleration.value ?? '') === (taint.value ?? '');
}

/** The nodes that pass the scheduler's filters for a pod with `nodeSelector` and `tolerations`. */
export function feasibleNodes(nodes: readonly ClusterNode[], nodeSelector: Readonly<Record<string, string>>, tolerations: readonly Toleration[]): ClusterNode[] {
  return nodes.filter(
    (node) =>
      Object.entries(nodeSelector).every(([k, v]) => node.labels[k] === v) &&
      node.taints.filter((t) => t.effect !== 'PreferNoSchedule').every((taint) => tolerations.some((t) => tolerates(t, taint))),
  );
}

/**
 * The one node the pod runs on, or why it stays Pending (no node fits: a mistake the specs then show);
 * an error when several fit, since the netns fabric cannot predict the scheduler's pick.
 */
export function placePod(ref: ResourceRef, path: string, nodes: readonly ClusterNode[], nodeSelector: Readonly<Record<string, string>>, tolerations: readonly Toleration[]): ClusterNode | { readonly pending: string } {
  const fit = feasibleNodes(nodes, nodeSelector, tolerations);
  if (fit.length === 1) return fit[0]!;
  const selector = Object.entries(nodeSelector).map(([k, v]) => `${k}=${v}`).join(',') || '(none)';
  if (fit.length === 0) {
    const why = nodes.map((n) => {
      const labels = Object.entries(nodeSelector).filter(([k, v]) => n.labels[k] !== v).map(([k]) => `${k}=${n.labels[k] ?? '(absent)'}`);
      const taints = n.taints.filter((t) => t.effect !== 'PreferNoSchedule' && !tolerations.some((tol) => tolerates(tol, t))).map((t) => `${t.key}:${t.effect}`);
      return `${n.name}: ${[...labels.map((l) => `label ${l}`), ...taints.map((t) => `untolerated taint ${t}`)].join(', ')}`;
    });
    return { pending: `${where(ref, path)}: no node fits nodeSelector ${selector}, so the pod stays Pending (${why.join('; ')})` };
  }
  throw new NetnsCannotRun(
    `${where(ref, path)}: nodes ${fit.map((n) => n.name).join(', ')} all fit nodeSelector ${selector}; the real scheduler would pick one by score, ` +
      'so the netns fabric needs a nodeSelector that names one node (kubernetes.io/hostname)',
  );
}

/**
 * The node a pod with `spec.nodeName` runs on, or why it never runs. Such a pod bypasses the scheduler
 * (Kubernetes docs, "Assigning Pods to Nodes", nodeName: "the scheduler ignores the Pod and the kubelet on
 * the named node tries to place the Pod on that node"; "if the named node does not exist, the Pod will not
 * run"), so NoSchedule taints do not keep it off; the named node's kubelet still admits it only if its
 * nodeSelector matches the node's labels and it tolerates the node's NoExecute taints
 * (pkg/kubelet/lifecycle/predicate.go: the NodeAffinity and Taint rejections).
 */
export function bindPod(ref: ResourceRef, path: string, nodes: readonly ClusterNode[], nodeName: string, nodeSelector: Readonly<Record<string, string>>, tolerations: readonly Toleration[]): ClusterNode | { readonly pending: string } {
  const at = `${where(ref, `${path}.nodeName`)} = ${JSON.stringify(nodeName)}`;
  const node = nodes.find((n) => n.name === nodeName);
  if (!node) return { pending: `${at}: the cluster has no such node (${nodes.map((n) => n.name).join(', ')}), so the pod runs nowhere` };
  const labels = Object.entries(nodeSelector).filter(([k, v]) => node.labels[k] !== v).map(([k]) => `${k}=${node.labels[k] ?? '(absent)'}`);
  if (labels.length > 0) {
    const selector = Object.entries(nodeSelector).map(([k, v]) => `${k}=${v}`).join(',');
    return { pending: `${at}: its kubelet rejects the pod (NodeAffinity: nodeSelector ${selector}, the node has label ${labels.join(', ')}), so it never runs` };
  }
  const evicting = node.taints.filter((t) => t.effect === 'NoExecute' && !tolerations.some((tol) => tolerates(tol, t)));
  if (evicting.length > 0) return { pending: `${at}: its kubelet rejects the pod (untolerated taint ${evicting.map((t) => `${t.key}:${t.effect}`).join(', ')}), so it never runs` };
  return node;
}
