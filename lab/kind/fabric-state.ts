// The real lab's own state for a failing test to keep (lab/fabric/state-dump.ts): on each server's kind node,
// the Cilium agent's view of its BGP peers and advertised routes, and its load-balancing table
// (`cilium-dbg`, in the agent pod of that node).
import { transcript } from '../exec/transcript.js';
import type { KindLab } from './names.js';
import type { KubernetesApi } from './kubernetes.js';

/** The commands run in each node's Cilium agent, by the file their output goes to. */
export const CILIUM_STATE_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  'cilium-bgp-peers': ['cilium-dbg', 'bgp', 'peers'],
  'cilium-bgp-routes': ['cilium-dbg', 'bgp', 'routes', 'advertised', 'ipv4', 'unicast'],
  'cilium-bpf-lb-list': ['cilium-dbg', 'bpf', 'lb', 'list'],
};

export async function kindFabricState(api: KubernetesApi, lab: KindLab): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  for (const [server, node] of Object.entries(lab.kindNodes)) {
    const agents = await api.core
      .listNamespacedPod({ namespace: 'kube-system', labelSelector: 'k8s-app=cilium', fieldSelector: `spec.nodeName=${node}` })
      .then((list) => list.items.map((p) => p.metadata?.name).filter((n): n is string => !!n))
      .catch((error: unknown) => `the API did not list the Cilium agents: ${error instanceof Error ? error.message : String(error)}`);
    const name = Array.isArray(agents) ? agents[0] : undefined;
    for (const [file, argv] of Object.entries(CILIUM_STATE_COMMANDS)) {
      if (!name) {
        texts[`${server}-${file}.txt`] = `(${Array.isArray(agents) ? `no Cilium agent pod on ${node}` : agents})\n`;
        continue;
      }
      texts[`${server}-${file}.txt`] = await transcript(api.podExecutor({ namespace: 'kube-system', name }), argv, 30_000);
    }
  }
  return texts;
}
