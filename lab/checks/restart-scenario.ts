// A graceful-restart scenario, run once and shared by its checks: under a steady load from router0, a
// server's Cilium speaker dies without a NOTIFICATION and comes back, quickly or late in the lab's
// graceful restart time (restart-timing.ts), each on a fabric of its own (the late one measures a quick
// return first, on its own fabric). router0's FIB for the VIP is watched change by change, from before
// the kill to one keepalive interval after the End-of-RIB, and the server's BIRD is read for the routes it
// keeps as stale and, once the speaker is back, for a flap; only then is the fabric put back
// (disruption-run.ts makes the load, the watch and the restore).
import type { Fabric } from '../fabric/fabric-contract.js';
import type { RouteChange } from '../iproute/route-monitor.js';
import type { KernelRoute } from '../iproute/routes.js';
import { pollUntilOrTimeout } from '../util/poll.js';
import { kernelRoutes, type Observed } from '../probes/routing.js';
import type { Lab } from '../description/index.js';
import { disruptUnderLoad } from './disruption-run.js';
import { routerClock } from './failover-scenario.js';
import { RESTORE_MS } from './restore.js';
import { birdMoment, flapSince, isBack, type BirdMoment } from './restart-bird.js';
import { lateDowntime, QUICK_DOWNTIME, settleAfterEndOfRib, type Downtime, type RestartKind, type Settle } from './restart-timing.js';
import { throughEach, type LoadRequest } from './steady-load.js';

export type { BirdMoment } from './restart-bird.js';

/** One restart, as seen. */
export interface RestartObservation {
  readonly kind: RestartKind;
  readonly server: string;
  readonly vipPrefix: string;
  /** how long the scenario meant to keep the speaker down, and why that long */
  readonly downtime: Downtime;
  readonly before: Observed<KernelRoute[]>;
  /** router0's changes from before the kill to the end of the settle */
  readonly changes: Observed<RouteChange[]>;
  /** router0's FIB at the end of the settle, before anything was restored */
  readonly after: Observed<KernelRoute[]>;
  /** BIRD once the speaker was gone (or the last look, if its session never left Established) */
  readonly whileDown: BirdMoment;
  /** the first look, while the speaker was away, at BIRD without the VIP from it: its stale routes flushed */
  readonly dropped?: BirdMoment;
  /** BIRD once the speaker was back (or the last look, if it never was) */
  readonly afterReturn: BirdMoment;
  /** from the kill to BIRD's restart being over (the speaker back and its End-of-RIB received), or to the last look */
  readonly restartMs: number;
  /**
   * When the speaker was killed, asked to start again, started (netns: its paths in and its neighbors
   * enabled; kind: the new agent Ready), and seen back, on the harness's clock (Date.now())
   */
  readonly killedAtMs: number;
  readonly startingAtMs: number;
  readonly startedAtMs: number;
  readonly backAtMs?: number;
  /** when BIRD was seen to have the End-of-RIB, on router0's clock as `ip -ts` prints it */
  readonly endOfRib?: { readonly at: string; readonly us: number };
  readonly settle: Settle;
  /** each different way BIRD showed the session flapped after the End-of-RIB, in order */
  readonly flaps: readonly string[];
  readonly requests: readonly LoadRequest[];
}

/** The restarts a scenario judges: the quick one, or the late one. */
export interface RestartsObservation {
  readonly server: string;
  readonly restarts: readonly RestartObservation[];
}

/** After a restart's End-of-RIB: watch the session settle (a judged restart), or not (the late scenario's measuring one). */
type AfterReturn = 'settle' | 'measure only';

/**
 * How often BIRD is read while the speaker is away and while the session settles: each look is two birdc
 * commands (every 100 ms, with failover's FIB read every 50 ms, they cost about 2 s more of a suite run's
 * CPU). 250 ms still sees every flap (a speaker redials no sooner than 1 s after losing its session,
 * restart-bird.ts), and times a return to within a quarter of a second of the lab's 15 s, whose late
 * restart ends seconds before it.
 */
const BIRD_POLL_MS = 250;

/** Runs one restart of `server`'s speaker, kept down for `downtime` where the fabric can keep it down. */
async function restartOnce(fabric: Fabric, t: Lab, server: string, kind: RestartKind, downtime: Downtime, then: AfterReturn = 'settle'): Promise<RestartObservation> {
  const vipPrefix = `${t.service.vip}/32`;
  const budgetMs = t.claims.restartTimeSeconds * 1000;
  const look = (): Promise<BirdMoment> => birdMoment(fabric, t, server, vipPrefix);
  let started = false;
  const undo = async (): Promise<void> => (started ? undefined : fabric.disruptions.startSpeaker(server));
  const what = `${server}'s Cilium speaker restarts (${kind})`;
  const run = await disruptUnderLoad(fabric, t, what, undo, async ({ load, disrupt }) => {
    const before = await kernelRoutes(fabric, t.router.name, vipPrefix);
    const killedAtMs = Date.now();
    await disrupt(() => fabric.disruptions.killSpeaker(server));
    let whileDown = await look();
    let dropped: BirdMoment | undefined;
    const away = (m: BirdMoment): void => void (dropped ??= m.sessionState !== 'Established' && !m.vipKept ? m : undefined);
    await pollUntilOrTimeout({
      what: `${server}'s BIRD sees the speaker's session go`,
      timeoutMs: budgetMs,
      intervalMs: BIRD_POLL_MS,
      check: async () => {
        whileDown = await look();
        away(whileDown);
        return { done: whileDown.sessionState !== 'Established', seen: whileDown.sessionState };
      },
    });
    // Where the fabric can keep the speaker down (netns), the downtime is a duration, not a condition:
    // BIRD is read meanwhile for its stale routes. On kind the DaemonSet brings the agent back when it will.
    if (!fabric.disruptions.cannotKeepSpeakerDown) {
      await pollUntilOrTimeout({
        what: `${server}'s speaker has been down ${downtime.ms / 1000} s`,
        timeoutMs: Math.max(0, killedAtMs + downtime.ms - Date.now()),
        intervalMs: BIRD_POLL_MS,
        check: async () => {
          away(await look());
          return { done: false, seen: 'down' };
        },
      });
    }
    const startingAtMs = Date.now();
    await fabric.disruptions.startSpeaker(server);
    const startedAtMs = Date.now();
    started = true;
    let afterReturn = whileDown;
    // Past the restart time by as long as a restore may take, so that a late return is timed, not missed.
    const back = await pollUntilOrTimeout({
      what: `${server}'s speaker is back and BIRD's graceful restart is over`,
      timeoutMs: Math.max(0, killedAtMs + budgetMs + RESTORE_MS - Date.now()),
      intervalMs: BIRD_POLL_MS,
      check: async () => {
        afterReturn = await look();
        away(afterReturn);
        return { done: isBack(afterReturn), seen: afterReturn.sessionState };
      },
    });
    const backAtMs = back.done ? Date.now() : undefined;
    const endOfRib = back.done ? await routerClock(fabric) : undefined;
    const settle = then === 'settle' ? settleAfterEndOfRib(t, server, afterReturn.keepaliveSeconds) : { ms: 0, why: 'not watched: this restart only measures the return' };
    const flaps: string[] = [];
    if (backAtMs !== undefined && then === 'settle') {
      await pollUntilOrTimeout({
        what: `${server}'s session stays up for ${settle.why}`,
        timeoutMs: settle.ms,
        intervalMs: BIRD_POLL_MS,
        check: async () => {
          const now = await look();
          const flap = flapSince(now);
          if (flap && flaps.at(-1) !== flap) flaps.push(flap);
          return { done: false, seen: flap ?? 'Established' };
        },
      });
      await load.until(`2 requests through ${server} once it is back`, throughEach([server], 2, backAtMs));
    }
    const after = await kernelRoutes(fabric, t.router.name, vipPrefix);
    const restartMs = (backAtMs ?? Date.now()) - killedAtMs;
    return { before, after, whileDown, ...(dropped ? { dropped } : {}), afterReturn, killedAtMs, startingAtMs, startedAtMs, ...(backAtMs ? { backAtMs } : {}), ...(endOfRib ? { endOfRib: { at: endOfRib.text, us: endOfRib.us } } : {}), restartMs, settle, flaps };
  });
  return { kind, server, vipPrefix, downtime, changes: run.changes, requests: run.requests, ...run.value };
}

/**
 * Runs the `kind` restart of `server`'s speaker once; the checks share the observation. The late one
 * first restarts the speaker quickly to measure its return on this fabric, unwatched and unjudged.
 */
export function restartScenario(fabric: Fabric, t: Lab, server: string, kind: RestartKind): () => Promise<RestartsObservation> {
  let observed: Promise<RestartsObservation> | undefined;
  const run = async (): Promise<RestartsObservation> => {
    if (kind === 'quick') return { server, restarts: [await restartOnce(fabric, t, server, 'quick', QUICK_DOWNTIME)] };
    const quick = await restartOnce(fabric, t, server, 'quick', QUICK_DOWNTIME, 'measure only');
    // from asking for the start (its launch, its dial, its routes) to its End-of-RIB
    const quickReturnMs = (quick.backAtMs ?? quick.killedAtMs + t.claims.restartTimeSeconds * 1000) - quick.startingAtMs;
    return { server, restarts: [await restartOnce(fabric, t, server, 'late', lateDowntime(t, server, quickReturnMs))] };
  };
  return () => (observed ??= run());
}
