
import type { Lab } from '../description/index.js';
import type { SpeakerLaunch } from './gobgp.js';
import type { FaultName } from '../faults.js';

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
  /** the faults the run was brought up with (lab/faults.ts): some change how a disruption happens */
  readonly faults: readonly FaultName[];
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
