
import type { Lab } from '../description/index.js';
import type { RouteIntent } from '../manifests/speakers.js';
import type { FaultName } from '../controls/faults.js';

/** How to start a server's speaker (at bring-up, after a restart or a stop): its command line, its paths and its peers. */
export interface SpeakerLaunch {
  readonly argv: readonly string[];
  readonly logFile: string;
  readonly routes: readonly RouteIntent[];
  /** The neighbors' addresses, enabled once the routes are in. Example: ["10.0.2.2"] */
  readonly peers: readonly string[];
}

/**
 * How the netns fabric's own mechanisms are built, where a fault changes them: netns/faults.ts netnsVariations is the
 * only place that maps a fault's name to a mechanism, so that links and disruptions do what they are
 * told, not which fault runs. Example: {"switchedServers":["server1"],"speakerStop":"SIGTERM","speakerStartDelayMs":0}
 */
export interface NetnsVariations {
  /** servers whose link to the router goes through an L2 switch (link-loss-hidden-by-switch) */
  readonly switchedServers: readonly string[];
  /** how a withdrawn speaker is stopped: SIGTERM, gobgpd's Cease to every neighbor; SIGKILL, no word (speaker-stops-without-notification) */
  readonly speakerStop: 'SIGTERM' | 'SIGKILL';
  /**
   * How much later than asked a crashed speaker starts again (startSpeaker), as an agent that is slow to
   * come back: 0, or longer than the lab's graceful restart time (speaker-back-after-restart-time)
   */
  readonly speakerStartDelayMs: number;
}

export interface NetnsPod {
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  /** the pod's network namespace */
  readonly netns: string;
  readonly ip: string;
  /** the log file of the pod's process, for pods that run one */
  readonly logFile?: string;
}

/**
 * What the global setup hands the specs (through vitest's provide/inject) so that they can rebuild a
 * client of this fabric in their own process; also what LAB_REUSE=1 attaches to.
 */
export interface NetnsDescription {
  readonly fabric: 'netns';
  /** the lab as its files described it when the fabric came up */
  readonly lab: Lab;
  readonly runId: string;
  readonly runDir: string;
  /** network namespace of each node */
  readonly namespaces: Record<string, string>;
  readonly birdSockets: Record<string, string>;
  readonly pods: readonly NetnsPod[];
  readonly addressBlocks: Record<string, string[]>;
  /** the GoBGP the speakers run, so that a later process drives them with the same `gobgp` CLI */
  readonly speaker: NetnsSpeaker;
  /** the faults the run was brought up with (lab/controls/faults.ts) */
  readonly faults: readonly FaultName[];
  /** how its mechanisms were built, where a fault changes them */
  readonly variations: NetnsVariations;
}

/** Which GoBGP runs as the Cilium speaker. Example: {"gobgp":"/work/main/.build/gobgp/usr/bin/gobgp","version":"3.36.0","launches":{...}} */
export interface NetnsSpeaker {
  readonly gobgp: string;
  readonly version: string;
  /** how each server that runs a speaker starts it again (the failover specs stop and restart it) */
  readonly launches: Partial<Record<string, SpeakerLaunch>>;
}

/** The network namespace of a node of the fabric. */
export function netnsOf(d: Pick<NetnsDescription, 'namespaces'>, node: string): string {
  const netns = d.namespaces[node];
  if (!netns) throw new Error(`no node ${node} in this netns fabric (${Object.keys(d.namespaces).join(', ')})`);
  return netns;
}
