// Faults for negative controls: each breaks one property of the running lab the way it breaks in a real
// lab. A control run brings the fabric up with one fault and must see exactly the specs in `breaks` fail.
// What a manifest expresses (SNAT mode, selectors, ASNs, communities) is a mistake of lab/mistakes.ts.

export const SPECS = ['bgp', 'pod-to-pod', 'lb', 'ecmp', 'dsr'] as const;
export type SpecName = (typeof SPECS)[number];

export interface Fault {
  /** what is wrong in the lab */
  readonly what: string;
  /** the specs that must fail; every other spec must pass */
  readonly breaks: readonly SpecName[];
  /** why those fail, and why the others do not */
  readonly why: string;
}

export const FAULTS = {
  'router-session-down': {
    what: "server1's iBGP session to router0 is shut (birdc disable on server1)",
    breaks: ['bgp', 'pod-to-pod', 'ecmp', 'dsr'],
    why:
      'the sessions are not all Established and router0 loses the VIP path and the block of server1; so ' +
      "ubuntu cannot reach ubuntu-worker, router0's FIB sends every flow to server0 (the split bound fails) " +
      'and no flow enters server1. lb passes: the VIP still answers through server0.',
  },
  'cilium-session-down': {
    what: "server1's Cilium speaker is not running (its GoBGP is stopped)",
    breaks: ['bgp', 'ecmp', 'dsr'],
    why:
      "server1's BIRD and speaker sessions are down and router0 has the VIP via server0 only, so every flow " +
      'enters server0. Pod routes do not depend on the speaker (pod-to-pod passes), and the VIP still answers (lb passes).',
  },
  'no-multipath': {
    what: "router0's BIRD installs the single best path (merge paths off) instead of merging equal paths",
    breaks: ['bgp', 'ecmp', 'dsr'],
    why:
      "BIRD still has both paths but router0's FIB has one next hop, so every flow takes it: the FIB check, " +
      'the split bound and the flows into server1 fail. The VIP still answers (lb), pods still reach each other.',
  },
  'no-pod-routes': {
    what: "server1's pod address block is not advertised (Coil's route in table 119 is gone)",
    breaks: ['bgp', 'pod-to-pod'],
    why:
      "router0 and server0 have no route to server1's block, so ubuntu cannot reach ubuntu-worker. The VIP's " +
      'backend is on server0 and tunnels end at node addresses, so lb, ecmp and dsr pass.',
  },
  'echo-down': {
    what: 'the echo server (the backend of the LoadBalancer Service) is not running',
    breaks: ['lb', 'ecmp', 'dsr'],
    why:
      'every request to the VIP is refused: no answer (lb), no request in the echo log (ecmp), no SYN-ACK (dsr). ' +
      'Routing is untouched, so bgp and pod-to-pod pass.',
  },
  'no-dsr-option': {
    what: 'server1 tunnels the SYN without the DSR option',
    breaks: ['lb', 'ecmp', 'dsr'],
    why:
      'server0 has no service address for those flows, so its replies leave from the pod address and router0 ' +
      'drops them: requests through server1 fail (lb sends some through each server), the echo log lacks ' +
      'them (ecmp), and the tunnelled SYN lacks the option (dsr).',
  },
} as const satisfies Record<string, Fault>;

export type FaultName = keyof typeof FAULTS;
export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[];
