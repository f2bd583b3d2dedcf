// The faults that change how a server stops advertising, or comes back, when the failover and
// graceful-restart specs disrupt the faulty server: what the netns fabric makes of a lost link, a withdrawn
// speaker and a crashed one's restart (lab/netns/faults.ts: netnsVariations). Part of the faults of
// lab/controls/faults.ts. The bounds they overrun are the lab's (roles.ts, from lab/checks/failover-bounds.ts).
import { restartChecks } from '../checks/catalog.js';
import { WAIT_PAST_BOUND_MS } from '../checks/failover-scenario.js';
import { RESTORE_MS } from '../checks/restore.js';
import { aboutSeconds, others, seconds, type Control } from './control.js';
import { fails } from './expectations.js';

/** When the failover spec gives up on a removal whose bound is `boundMs`: "2.6 s" */
const givesUp = (boundMs: number): string => aboutSeconds(boundMs + WAIT_PAST_BOUND_MS);

export const FAILOVER_CONTROLS = {
  'link-loss-hidden-by-switch': {
    what: (r) => `an L2 switch sits between ${r.router} and ${r.faulty}, as in most racks: ${r.faulty}'s link going down leaves ${r.router}'s port up`,
    kills: () => [...fails(['failover/uplink-down/removal'], 'next-hop-never-removed'), ...fails(['failover/uplink-down/requests'], 'precondition:no-removal')],
    why: (r) =>
      `${r.router} no longer sees ${r.faulty}'s link go down, so only the hold time ends its session with ${r.faulty}: it has not dropped ${r.faulty} when the ` +
      `check gives up, ${givesUp(r.failoverBoundMs['uplink-down'])} on (its bound, ${seconds(r.failoverBoundMs['uplink-down'])}, the measured allowance for BIRD and the kernel, ` +
      `and ${seconds(WAIT_PAST_BOUND_MS)} more), and there is no "after" to judge. Everything else crosses the switch unchanged.`,
  },
  'speaker-stops-without-notification': {
    what: (r) => `${r.faulty}'s Cilium speaker, when withdrawn, is killed before it closes its session (no NOTIFICATION), as a kubelet does when the grace period runs out`,
    kills: () => [...fails(['failover/speaker-withdrawn/removal'], 'next-hop-never-removed'), ...fails(['failover/speaker-withdrawn/requests'], 'precondition:no-removal')],
    why: (r) =>
      `BIRD takes the lost session for a restart and keeps ${r.faulty}'s routes for the graceful restart time, ${r.restartTimeSeconds} s: ${r.router} has not dropped ${r.faulty} ` +
      `when the check gives up, ${givesUp(r.failoverBoundMs['speaker-withdrawn'])} on (its bound, ${seconds(r.failoverBoundMs['speaker-withdrawn'])}, ` +
      `and ${seconds(WAIT_PAST_BOUND_MS)} more), so there is no "after" to judge either. The other specs never withdraw a speaker.`,
  },
  'speaker-back-after-restart-time': {
    what: (r) =>
      `${r.faulty}'s Cilium speaker, killed, starts again only after the lab's graceful restart time (${r.restartTimeSeconds} s) and BIRD's flush after it ` +
      `(the failover allowance, ${seconds(r.restartFlushMs)}) have passed, as an agent too slow to come back`,
    kills: () => [
      ...fails(restartChecks('fib-keeps-both-paths'), 'speaker-back-after-restart-time', 'fib-path-lost-during-restart'),
      ...fails(restartChecks('bird-keeps-stale-routes'), 'speaker-back-after-restart-time', 'stale-route-dropped'),
      ...fails(restartChecks('no-request-fails'), 'speaker-back-after-restart-time'),
    ],
    why: (r) =>
      `in both restarts BIRD flushes ${r.faulty}'s stale routes when the restart time runs out: ${r.router}'s FIB loses ${r.faulty}'s next hop until the speaker ` +
      "is back, and each graceful-restart check leads with the late return (symptom speaker-back-after-restart-time; the FIB check adds " +
      `fib-path-lost-during-restart, BIRD's stale-route-dropped). No request fails (${others(r)} takes them all). Failover judges its crash before ` +
      `the speaker is started again, and its restore waits up to ${seconds(RESTORE_MS)}: the other specs never start a crashed speaker.`,
  },
} as const satisfies Record<string, Control>;
