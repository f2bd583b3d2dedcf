// The graceful-restart and failover scenarios as timelines for the run's page: router0's FIB changes for
// the VIP (the route watch), the disruption and what followed it (End-of-RIB, the removal), the bound the
// claim sets, and every request of the load with the server it went to and whether it was answered. All
// on one clock, in ms from the first request: the route watch's times are router0's (`ip -ts`, its local
// time read as UTC), moved onto the harness's clock by the disruption's known place on both, or, with
// none, by the local time's offset (the netns nodes share the host's clock and time zone).
import { monitorTimeUs, type RouteChange } from '../iproute/route-monitor.js';
import type { KernelRoute } from '../iproute/routes.js';
import { serverNames, type Lab } from '../description/index.js';
import type { FailoverObservation } from './failover-scenario.js';
import type { FibChange, LoadTimelineFigure, TimelineMark, TimelineRequest } from './figures.js';
import type { RestartObservation } from './restart-scenario.js';
import type { LoadRequest } from './steady-load.js';

/** router0's `ip -ts` time (µs, local time read as UTC) on the harness's clock (Date.now() ms). */
type ToHarnessMs = (atUs: number) => number;

const localClock: ToHarnessMs = (atUs) => atUs / 1000 + new Date(atUs / 1000).getTimezoneOffset() * 60_000;

function requestsFrom(requests: readonly LoadRequest[], t0: number): TimelineRequest[] {
  return requests.map((r) => ({
    port: r.port, server: r.server, startMs: r.startedMs - t0, endMs: r.endedMs - t0, ok: !r.problem, ...(r.problem ? { problem: r.problem } : {}),
  }));
}

function fibFrom(before: readonly KernelRoute[] | undefined, changes: readonly RouteChange[], toHarness: ToHarnessMs, t0: number): FibChange[] {
  const first: FibChange[] = before ? [{ atMs: 0, nextHops: before.flatMap((r) => r.nextHops.flatMap((h) => (h.gateway ? [h.gateway] : []))), deleted: before.length === 0, initial: true }] : [];
  return [...first, ...changes.map((c) => ({ atMs: Math.max(0, toHarness(c.atUs) - t0), nextHops: [...c.gateways], deleted: c.deleted }))];
}

const at = (atMs: number, t0: number, label: string): TimelineMark => ({ atMs: atMs - t0, label });

/** The graceful restart of `o.server`'s speaker. */
export function restartTimeline(t: Lab, o: RestartObservation): LoadTimelineFigure {
  const t0 = Math.min(o.requests[0]?.startedMs ?? o.killedAtMs, o.killedAtMs);
  return {
    kind: 'load-timeline',
    scenario: 'graceful-restart',
    title: `${o.server}'s Cilium speaker restarts (${o.kind} restart)`,
    server: o.server,
    servers: serverNames(t),
    marks: [at(o.killedAtMs, t0, 'speaker killed'), at(o.startedAtMs, t0, 'speaker started'), at(o.killedAtMs + o.restartMs, t0, 'End-of-RIB, restart over')],
    bound: at(o.killedAtMs + t.claims.restartTimeSeconds * 1000, t0, `graceful restart time, ${t.claims.restartTimeSeconds} s`),
    fib: fibFrom(o.before.value, o.changes.value, localClock, t0),
    requests: requestsFrom(o.requests, t0),
    figures: { restartMs: o.restartMs, requests: o.requests.length, failedRequests: o.requests.filter((r) => r.problem).length },
  };
}

/** One failover way (`scenario`, its id) on `o.server`, with its bound in ms. */
export function failoverTimeline(t: Lab, scenario: string, title: string, o: FailoverObservation, boundMs: number): LoadTimelineFigure {
  const disruptedUs = monitorTimeUs(o.disruptedAt);
  const disruptedHarnessMs = o.disruptionHarnessMs;
  const toHarness: ToHarnessMs = (atUs) => disruptedHarnessMs + (atUs - disruptedUs) / 1000;
  const t0 = Math.min(o.requests[0]?.startedMs ?? disruptedHarnessMs, disruptedHarnessMs);
  const marks = [at(disruptedHarnessMs, t0, 'disruption'), ...(o.removalHarnessMs !== undefined ? [at(o.removalHarnessMs, t0, `${o.server} dropped from the FIB`)] : [])];
  return {
    kind: 'load-timeline',
    scenario,
    title,
    server: o.server,
    servers: serverNames(t),
    marks,
    bound: at(disruptedHarnessMs + boundMs, t0, `bound, ${(boundMs / 1000).toFixed(1)} s`),
    fib: fibFrom(undefined, o.changes.value, toHarness, t0),
    requests: requestsFrom(o.requests, t0),
    figures: { ...(o.removalMs !== undefined ? { removalMs: o.removalMs } : {}), requests: o.requests.length, failedRequests: o.requests.filter((r) => r.problem).length },
    ...(o.afterRemoval ? { captures: o.afterRemoval.files } : {}),
  };
}
