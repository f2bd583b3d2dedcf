// The faults the netns fabric makes in its datapath (bpf/lb_dsr.c's LB_FLAG_*) when it attaches it: the
// mistakes a load balancer makes when it tunnels a flow from the faulty server to the backend's. Part of
// the faults of lab/controls/faults.ts, where DATAPATH_FAULTS names them.
import { restartChecks } from '../checks/catalog.js';
import { FAILOVER_REQUESTS, UNANSWERED, type Control } from './control.js';
import { fails } from './expectations.js';

export const DATAPATH_CONTROLS = {
  'no-dsr-option': {
    what: (r) => `${r.faulty} tunnels the SYN without the DSR option`,
    kills: () => [
      ...fails(['lb/vip-answers'], UNANSWERED), ...fails(['ecmp/l4-hash-follows-fib'], 'client-not-seen', UNANSWERED),
      ...fails(['dsr/option-on-syn-only'], 'dsr-option-missing'), ...fails(['dsr/replies-from-vip'], 'reply-source-wrong', 'reply-path-wrong', UNANSWERED),
      ...fails(['dsr/backend-sees-client'], 'client-not-seen'), ...fails(restartChecks('no-request-fails'), 'request-failed-during-restart'),
      ...fails(FAILOVER_REQUESTS, 'request-failed-before-disruption'),
    ],
    why: (r) =>
      `${r.backend} has no service address for those flows, so its SYN-ACK leaves from the pod address and ${r.router} refuses it: requests through ${r.faulty} ` +
      'fail (lb, ecmp, the restart\'s load), the replies are not from the VIP and the echo log lacks them (dsr). The tunnel itself is right. ' +
      `Failover's requests fail as the lab was already failing: requests through ${r.faulty} failed before the disruption (request-failed-before-disruption); ` +
      `its removal is on time, and after it ${r.backend} answers everything.`,
  },
  'node-identity-vni': {
    what: (r) => `${r.faulty}'s datapath puts its own identity (remote-node, 6) in the GENEVE VNI instead of the client's (world, 2)`,
    kills: () => fails(['dsr/tunnel'], 'vni-wrong'),
    why: () => 'the VNI carries the source identity for network policy; with no policy in the lab every flow is still delivered and answered.',
  },
  'dsr-option-on-every-packet': {
    what: (r) => `${r.faulty}'s datapath adds the DSR option to every packet it tunnels, not to the SYN only`,
    kills: () => fails(['dsr/option-on-syn-only'], 'dsr-option-beyond-syn'),
    why: () => 'the backend node reads the option again on each packet and finds the same service: every flow works, only the wire differs.',
  },
  'untranslated-inner-destination': {
    what: (r) => `${r.faulty}'s datapath tunnels the request before translating it: the inner destination stays the VIP`,
    kills: () => [
      ...fails(['lb/vip-answers'], UNANSWERED), ...fails(['ecmp/l4-hash-follows-fib'], 'client-not-seen', UNANSWERED),
      ...fails(['dsr/inner-destination'], 'inner-destination-wrong'), ...fails(['dsr/replies-from-vip'], 'reply-path-wrong', UNANSWERED),
      ...fails(['dsr/backend-sees-client'], 'client-not-seen'), ...fails(restartChecks('no-request-fails'), 'request-failed-during-restart'),
      ...fails(FAILOVER_REQUESTS, 'request-failed-before-disruption'),
    ],
    why: (r) =>
      `${r.backend} decapsulates a packet for an address it does not have and no pod gets it, so flows through ${r.faulty} are never answered (lb, ecmp, dsr, ` +
      "the restart's load). The tunnel, its VNI and its option are right. Failover's requests fail as the lab was already failing: requests through " +
      `${r.faulty} failed before the disruption (request-failed-before-disruption); its removal is on time, and after it ${r.backend} answers everything.`,
  },
} as const satisfies Record<string, Control>;
