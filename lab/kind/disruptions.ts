// The failover specs' disruptions (lab/fabric/disruptions.ts) on the real lab, as a user would make them:
// - restart: `kubectl delete pod` of the node's Cilium agent. The DaemonSet starts a new one, whose
//   GoBGP peers in graceful restart's restarting state with the notification bit (pkg/bgpv1/gobgp/
//   server.go, setPeerGracefulRestart; cilium/cilium#26325). Whether BIRD keeps the routes meanwhile is
//   what the graceful-restart spec asserts; it has not run on the real lab from this machine.
// - stop for good: the node loses the labels its CiliumBGPClusterConfig's nodeSelector reads
//   (`kubectl label node N bgp-`): Cilium removes the node's BGP instance, which closes its session with
//   a Cease NOTIFICATION (pkg/bgpv1/gobgp: Stop, GoBGP's BgpServer.Stop). Putting the labels back undoes it.
//   A crashed agent cannot be kept down here, since the DaemonSet replaces it: the spec that needs that
//   says so and skips.
// - uplink: `ip link set net0 down` in the kind node's network namespace, where containerlab put net0:
//   the same commands on both fabrics, so not here but in lab/fabric/disruptions.ts (setUplink).
// Every command goes through `exec`, so that the unit tests can record the plan each makes.
import type { Disruptions } from '../fabric/disruptions.js';
import type { Executor } from '../exec/command.js';
import type { SpeakerIntent } from '../manifests/speakers.js';
import { pollUntil } from '../util/poll.js';
import { RunRecord } from '../run/run-state.js';

import { ATTACHED_RUN_ID } from './attach.js';
import type { KindDescription } from './description.js';
import { kindNodeOf } from './names.js';

/** One Cilium agent pod, as `kubectl get pods -o json` lists it. Example: {"name":"cilium-7xk2p","uid":"5f0…","ready":true} */
export interface AgentPod {
  readonly name: string;
  readonly uid: string;
  readonly ready: boolean;
  readonly deleting: boolean;
}

/** The agent pods in `kubectl get pods -o json` output; a document of another shape is an error. */
export function parseAgentPods(json: string): AgentPod[] {
  const list = JSON.parse(json) as { kind?: string; items?: { metadata?: { name?: string; uid?: string; deletionTimestamp?: string }; status?: { conditions?: { type: string; status: string }[] } }[] };
  if (list.kind !== 'List' && list.kind !== 'PodList') throw new Error(`expected a pod list from kubectl, got kind ${JSON.stringify(list.kind)}`);
  return (list.items ?? []).map((item) => ({
    name: item.metadata?.name ?? '?',
    uid: item.metadata?.uid ?? '?',
    ready: item.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    deleting: item.metadata?.deletionTimestamp !== undefined,
  }));
}

/** How long a new agent may take to be Ready: pulling nothing (the image is on the node), starting its datapath. */
const AGENT_READY_MS = 120_000;

export class KindDisruptions implements Disruptions {
  readonly cannotKeepSpeakerDown = 'the Cilium DaemonSet starts a new agent pod as soon as one is deleted, so a crashed speaker cannot be kept down';
  readonly refused: string | undefined;
  private readonly replaced = new Map<string, string>();

  constructor(
    private readonly d: Pick<KindDescription, 'kubeconfig' | 'names' | 'runId' | 'runDir'>,
    /** the speakers the manifests make, read when a speaker is withdrawn or restored */
    private readonly speakers: () => readonly SpeakerIntent[],
    private readonly exec: Executor,
    private readonly pollMs = 1_000,
  ) {
    this.refused = d.runId === ATTACHED_RUN_ID ? 'LAB_REUSE=1 attached to a lab this harness did not make, and it changes nothing there' : undefined;
  }

  private kubectl(...args: string[]): string[] {
    return ['kubectl', '--kubeconfig', this.d.kubeconfig, ...args];
  }

  private async agentPods(server: string): Promise<AgentPod[]> {
    const node = kindNodeOf(this.d.names, server);
    const listed = await this.exec.run(this.kubectl('-n', 'kube-system', 'get', 'pods', '-l', 'k8s-app=cilium', '--field-selector', `spec.nodeName=${node}`, '-o', 'json'));
    return parseAgentPods(listed.stdout);
  }

  async killSpeaker(server: string): Promise<void> {
    const pods = (await this.agentPods(server)).filter((p) => !p.deleting);
    if (pods.length !== 1) throw new Error(`${kindNodeOf(this.d.names, server)}: expected one Cilium agent pod, found ${pods.map((p) => p.name).join(', ') || 'none'}`);
    this.replaced.set(server, pods[0]!.uid);
    await this.exec.run(this.kubectl('-n', 'kube-system', 'delete', 'pod', pods[0]!.name, '--wait=false'));
  }

  async startSpeaker(server: string): Promise<void> {
    const old = this.replaced.get(server);
    await pollUntil({
      what: `a new Cilium agent on ${kindNodeOf(this.d.names, server)} is Ready`,
      timeoutMs: AGENT_READY_MS,
      intervalMs: this.pollMs,
      check: async () => {
        const pods = await this.agentPods(server);
        return { done: pods.some((p) => p.uid !== old && p.ready && !p.deleting), seen: pods.map((p) => `${p.name}${p.uid === old ? ' (deleted one)' : ''} ready=${p.ready}`).join(', ') || 'no agent pod' };
      },
    });
    this.replaced.delete(server);
  }

  private selection(server: string): Readonly<Record<string, string>> {
    const node = kindNodeOf(this.d.names, server);
    const labels = this.speakers().find((s) => s.node === node)?.selectedBy;
    if (!labels) throw new Error(`${node} runs no Cilium speaker: the manifests select no speaker there`);
    if (Object.keys(labels).length === 0) throw new Error(`the CiliumBGPClusterConfig selecting ${node} has no nodeSelector: no label to remove stops its speaker`);
    return labels;
  }

  async withdrawSpeaker(server: string): Promise<void> {
    const keys = Object.keys(this.selection(server)).map((key) => `${key}-`);
    await this.exec.run(this.kubectl('label', 'node', kindNodeOf(this.d.names, server), ...keys));
  }

  async restoreSpeaker(server: string): Promise<void> {
    const labels = Object.entries(this.selection(server)).map(([key, value]) => `${key}=${value}`);
    await this.exec.run(this.kubectl('label', 'node', kindNodeOf(this.d.names, server), '--overwrite', ...labels));
  }

  markUnusable(reason: string | undefined): void {
    RunRecord.load(this.d.runDir)?.markUnusable(reason);
  }

}
