// How long the graceful-restart scenarios keep the speaker down and how long they watch once the speaker
// is back, both from the lab rather than literals: a quick restart (started again as soon as BIRD has
// seen it go), and a late one that ends near the lab's graceful restart time (lab/claims.yaml), each on a
// fabric of its own, and after each End-of-RIB one keepalive interval of the session (BIRD's own timer),
// so that a session that flaps once it is back is seen before anything is restored.
import { localSpeakerSessions, type Lab } from '../description/index.js';
import { RESTORE_MS } from './restore.js';
import { LOAD_WAIT_MS } from './steady-load.js';

/** How long the speaker stays down in one restart, and what that is made of, for the figures. Example: {"ms":11400,"text":"15 s less 2 × 1.80 s, ..."} */
export interface Downtime {
  readonly ms: number;
  readonly text: string;
}

/** The two restarts; each has a spec file, so a fabric, of its own (specs/graceful-restart-*.spec.ts). */
export const RESTARTS = ['quick', 'late'] as const;
export type RestartKind = (typeof RESTARTS)[number];

/** The quick restart: no wait of its own, the speaker starts again once BIRD has seen its session go, as a supervisor restarts a crashed process. */
export const QUICK_DOWNTIME: Downtime = { ms: 0, text: 'started again as soon as BIRD saw its session go' };

/**
 * BIRD's part in a speaker's return, from the server's BIRD config: with `passive` it never dials, so its
 * `connect delay time` and `connect retry time` never apply (BIRD 2.0 User's Guide, BGP: "passive switch:
 * Standby mode - do not initiate outgoing connections, only accept incoming connections from the peer");
 * it answers the speaker's OPEN with a KEEPALIVE at once (RFC 4271 8.2.2, OpenSent), so none of its
 * keepalive interval is waited either. A session that is not passive is dialled by either side, which can
 * only shorten the return: still 0. What remains, the speaker's dial, its OPEN and its routes up to its
 * End-of-RIB, is measured in the quick restart. The kernel has nothing to do: router0's FIB kept the path.
 */
export function birdReturnPart(t: Lab, server: string): { readonly ms: number; readonly why: string } {
  const session = localSpeakerSessions(t, server)[0];
  const why = session?.passive ? `BIRD's session ${session.protocol} is passive: it only accepts, at once` : 'either side may dial, which only shortens the return';
  return { ms: 0, why };
}

/** How many returns like the quick one the late restart leaves room for: see lateDowntime. */
export const RETURNS_OF_MARGIN = 3;

/**
 * The late restart's downtime: the lab's graceful restart time less three times the return of a quick
 * restart run just before it on the same fabric (from starting it, its launch included, to its
 * End-of-RIB, as measured; that restart is not judged, the quick scenario is): once for the return
 * itself; once more as its first dial is random between a shortest wait and twice it (GoBGP 3.36: 1-2 s;
 * 3.10: 5-9 s, reference.md; Cilium's agent: its own); once more for its launch, the process up and its
 * paths in, which a loaded machine stretches (0.1-1.1 s seen here: with room for two returns only, one
 * late End-of-RIB came 14.90 s after the kill). Less BIRD's part (birdReturnPart). Never below 0: a
 * speaker that took a third of the restart time to come back is restarted late at once.
 */
export function lateDowntime(t: Lab, server: string, quickReturnMs: number): Downtime {
  const budgetMs = t.claims.restartTimeSeconds * 1000;
  const bird = birdReturnPart(t, server);
  const ms = Math.max(0, budgetMs - RETURNS_OF_MARGIN * quickReturnMs - bird.ms);
  const s = (x: number): string => `${(x / 1000).toFixed(2)} s`;
  return { ms, text: `${s(ms)} = the lab's ${t.claims.restartTimeSeconds} s less ${RETURNS_OF_MARGIN} times a quick restart's return just before (${s(quickReturnMs)}, from starting it to its End-of-RIB) less BIRD's part, ${s(bird.ms)} (${bird.why})` };
}

/** The late restart's downtime in words, for the checks' titles, which are built without a fabric. */
export const lateDowntimeTitle = (t: Lab): string =>
  `away for the lab's graceful restart time, ${t.claims.restartTimeSeconds} s, less ${RETURNS_OF_MARGIN} times the time a quick restart just before took from being started to its End-of-RIB`;

/** BIRD's hold time when its config sets none, and its keepalive time, a third of the hold time (BIRD 2.0 User's Guide, BGP, "hold time", "keepalive time"). */
const BIRD_DEFAULT_HOLD_S = 240;

/** How long a restart is watched after its End-of-RIB. Example: {"ms":30000,"why":"one keepalive interval of the session, 30 s, as BIRD shows it"} */
export interface Settle {
  readonly ms: number;
  readonly why: string;
}

/**
 * One keepalive interval of the speaker's session after its End-of-RIB: the first timer either side acts
 * on once the session is back (each sends a KEEPALIVE then); a flap caused by an event (a NOTIFICATION, the
 * routes flushed at the End-of-RIB) shows at once, one caused by a timer no sooner. BIRD shows the interval
 * it uses as "Keepalive timer: LEFT/INTERVAL" (`birdc show protocols all`): a third of the hold time the two
 * OPENs agreed on (the lower one). When it shows none, a third of BIRD's own configured hold time, which
 * is no shorter. `shown` is that interval in seconds, if BIRD showed it. The watch may end before the
 * lab's restart time has passed since the kill (with the lab's 3 s keepalive it always does): nothing of
 * BIRD's is left to fire then, since BIRD stops its restart timer as the new session comes up (BIRD
 * proto/bgp/bgp.c, bgp_conn_enter_established_state: `if (p->gr_active_num) tm_stop(p->gr_timer)`) and
 * ends the stale routes at the End-of-RIB (bgp_graceful_restart_done).
 */
export function settleAfterEndOfRib(t: Lab, server: string, shown: number | undefined): Settle {
  if (shown !== undefined && shown > 0) return { ms: shown * 1000, why: `one keepalive interval of the session, ${shown} s, as BIRD shows it` };
  const hold = localSpeakerSessions(t, server)[0]?.holdTimeSeconds ?? BIRD_DEFAULT_HOLD_S;
  return { ms: (hold * 1000) / 3, why: `a third of BIRD's hold time, ${hold} s (BIRD showed no keepalive timer)` };
}

/** The settle in words, for the titles. */
export const SETTLE_TITLE = "one keepalive interval of the speaker's session after its End-of-RIB (BIRD's keepalive timer, a third of the hold time the two sides agreed on)";

/** The longest a settle can be: a third of BIRD's hold time (the agreed one is no longer). */
export function longestSettleMs(t: Lab, server: string): number {
  return settleAfterEndOfRib(t, server, undefined).ms;
}

/**
 * The longest a restart scenario can take, for its spec file's test timeout: each restart's two waits of
 * the load (before the kill and once back), BIRD seeing the speaker go and the downtime (each within the
 * restart time), its return (up to the restart time and RESTORE_MS past it, restart-scenario.ts), the
 * longest settle, and the restore after it (RESTORE_MS); the late one runs a quick restart first, to
 * measure. Not a kind agent's own wait to be Ready, which is longer.
 */
export function restartsBoundMs(t: Lab, server: string, kind: RestartKind): number {
  const budgetMs = t.claims.restartTimeSeconds * 1000;
  const one = 2 * LOAD_WAIT_MS + 2 * budgetMs + (budgetMs + RESTORE_MS) + longestSettleMs(t, server) + RESTORE_MS;
  return kind === 'late' ? 2 * one : one;
}
