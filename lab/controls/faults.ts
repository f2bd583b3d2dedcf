// Faults for negative controls: each breaks the running lab the way it breaks in a real lab (a daemon
// stopped, a route, a policy rule, a datapath mistake) and lists, by id (lab/checks/catalog.ts), exactly
// the conformance checks it must fail: every other check must pass. What a manifest expresses (SNAT
// mode, selectors, ASNs, communities) is a mistake of lab/controls/mistakes.ts.
import { RESTART_CLAIMS, restartChecks, type CheckId } from '../checks/catalog.js';
import { fails, type Kill } from './expectations.js';
import type { ControlRoles } from './roles.js';

/** A negative control: what is wrong, the checks that must fail, and why those and no others. */
export interface Control {
  /** what is wrong in the lab */
  readonly what: string;
  /** the checks that must fail, each with the symptoms it must fail with, on a lab with these roles; every other check must pass */
  readonly kills: (roles: ControlRoles) => readonly Kill[];
  /** why those fail, and why the others do not */
  readonly why: string;
  /**
   * Checks whose result the control leaves to a race in the lab, with why: they may fail or pass, and
   * count neither as killed nor as a mismatch. Example: which of two servers keeps advertising.
   */
  readonly undecided?: { readonly checks: (roles: ControlRoles) => readonly CheckId[]; readonly why: string };
}

/**
 * With router0 routing the VIP through one server only, the L3-hash check and the tunnel's have nothing
 * to judge (one path; no flow through the other server), and the L4 hash leaves the other path below its bound.
 */
export const ONE_PATH: readonly Kill[] = [
  ...fails(['ecmp/l3-hash-one-path'], 'precondition:one-path'),
  ...fails(['ecmp/l4-hash-follows-fib'], 'path-below-bound'),
  ...fails(['dsr/tunnel', 'dsr/inner-destination', 'dsr/option-on-syn-only'], 'precondition:no-flow-to-judge'),
];
/**
 * The graceful-restart and failover specs disrupt only a whole fabric (every session Established, the VIP
 * via both servers): where it is not, each of their checks fails saying so, and nothing is disrupted.
 */
export const NOT_WHOLE: readonly Kill[] = fails(
  [
    ...restartChecks(...RESTART_CLAIMS),
    'failover/speaker-crash/removal', 'failover/speaker-crash/requests', 'failover/speaker-withdrawn/removal',
    'failover/speaker-withdrawn/requests', 'failover/uplink-down/removal', 'failover/uplink-down/requests',
  ],
  'precondition:not-whole',
);
const FAILOVER_REQUESTS: readonly CheckId[] = ['failover/speaker-crash/requests', 'failover/speaker-withdrawn/requests', 'failover/uplink-down/requests'];
/** A request through the VIP fails where the lab is meant to answer it. */
const UNANSWERED = 'request-not-answered';

export const FAULTS = {
  'router-session-down': {
    what: "server1's iBGP session to router0 is shut (birdc disable on server1)",
    kills: (r) => [
      ...fails([`bgp/bird-sessions/${r.router}`, `bgp/bird-sessions/${r.faulty}`], 'session-not-established'),
      ...fails(['bgp/vip-in-router-bird'], 'bird-path-missing'),
      ...fails(['bgp/vip-multipath-in-router-fib', ...(r.blockOwners.includes(r.faulty) ? [`bgp/block-on-router/${r.faulty}` as const] : [])], 'fib-path-missing'),
      ...fails(r.blockOwners.map((owner) => `bgp/block-on-other-server/${owner}` as const), 'fib-path-missing'),
      ...fails(r.podPaths(r.faulty), 'ping-replies-missing'), ...ONE_PATH, ...NOT_WHOLE,
    ],
    why:
      "router0 loses server1's VIP path and block, and server1 loses server0's block: the pods cannot reach each other, and every " +
      'flow to the VIP takes server0 (ecmp: one path; dsr: nothing to tunnel). The VIP still answers through server0 (lb, and the replies and the echo log of dsr).',
  },
  'cilium-session-down': {
    what: "server1's Cilium speaker is not running (its GoBGP is stopped)",
    kills: (r) => [
      ...fails([`bgp/bird-sessions/${r.faulty}`], 'session-not-established'), ...fails([`bgp/speaker-session/${r.faulty}`], 'speaker-not-answering'),
      ...fails(['bgp/vip-in-router-bird'], 'bird-path-missing'), ...fails(['bgp/vip-multipath-in-router-fib'], 'fib-path-missing'), ...ONE_PATH, ...NOT_WHOLE,
    ],
    why: 'router0 has the VIP via server0 only. Pod routes come from BIRD, not the speaker (pod-to-pod and the blocks pass), and the VIP still answers (lb).',
  },
  'no-multipath': {
    what: "router0's BIRD installs the single best path (merge paths off) instead of merging equal paths",
    kills: () => [...fails(['bgp/vip-multipath-in-router-fib'], 'fib-path-missing'), ...ONE_PATH, ...NOT_WHOLE],
    why: "BIRD still has both paths (its check passes) but router0's FIB has one next hop, so every flow takes it.",
  },
  'vip-in-server-fib': {
    what: "server0's BIRD exports the VIP into server0's kernel table: its kernel export filter lost the line for community 65000:300",
    kills: (r) => fails([`bgp/no-vip-in-fib/${r.backend}`], 'vip-in-server-fib'),
    why:
      "server0's FIB gets the speaker's route for the VIP (unreachable, its next hop being the speaker's 127.0.0.1). Traffic to the VIP never " +
      "consults it, since server0's datapath takes it on net0 first, and nothing server0 advertises changes: every other check passes.",
  },
  'no-pod-routes': {
    what: "the servers' pod address blocks are not advertised (Coil's routes in the export table, 119, are gone on both servers)",
    kills: (r) => [
      ...fails(r.blockOwners.flatMap((owner) => [`bgp/block-on-router/${owner}` as const, `bgp/block-on-other-server/${owner}` as const]), 'fib-path-missing'),
      ...fails(r.podPaths(), 'ping-replies-missing'),
    ],
    why: "no node has a route to a pod block but its own, so the pods cannot reach each other. The VIP's traffic needs none: tunnels end at node addresses, replies leave from the VIP.",
  },
  'pod-path-extra-hop': {
    what: 'router0 forwards traffic between pod blocks through one more router (a policy rule sends it to a transit namespace and back)',
    kills: (r) => fails(r.podPaths(), 'ping-ttl-wrong'),
    why: "every ping is answered, but each reply has crossed router0 twice and the transit router: its TTL is 2 lower than the pod path's three routers give. Nothing else crosses router0 between pod blocks.",
  },
  'flows-steered-by-port': {
    what: "router0 steers flows to the VIP by TCP source port with policy rules (ports up to 40000 via server0, the rest via server1), so the FIB's hash never decides",
    kills: () => [...fails(['ecmp/l3-hash-one-path'], 'flows-spread-with-l3-hash'), ...fails(FAILOVER_REQUESTS, 'flow-to-removed-server', 'request-failed-after-removal')],
    why:
      "with the L3 hash, flows from different ports still enter different servers. `ip route get` with the port sees the rules, so the L4 hash's " +
      'predictions, the dsr flows and lb still hold, and the main table (bgp) still has both next hops. Once server1 is out of the main ' +
      'table, the rules still send half the flows to it: failover does not move them to server0.',
  },
  'echo-down': {
    what: 'the echo server (the backend of the LoadBalancer Service) is not running',
    kills: () => [
      ...fails(['lb/vip-answers'], UNANSWERED), ...fails(['ecmp/l4-hash-follows-fib'], 'client-not-seen', UNANSWERED),
      ...fails(['dsr/replies-from-vip'], 'reply-path-wrong', UNANSWERED), ...fails(['dsr/backend-sees-client'], 'client-not-seen'),
      ...fails(restartChecks('no-request-fails'), 'request-failed-during-restart'), ...fails(FAILOVER_REQUESTS, 'request-failed-before-disruption', 'request-failed-after-removal'),
    ],
    why:
      'every request is refused: no answer (lb, and the loads of graceful-restart and failover), no line in the echo log (ecmp with the L4 hash, dsr), ' +
      'no SYN-ACK (dsr). Flows still enter and are tunnelled as before (the L3-hash check and the tunnel checks pass); routing is untouched.',
  },
  'no-dsr-option': {
    what: 'server1 tunnels the SYN without the DSR option',
    kills: () => [
      ...fails(['lb/vip-answers'], UNANSWERED), ...fails(['ecmp/l4-hash-follows-fib'], 'client-not-seen', UNANSWERED),
      ...fails(['dsr/option-on-syn-only'], 'dsr-option-missing'), ...fails(['dsr/replies-from-vip'], 'reply-source-wrong', 'reply-path-wrong', UNANSWERED),
      ...fails(['dsr/backend-sees-client'], 'client-not-seen'), ...fails(restartChecks('no-request-fails'), 'request-failed-during-restart'),
      ...fails(FAILOVER_REQUESTS, 'request-failed-before-disruption'),
    ],
    why:
      'server0 has no service address for those flows, so its SYN-ACK leaves from the pod address and router0 refuses it: requests through server1 ' +
      'fail (lb, ecmp, the restart\'s load), the replies are not from the VIP and the echo log lacks them (dsr). The tunnel itself is right. ' +
      "Failover's requests fail as the lab was already failing: requests through server1 failed before the disruption (request-failed-before-disruption); " +
      'its removal is on time, and after it server0 answers everything.',
  },
  'node-identity-vni': {
    what: "server1's datapath puts its own identity (remote-node, 6) in the GENEVE VNI instead of the client's (world, 2)",
    kills: () => fails(['dsr/tunnel'], 'vni-wrong'),
    why: 'the VNI carries the source identity for network policy; with no policy in the lab every flow is still delivered and answered.',
  },
  'dsr-option-on-every-packet': {
    what: "server1's datapath adds the DSR option to every packet it tunnels, not to the SYN only",
    kills: () => fails(['dsr/option-on-syn-only'], 'dsr-option-beyond-syn'),
    why: 'the backend node reads the option again on each packet and finds the same service: every flow works, only the wire differs.',
  },
  'untranslated-inner-destination': {
    what: "server1's datapath tunnels the request before translating it: the inner destination stays the VIP",
    kills: () => [
      ...fails(['lb/vip-answers'], UNANSWERED), ...fails(['ecmp/l4-hash-follows-fib'], 'client-not-seen', UNANSWERED),
      ...fails(['dsr/inner-destination'], 'inner-destination-wrong'), ...fails(['dsr/replies-from-vip'], 'reply-path-wrong', UNANSWERED),
      ...fails(['dsr/backend-sees-client'], 'client-not-seen'), ...fails(restartChecks('no-request-fails'), 'request-failed-during-restart'),
      ...fails(FAILOVER_REQUESTS, 'request-failed-before-disruption'),
    ],
    why:
      "server0 decapsulates a packet for an address it does not have and no pod gets it, so flows through server1 are never answered (lb, ecmp, dsr, " +
      "the restart's load). The tunnel, its VNI and its option are right. Failover's requests fail as the lab was already failing: requests through " +
      'server1 failed before the disruption (request-failed-before-disruption); its removal is on time, and after it server0 answers everything.',
  },
  'link-loss-hidden-by-switch': {
    what: "an L2 switch sits between router0 and server1, as in most racks: server1's link going down leaves router0's port up",
    kills: () => [...fails(['failover/uplink-down/removal'], 'next-hop-never-removed'), ...fails(['failover/uplink-down/requests'], 'precondition:no-removal')],
    why:
      "router0 no longer sees server1's link go down, so only the hold time ends its session with server1: it has not dropped server1 when the " +
      'check gives up, 2.6 s on (its bound, 0.606 s, the measured allowance for BIRD and the kernel, and 2 s more), and there is no "after" to judge. ' +
      'Everything else crosses the switch unchanged.',
  },
  'speaker-stops-without-notification': {
    what: "server1's Cilium speaker, when withdrawn, is killed before it closes its session (no NOTIFICATION), as a kubelet does when the grace period runs out",
    kills: () => [...fails(['failover/speaker-withdrawn/removal'], 'next-hop-never-removed'), ...fails(['failover/speaker-withdrawn/requests'], 'precondition:no-removal')],
    why:
      "BIRD takes the lost session for a restart and keeps server1's routes for the graceful restart time, 15 s: router0 has not dropped server1 " +
      'when the check gives up, 2.6 s on (its bound, 0.606 s, and 2 s more), so there is no "after" to judge either. The other specs never withdraw a speaker.',
  },
  'speaker-back-after-restart-time': {
    what: "server1's Cilium speaker, killed, starts again only after the lab's graceful restart time (15 s) and BIRD's flush after it (the failover allowance, 2.847 s) have passed, as an agent too slow to come back",
    kills: () => [
      ...fails(restartChecks('fib-keeps-both-paths'), 'speaker-back-after-restart-time', 'fib-path-lost-during-restart'),
      ...fails(restartChecks('bird-keeps-stale-routes'), 'speaker-back-after-restart-time', 'stale-route-dropped'),
      ...fails(restartChecks('no-request-fails'), 'speaker-back-after-restart-time'),
    ],
    why:
      "in both restarts BIRD flushes server1's stale routes when the restart time runs out: router0's FIB loses server1's next hop until the speaker " +
      "is back, and each graceful-restart check leads with the late return (symptom speaker-back-after-restart-time; the FIB check adds " +
      "fib-path-lost-during-restart, BIRD's stale-route-dropped). No request fails (server0 takes them all). Failover judges its crash before " +
      'the speaker is started again, and its restore waits up to 30 s: the other specs never start a crashed speaker.',
  },
} as const satisfies Record<string, Control>;

export type FaultName = keyof typeof FAULTS;
export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[];

/** The faults the netns fabric makes in its datapath (bpf/lb_dsr.c's LB_FLAG_*) when it attaches it. */
export const DATAPATH_FAULTS = ['no-dsr-option', 'node-identity-vni', 'dsr-option-on-every-packet', 'untranslated-inner-destination'] as const satisfies readonly FaultName[];
export type DatapathFault = (typeof DATAPATH_FAULTS)[number];
