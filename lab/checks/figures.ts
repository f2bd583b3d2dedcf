// What a check saw, as data rather than text, for the run's page (lab/report/) to draw: the BGP sessions
// a node has, the DSR flows as the captures show them, the ECMP split against the FIB's prediction, and a
// disruption's timeline with every request of the load. A check fills in the figures it has; the text of
// its message stays what people and the controls read.

/** One BGP session as a check saw it. Example: {"node":"server1","neighborAddress":"10.0.2.1","neighborAs":65001,"localAs":65001,"state":"Established","speaker":false} */
export interface SessionSeen {
  readonly node: string;
  readonly neighborAddress: string;
  readonly neighborAs: number;
  readonly localAs: number;
  /** "Established", "Active", "absent" (configured, not running) */
  readonly state: string;
  /** the Cilium speaker's session (true) or the node's BIRD's (false) */
  readonly speaker: boolean;
  /** whether the lab's files configure it */
  readonly configured: boolean;
}

export interface SessionsFigure {
  readonly kind: 'sessions';
  readonly sessions: readonly SessionSeen[];
}

/** One packet of a DSR flow, seen by one capture. Example: {"from":"server1","to":"server0","what":"GENEVE SYN","vni":2,"dsrService":"20.1.10.2:80","node":"server1","interface":"net0","direction":"out","frame":3,"capture":".../server1-net0-out.pcap"} */
export interface LadderPacket {
  /** the lanes the arrow joins */
  readonly from: string;
  readonly to: string;
  /** "SYN", "GENEVE SYN", "GENEVE packets", "SYN-ACK from 20.1.10.2:80", "reply from 10.1.0.1:8080" */
  readonly what: string;
  readonly vni?: number;
  /** the DSR option's service, on a tunnelled packet; absent: no option */
  readonly dsrService?: string;
  readonly tunnelled?: boolean;
  /** how many packets the arrow stands for (retransmissions and a flow's later packets) */
  readonly count: number;
  /** the capture that saw it: its node, interface and direction, and its file */
  readonly node: string;
  readonly interface: string;
  readonly direction: 'in' | 'out';
  readonly frame?: number;
  readonly capture?: string;
  /** what is wrong with it, if the check found something: "no DSR option" */
  readonly problem?: string;
}

/** One flow to the VIP, as a ladder: lanes left to right, packets top to bottom. */
export interface DsrLadder {
  /** "10.0.2.1:40001" */
  readonly client: string;
  /** the client's lane first, then each node the flow crossed: ["router0", "server1", "server0"] */
  readonly lanes: readonly string[];
  readonly packets: readonly LadderPacket[];
  /** what the check found wrong with the flow */
  readonly problems?: readonly string[];
}

export interface DsrFlowsFigure {
  readonly kind: 'dsr-flows';
  /** "20.1.10.2:80" */
  readonly service: string;
  readonly backendNode: string;
  readonly flows: readonly DsrLadder[];
  /** the pcap files */
  readonly captures: readonly string[];
}

/** The flows a server took under one hash policy. Example: {"server":"server0","observed":30,"predicted":30} */
export interface ServerShare {
  readonly server: string;
  readonly observed: number;
  /** what router0's FIB predicts for the flows' 5-tuples (`ip route get`); absent where nothing was predicted */
  readonly predicted?: number;
}

export interface EcmpSplitFigure {
  readonly kind: 'ecmp-split';
  /** fib_multipath_hash_policy: 0 (L3) or 1 (L4) */
  readonly policy: 0 | 1;
  readonly flows: number;
  readonly servers: readonly ServerShare[];
  /** the binomial bound each server must reach (L4), if one applies */
  readonly minimum?: number;
  readonly captures: readonly string[];
}

/** One request of a load. Example: {"port":41234,"server":"server1","startMs":812,"endMs":830,"ok":true} */
export interface TimelineRequest {
  readonly port: number;
  readonly server: string;
  /** from the timeline's start, ms */
  readonly startMs: number;
  readonly endMs: number;
  readonly ok: boolean;
  readonly problem?: string;
}

/** A change of router0's FIB route for the VIP (route watch). Example: {"atMs":2011.4,"nextHops":["10.0.1.2"],"deleted":false} */
export interface FibChange {
  readonly atMs: number;
  readonly nextHops: readonly string[];
  readonly deleted: boolean;
  /** the route as it was before the watch began (not a change) */
  readonly initial?: true;
}

/** A moment on the timeline. Example: {"atMs":2000,"label":"speaker killed"} */
export interface TimelineMark {
  readonly atMs: number;
  readonly label: string;
}

export interface LoadTimelineFigure {
  readonly kind: 'load-timeline';
  /** "graceful-restart" or the failover way's id */
  readonly scenario: string;
  /** "server1's Cilium speaker restarts" */
  readonly title: string;
  readonly server: string;
  readonly servers: readonly string[];
  /** the disruption, End-of-RIB, removal, ... */
  readonly marks: readonly TimelineMark[];
  /** the bound the claim sets, from the disruption */
  readonly bound?: TimelineMark;
  readonly fib: readonly FibChange[];
  readonly requests: readonly TimelineRequest[];
  /** the run's figures for the history: {"restartMs":2534} or {"removalMs":812} */
  readonly figures: Readonly<Record<string, number>>;
  /** failover: the pcaps of the requests sent once the server was dropped, on the uplinks still up. Example: ["artifacts/0a1b2c/failover-traffic/uplink-down/server0-net0-in.pcap"] */
  readonly captures?: readonly string[];
}

export type Figure = SessionsFigure | DsrFlowsFigure | EcmpSplitFigure | LoadTimelineFigure;
