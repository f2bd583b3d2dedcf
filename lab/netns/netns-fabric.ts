// The fabric contract on the netns fabric, rebuilt from its description in any process.
import type { NodeExecutor } from '../exec/conversation.js';
import { readFile } from 'node:fs/promises';
import { birdcOutput } from '../bird/birdc.js';
import { host, type Executor } from '../exec/command.js';
import { SpeakerNotAnswering, type BgpSession, type CaptureRequest, type Fabric, type RunningCapture } from '../fabric/fabric-contract.js';
import { parseGobgpNeighbors } from '../gobgp/neighbors.js';
import { podKey, type Lab, type PodRef } from '../description/index.js';
import type { Disruptions } from '../fabric/disruptions.js';
import { NetnsDisruptions } from './disruptions.js';
import { netnsOf, type NetnsDescription, type NetnsPod } from './description.js';
import { startCapture } from '../run/capture.js';
import { netnsFabricState } from './fabric-state.js';
import { gobgpCli } from './gobgp.js';
import { inNamespace, namespaceExecutor } from './namespaces.js';

export class NetnsFabric implements Fabric {
  readonly kind = 'netns' as const;
  readonly disruptions: Disruptions;

  get lab(): Lab {
    return this.description.lab;
  }

  constructor(readonly description: NetnsDescription) {
    this.disruptions = new NetnsDisruptions(description);
  }

  node(name: string): NodeExecutor {
    // relative paths land in the run's directory, which teardown removes (lab/fabric/fabric-contract.ts)
    return namespaceExecutor(name, netnsOf(this.description, name), this.description.runDir);
  }

  pod(ref: PodRef): Executor {
    return namespaceExecutor(`pod ${podKey(ref)}`, this.findPod(ref).netns);
  }

  async podIp(ref: PodRef): Promise<string> {
    return this.findPod(ref).ip;
  }

  async podLog(ref: PodRef): Promise<string> {
    const { logFile } = this.findPod(ref);
    if (!logFile) throw new Error(`pod ${podKey(ref)} runs no process, so it has no log`);
    return readFile(logFile, 'utf8');
  }

  async birdc(node: string, args: readonly string[]): Promise<string> {
    const result = await host.run(['birdc', '-s', this.birdSocket(node), ...args], {
      timeoutMs: 10_000,
      allowFailure: true,
    });
    return birdcOutput(`${node} birdc`, result);
  }

  async speakerSessions(server: string): Promise<BgpSession[]> {
    const where = `${server} GoBGP`;
    const result = await host.run([...gobgpCli(netnsOf(this.description, server), this.description.speaker.gobgp), 'neighbor', '-j'], { timeoutMs: 10_000 })
      .catch((error: unknown) => {
        throw new SpeakerNotAnswering(`${where}: the speaker does not answer: ${error instanceof Error ? error.message : String(error)}`);
      });
    return parseGobgpNeighbors(result.stdout);
  }

  startCapture(request: CaptureRequest): Promise<RunningCapture> {
    return startCapture(this.description.runDir, inNamespace(netnsOf(this.description, request.node)), request);
  }

  async addressBlocks(): Promise<Record<string, string[]>> {
    return this.description.addressBlocks;
  }

  fabricState(): Promise<Record<string, string>> {
    return netnsFabricState(this.description);
  }

  private birdSocket(node: string): string {
    const socket = this.description.birdSockets[node];
    if (!socket) throw new Error(`no BIRD on ${node} in this netns fabric`);
    return socket;
  }

  private findPod(ref: PodRef): NetnsPod {
    const pod = this.description.pods.find((p) => p.namespace === ref.namespace && p.name === ref.name);
    if (!pod) throw new Error(`no pod ${podKey(ref)} in this netns fabric`);
    return pod;
  }
}
