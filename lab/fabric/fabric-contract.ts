// The fabric contract: the only way specs and shared probes talk to a lab. Both fabrics implement it
// (lab/netns/, lab/kind/), so the same specs run on both.
import type { NodeExecutor } from '../exec/conversation.js';
import type { Disruptions } from './disruptions.js';
import type { Executor } from '../exec/command.js';
import type { PodRef, Lab } from '../description/index.js';

export type FabricKind = 'netns' | 'kind';

/** A BGP session as a speaker reports it, normalised across BIRD, GoBGP and Cilium. */
export interface BgpSession {
  readonly neighborAddress: string;
  readonly neighborAs: number;
  readonly localAs: number;
  /** 'Established', 'Active', 'Connect', 'Idle', ... as the speaker says it */
  readonly state: string;
}

export interface CaptureRequest {
  readonly node: string;
  readonly interface: string;
  /** a tcpdump filter expression, as separate words: ['tcp', 'and', 'host', '20.1.10.2'] */
  readonly filter: readonly string[];
  /** where the pcap goes, on the machine that runs the harness */
  readonly file: string;
  /** only packets the node receives on the interface (in) or sends (out); absent: both */
  readonly direction?: 'in' | 'out';
}

export interface RunningCapture {
  readonly file: string;
  /** stops the capture once every packet seen so far is written; resolves to the pcap file */
  stop(): Promise<string>;
}

export interface Fabric {
  readonly kind: FabricKind;
  /** the lab the fabric was brought up from (or attached to), as its files describe it */
  readonly lab: Lab;
  /**
   * runs commands in a node's network context. A relative path is in a directory that the fabric's
   * teardown removes (netns: the run's directory; kind: the node container's file system).
   */
  node(name: string): NodeExecutor;
  /** runs commands in a pod's network context */
  pod(ref: PodRef): Executor;
  podIp(ref: PodRef): Promise<string>;
  /** the pod's log, as `kubectl logs` shows it */
  podLog(ref: PodRef): Promise<string>;
  /** runs `birdc` against the node's BIRD and returns its output */
  birdc(node: string, args: readonly string[]): Promise<string>;
  /** the sessions of the Cilium BGP speaker on a server; a SpeakerNotAnswering when there is no speaker to ask */
  speakerSessions(server: string): Promise<BgpSession[]>;
  /** starts a packet capture; resolves once the capture is listening */
  startCapture(request: CaptureRequest): Promise<RunningCapture>;
  /** the pod address blocks the IPAM gave each server, e.g. { server0: ['10.1.0.0/27'] } */
  addressBlocks(): Promise<Record<string, string[]>>;
  /**
   * The state only this fabric shows, for a failing test to keep (lab/fabric/state-dump.ts adds BIRD's and the
   * kernel's): the speakers' neighbors and RIBs, the datapath's state. File name -> text.
   */
  fabricState(): Promise<Record<string, string>>;
  /** what the failover specs do to a server: stop, restart and withdraw its speaker, take its uplink down */
  readonly disruptions: Disruptions;
}

/**
 * The server has no Cilium speaker to ask for its sessions (netns: its GoBGP does not answer; kind: Cilium
 * made no CiliumBGPNodeConfig for the node): the sessions check fails on its own claim. Any other error of
 * speakerSessions is the harness's or the fabric's, and no verdict on the claim.
 */
export class SpeakerNotAnswering extends Error {}
