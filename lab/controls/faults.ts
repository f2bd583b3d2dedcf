// Faults for negative controls: each breaks the running lab the way it breaks in a real lab (a daemon
// stopped, a route, a policy rule, a datapath mistake) and lists, by id (lab/checks/catalog.ts), exactly
// the conformance checks it must fail: every other check must pass. What a manifest expresses (SNAT
// mode, selectors, ASNs, communities) is a mistake of lab/controls/mistakes.ts. Here are the faults in
// routing and in the Service's backend; the datapath's are in datapath-faults.ts, those in how a server
// stops advertising or comes back in failover-faults.ts. Each says what is wrong and why of the lab's roles (roles.ts).
import { restartChecks } from '../checks/catalog.js';
import { FAILOVER_REQUESTS, NOT_WHOLE, ONE_PATH, others, UNANSWERED, type Control } from './control.js';
import { DATAPATH_CONTROLS } from './datapath-faults.js';
import { fails } from './expectations.js';
import { FAILOVER_CONTROLS } from './failover-faults.js';

const ROUTING_CONTROLS = {
  'router-session-down': {
    what: (r) => `${r.faulty}'s iBGP session to ${r.router} is shut (birdc disable on ${r.faulty})`,
    kills: (r) => [
      ...fails([`bgp/bird-sessions/${r.router}`, `bgp/bird-sessions/${r.faulty}`], 'session-not-established'),
      ...fails(['bgp/vip-in-router-bird'], 'bird-path-missing'),
      ...fails(['bgp/vip-multipath-in-router-fib', ...(r.blockOwners.includes(r.faulty) ? [`bgp/block-on-router/${r.faulty}` as const] : [])], 'fib-path-missing'),
      ...fails(r.blockOwners.map((owner) => `bgp/block-on-other-server/${owner}` as const), 'fib-path-missing'),
      ...fails(r.podPaths(r.faulty), 'ping-replies-missing'), ...ONE_PATH, ...NOT_WHOLE,
    ],
    why: (r) =>
      `${r.router} loses ${r.faulty}'s VIP path and block, and ${r.faulty} loses ${others(r)}'s block: the pods cannot reach each other, and every ` +
      `flow to the VIP takes ${others(r)} (ecmp: one path; dsr: nothing to tunnel). The VIP still answers through ${others(r)} (lb, and the replies and the echo log of dsr).`,
  },
  'cilium-session-down': {
    what: (r) => `${r.faulty}'s Cilium speaker is not running (its GoBGP is stopped)`,
    kills: (r) => [
      ...fails([`bgp/bird-sessions/${r.faulty}`], 'session-not-established'), ...fails([`bgp/speaker-session/${r.faulty}`], 'speaker-not-answering'),
      ...fails(['bgp/vip-in-router-bird'], 'bird-path-missing'), ...fails(['bgp/vip-multipath-in-router-fib'], 'fib-path-missing'), ...ONE_PATH, ...NOT_WHOLE,
    ],
    why: (r) => `${r.router} has the VIP via ${others(r)} only. Pod routes come from BIRD, not the speaker (pod-to-pod and the blocks pass), and the VIP still answers (lb).`,
  },
  'no-multipath': {
    what: (r) => `${r.router}'s BIRD installs the single best path (merge paths off) instead of merging equal paths`,
    kills: () => [...fails(['bgp/vip-multipath-in-router-fib'], 'fib-path-missing'), ...ONE_PATH, ...NOT_WHOLE],
    why: (r) => `BIRD still has both paths (its check passes) but ${r.router}'s FIB has one next hop, so every flow takes it.`,
  },
  'vip-in-server-fib': {
    what: (r) => `${r.backend}'s BIRD exports the VIP into ${r.backend}'s kernel table: its kernel export filter lost the line for community ${r.vipCommunity}`,
    kills: (r) => fails([`bgp/no-vip-in-fib/${r.backend}`], 'vip-in-server-fib'),
    why: (r) =>
      `${r.backend}'s FIB gets the speaker's route for the VIP (unreachable, its next hop being the speaker's 127.0.0.1). Traffic to the VIP never ` +
      `consults it, since ${r.backend}'s datapath takes it on ${r.backendUplink} first, and nothing ${r.backend} advertises changes: every other check passes.`,
  },
  'no-pod-routes': {
    what: () => "the servers' pod address blocks are not advertised (Coil's routes in the export table, 119, are gone on both servers)",
    kills: (r) => [
      ...fails(r.blockOwners.flatMap((owner) => [`bgp/block-on-router/${owner}` as const, `bgp/block-on-other-server/${owner}` as const]), 'fib-path-missing'),
      ...fails(r.podPaths(), 'ping-replies-missing'),
    ],
    why: () => "no node has a route to a pod block but its own, so the pods cannot reach each other. The VIP's traffic needs none: tunnels end at node addresses, replies leave from the VIP.",
  },
  'pod-path-extra-hop': {
    what: (r) => `${r.router} forwards traffic between pod blocks through one more router (a policy rule sends it to a transit namespace and back)`,
    kills: (r) => fails(r.podPaths(), 'ping-ttl-wrong'),
    why: (r) =>
      `every ping is answered, but each reply has crossed ${r.router} twice and the transit router: its TTL is 2 lower than the pod path's three routers give. ` +
      `Nothing else crosses ${r.router} between pod blocks.`,
  },
  'flows-steered-by-port': {
    // lab/netns/policy-faults.ts: steerByPort splits the ports between the first two servers
    what: (r) => `${r.router} steers flows to the VIP by TCP source port with policy rules (ports up to 40000 via ${r.servers[0]}, the rest via ${r.servers[1]}), so the FIB's hash never decides`,
    kills: () => [...fails(['ecmp/l3-hash-one-path'], 'flows-spread-with-l3-hash'), ...fails(FAILOVER_REQUESTS, 'flow-to-removed-server', 'request-failed-after-removal')],
    why: (r) =>
      "with the L3 hash, flows from different ports still enter different servers. `ip route get` with the port sees the rules, so the L4 hash's " +
      `predictions, the dsr flows and lb still hold, and the main table (bgp) still has both next hops. Once ${r.faulty} is out of the main ` +
      `table, the rules still send half the flows to it: failover does not move them to ${others(r)}.`,
  },
  'echo-down': {
    what: () => 'the echo server (the backend of the LoadBalancer Service) is not running',
    kills: () => [
      ...fails(['lb/vip-answers'], UNANSWERED), ...fails(['ecmp/l4-hash-follows-fib'], 'client-not-seen', UNANSWERED),
      ...fails(['dsr/replies-from-vip'], 'reply-path-wrong', UNANSWERED), ...fails(['dsr/backend-sees-client'], 'client-not-seen'),
      ...fails(restartChecks('no-request-fails'), 'request-failed-during-restart'), ...fails(FAILOVER_REQUESTS, 'request-failed-before-disruption', 'request-failed-after-removal'),
    ],
    why: () =>
      'every request is refused: no answer (lb, and the loads of graceful-restart and failover), no line in the echo log (ecmp with the L4 hash, dsr), ' +
      'no SYN-ACK (dsr). Flows still enter and are tunnelled as before (the L3-hash check and the tunnel checks pass); routing is untouched.',
  },
} as const satisfies Record<string, Control>;

export const FAULTS = { ...ROUTING_CONTROLS, ...DATAPATH_CONTROLS, ...FAILOVER_CONTROLS } as const satisfies Record<string, Control>;

export type FaultName = keyof typeof FAULTS;
export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[];

/** The faults the netns fabric makes in its datapath (bpf/lb_dsr.c's LB_FLAG_*) when it attaches it: those of datapath-faults.ts. */
export type DatapathFault = keyof typeof DATAPATH_CONTROLS;
export const DATAPATH_FAULTS = Object.keys(DATAPATH_CONTROLS) as DatapathFault[];
