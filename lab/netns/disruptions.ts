// The failover specs' disruptions (lab/fabric/disruptions.ts) on the netns fabric: the speaker is a GoBGP
// process of the run, signalled by pid and started again from the command line the bring-up recorded;
// the uplink is net0 in the server's namespace.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Disruptions } from '../fabric/disruptions.js';
import { RunRecord } from '../run/run-state.js';

import { netnsOf, type NetnsDescription } from './description.js';
import { launchSpeaker, speakerProcessName } from './gobgp.js';

export class NetnsDisruptions implements Disruptions {
  constructor(private readonly d: NetnsDescription) {}

  private run(): RunRecord {
    const run = RunRecord.load(this.d.runDir);
    if (!run) throw new Error(`the run in ${this.d.runDir} is gone`);
    return run;
  }

  killSpeaker(server: string): Promise<void> {
    return this.run().signalProcess(speakerProcessName(server), 'SIGKILL');
  }

  async startSpeaker(server: string): Promise<void> {
    // A duration, not a condition: an agent that takes this much longer to come back (a fault's variation).
    await sleep(this.d.variations.speakerStartDelayMs);
    return this.launch(server);
  }

  private launch(server: string): Promise<void> {
    const launch = this.d.speaker.launches[server];
    if (!launch) throw new Error(`${server} runs no Cilium speaker: the manifests select no speaker there`);
    return launchSpeaker(this.run(), server, launch, netnsOf(this.d, server), this.d.speaker.gobgp);
  }

  withdrawSpeaker(server: string): Promise<void> {
    // gobgpd stops on SIGTERM with BgpServer.Stop, which deletes every neighbor with a Cease NOTIFICATION;
    // SIGKILL is an agent killed before it has closed its sessions (a kubelet's at the end of a grace
    // period too short for it), so no NOTIFICATION is sent.
    return this.run().signalProcess(speakerProcessName(server), this.d.variations.speakerStop);
  }

  restoreSpeaker(server: string): Promise<void> {
    return this.launch(server);
  }

  markUnusable(reason: string | undefined): void {
    this.run().markUnusable(reason);
  }

}
