// The fabric contract on the real lab: nodes through `docker exec` into containerlab's containers, pods
// through the Kubernetes API, the speaker's sessions from Cilium, blocks from Coil, captures with
// tcpdump in a kind node's network namespace.
import { birdcOutput } from '../bird/birdc.js';
import { startCapture } from '../run/capture.js';
import { host, type Executor } from '../exec/command.js';
import { prefixedNodeExecutor, type NodeExecutor } from '../exec/conversation.js';
import { SpeakerNotAnswering, type BgpSession, type CaptureRequest, type Fabric, type RunningCapture } from '../fabric/fabric-contract.js';
import type { Lab, PodRef } from '../description/index.js';
import { containerOf, kindNodeOf } from './names.js';
import type { Disruptions } from '../fabric/disruptions.js';
import { readClusterIntent } from '../manifests/intent.js';
import type { SpeakerIntent } from '../manifests/speakers.js';
import { KindDisruptions } from './disruptions.js';
import { blocksByServer } from './address-blocks.js';
import { sessionsFromNodeConfig } from './cilium-status.js';
import type { KindDescription } from './description.js';
import { parseContainerPid } from './docker.js';
import { kindFabricState } from './fabric-state.js';
import { KubernetesApi } from './kubernetes.js';

export class KindFabric implements Fabric {
  readonly kind = 'kind' as const;
  readonly disruptions: Disruptions;
  private readonly api: KubernetesApi;

  get lab(): Lab {
    return this.description.lab;
  }

  constructor(readonly description: KindDescription) {
    this.api = new KubernetesApi(description.kubeconfig);
    const speakers = (): readonly SpeakerIntent[] => readClusterIntent(description.lab.files.manifests, description.lab.files.cluster).speakers;
    this.disruptions = new KindDisruptions(description, speakers, host);
  }

  node(name: string): NodeExecutor {
    const container = containerOf(this.description.names, name);
    // `-i` for a conversation: "Keep STDIN open even if not attached" (docker container exec)
    return prefixedNodeExecutor(name, ['docker', 'exec', container], {}, ['docker', 'exec', '-i', container]);
  }

  pod(ref: PodRef): Executor {
    return this.api.podExecutor(ref);
  }

  async podIp(ref: PodRef): Promise<string> {
    const ip = (await this.api.pod(ref)).status?.podIP;
    if (!ip) throw new Error(`pod ${ref.namespace}/${ref.name} has no IP yet`);
    return ip;
  }

  async podLog(ref: PodRef): Promise<string> {
    const pod = await this.api.pod(ref);
    return this.api.core.readNamespacedPodLog({ namespace: ref.namespace, name: pod.metadata!.name! });
  }

  async birdc(node: string, args: readonly string[]): Promise<string> {
    const result = await host.run(['docker', 'exec', containerOf(this.description.names, node), 'birdc', ...args], {
      timeoutMs: 10_000,
      allowFailure: true,
    });
    return birdcOutput(`${node} birdc`, result);
  }

  async speakerSessions(server: string): Promise<BgpSession[]> {
    const node = kindNodeOf(this.description.names, server);
    const config = await this.api.custom.getClusterCustomObject({ group: 'cilium.io', version: 'v2', plural: 'ciliumbgpnodeconfigs', name: node }).catch((error: unknown) => {
      // Cilium makes a node's CiliumBGPNodeConfig only for a node its CiliumBGPClusterConfig selects
      if ((error as { code?: unknown }).code === 404) throw new SpeakerNotAnswering(`${server}: Cilium has no CiliumBGPNodeConfig for ${node}, so no BGP speaker there`);
      throw error;
    });
    return sessionsFromNodeConfig(config);
  }

  async startCapture(request: CaptureRequest): Promise<RunningCapture> {
    // a server shares its kind node's network namespace; the router has its own container.
    const servesNode = this.description.lab.servers.some((s) => s.name === request.node);
    const container = servesNode ? kindNodeOf(this.description.names, request.node) : containerOf(this.description.names, request.node);
    const inspect = await host.run(['docker', 'inspect', '-f', '{{.State.Pid}}', container]);
    const pid = parseContainerPid(container, inspect.stdout);
    return startCapture(this.description.runDir, ['nsenter', '-t', String(pid), '-n', '--'], request);
  }

  async addressBlocks(): Promise<Record<string, string[]>> {
    const list = await this.api.custom.listClusterCustomObject({ group: 'coil.cybozu.com', version: 'v2', plural: 'addressblocks' });
    return blocksByServer(list, this.description.names.kindNodes);
  }

  fabricState(): Promise<Record<string, string>> {
    return kindFabricState(this.api, this.description.names);
  }
}
