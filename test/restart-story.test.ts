// The graceful-restart checks on recorded observations of the two restarts: speakers back within the
// lab's restart time pass; one away longer (a whole agent pod on kind can be) fails with that story
// first, before the symptoms that follow from it; a session that flaps after its End-of-RIB (router0's
// FIB losing the path, or BIRD's session leaving Established, within the settle) fails with its own
// symptom. And the late restart's downtime and the settle, derived from the lab.
import { describe, expect, it } from 'vitest';
import { birdKeepsStaleRoutesThroughRestart, fibKeepsBothPathsThroughRestart, noRequestFailsThroughRestart } from '../lab/checks/graceful-restart.js';
import type { BirdMoment, RestartObservation, RestartsObservation } from '../lab/checks/restart-scenario.js';
import { flapSince } from '../lab/checks/restart-bird.js';
import { lateDowntime, QUICK_DOWNTIME, settleAfterEndOfRib } from '../lab/checks/restart-timing.js';
import type { KernelRoute } from '../lab/iproute/routes.js';
import { topology as t } from './default-lab.js';

const route = (gateways: string[]): KernelRoute => ({ dst: '20.1.10.2/32', type: 'unicast', protocol: 'bird', nextHops: gateways.map((gateway) => ({ gateway, dev: gateway === '10.0.1.2' ? 'net1' : 'net2' })) });
const both = { value: [route(['10.0.1.2', '10.0.2.2'])], raw: 'both' };
const moment = (state: string, stale: boolean, since = '01:00:00.000'): BirdMoment => ({ sessionState: state, gracefulRestartActive: stale, vipKept: true, since, keepaliveSeconds: 30, raw: state });
/** 2026-12-06T00:00:SS on router0's clock, in microseconds as `ip -ts` gives them */
const at = (s: number): { at: string; us: number } => ({ at: `2026-12-06T00:00:${s.toFixed(6).padStart(9, '0')}`, us: Date.parse('2026-12-06T00:00:00Z') * 1000 + s * 1_000_000 });
const change = (s: number, gateways: string[]) => ({ at: at(s).at, atUs: at(s).us, gateways, deleted: false });

function restart(kind: 'quick' | 'late', awayMs: number, backMs: number | undefined, more: Partial<RestartObservation> = {}): RestartObservation {
  return {
    kind, server: 'server1', vipPrefix: '20.1.10.2/32', downtime: kind === 'quick' ? QUICK_DOWNTIME : lateDowntime(t, 'server1', 1_800),
    before: both, changes: { value: [], raw: '' }, after: both,
    whileDown: moment('Active', true), afterReturn: moment('Established', false), restartMs: backMs ?? 40_000, killedAtMs: 1_000, startingAtMs: 1_000 + awayMs, startedAtMs: 1_000 + awayMs,
    ...(backMs !== undefined ? { backAtMs: 1_000 + backMs, endOfRib: at(backMs / 1000) } : {}),
    settle: settleAfterEndOfRib(t, 'server1', 30), flaps: [],
    requests: [{ port: 20001, server: 'server1', startedMs: 1_020, endedMs: 1_030 }],
    ...more,
  };
}
const scenario = (...restarts: RestartObservation[]) => async (): Promise<RestartsObservation> => ({ server: 'server1', restarts });
const inTime = (): RestartObservation[] => [restart('quick', 40, 1_850), restart('late', 11_400, 13_300)];
const CHECKS = [fibKeepsBothPathsThroughRestart, birdKeepsStaleRoutesThroughRestart, noRequestFailsThroughRestart];

describe('the graceful-restart checks, on recorded restarts', () => {
  it("pass two speakers back with their End-of-RIB within the lab's 15 s, and say how long each was away and why", async () => {
    for (const check of CHECKS) expect(await check(t, 'server1', 'late', scenario(...inTime())).run()).toMatchObject({ ok: true });
    const fib = await fibKeepsBothPathsThroughRestart(t, 'server1', 'late', scenario(...inTime())).run();
    expect(fib.message).toContain("quick restart: speaker away 0.04 s (meant: started again as soon as BIRD saw its session go), back with its End-of-RIB 1.85 s after the kill, of the lab's 15 s, then watched 30.00 s (one keepalive interval of the session, 30 s, as BIRD shows it)");
    expect(fib.message).toContain("late restart: speaker away 11.40 s (meant: 9.60 s = the lab's 15 s less 3 times a quick restart's return just before (1.80 s, from starting it to its End-of-RIB) less BIRD's part, 0.00 s (BIRD's session cilium is passive: it only accepts, at once))");
  });

  it("fail a speaker away longer than the lab's restart time with that story first", async () => {
    const flushed = { value: [change(16, ['10.0.1.2']), change(42, ['10.0.1.2', '10.0.2.2'])], raw: 'at 16 s: via 10.0.1.2' };
    const late = restart('late', 41_300, 42_000, { changes: flushed, dropped: { ...moment('Active', false), vipKept: false } });
    for (const check of CHECKS) {
      const outcome = await check(t, 'server1', 'late', scenario(restart('quick', 40, 1_850), late)).run();
      expect(outcome.ok).toBe(false);
      expect(outcome.message.split('\n')[0]).toBe(
        "late restart: the Cilium speaker of server1 was away for 41.30 s (back with its End-of-RIB 42.00 s after the kill), more than the lab's graceful restart time of 15 s: BIRD flushed its routes when that time ran out",
      );
      expect(outcome.symptoms![0]).toBe('speaker-back-after-restart-time');
    }
    expect((await fibKeepsBothPathsThroughRestart(t, 'server1', 'late', scenario(late)).run()).symptoms).toEqual(['speaker-back-after-restart-time', 'fib-path-lost-during-restart']);
    expect((await birdKeepsStaleRoutesThroughRestart(t, 'server1', 'late', scenario(late)).run()).symptoms).toEqual(['speaker-back-after-restart-time', 'stale-route-dropped']);
  });

  it('fail a path lost after the End-of-RIB as a flap, not as the restart', async () => {
    const lostAfter = { value: [change(3, ['10.0.1.2']), change(5, ['10.0.1.2', '10.0.2.2'])], raw: 'at 3 s: via 10.0.1.2' };
    const quick = restart('quick', 40, 1_850, { changes: lostAfter });
    const outcome = await fibKeepsBothPathsThroughRestart(t, 'server1', 'late', scenario(quick)).run();
    expect(outcome).toMatchObject({ ok: false, symptoms: ['session-flapped-after-end-of-rib'] });
    expect(outcome.message).toContain('quick restart: at 2026-12-06T00:00:03.000000, after the End-of-RIB (seen at 2026-12-06T00:00:01.850000): {via 10.0.1.2} for 2000.000 ms: the session flapped once it was back');
    // the same loss before the End-of-RIB is the restart's own
    const during = restart('quick', 40, 4_000, { changes: lostAfter });
    expect((await fibKeepsBothPathsThroughRestart(t, 'server1', 'late', scenario(during)).run()).symptoms).toEqual(['fib-path-lost-during-restart']);
  });

  it("fail BIRD's session leaving Established after the End-of-RIB", async () => {
    const flapping = restart('late', 11_400, 13_300, { flaps: ['session Active (since 01:00:20.000)', '"Neighbor graceful restart active" again'] });
    const outcome = await birdKeepsStaleRoutesThroughRestart(t, 'server1', 'late', scenario(restart('quick', 40, 1_850), flapping)).run();
    expect(outcome).toMatchObject({ ok: false, symptoms: ['session-flapped-after-end-of-rib'] });
    expect(outcome.message).toContain('late restart: within one keepalive interval of the session, 30 s, as BIRD shows it after the End-of-RIB: session Active (since 01:00:20.000)');
  });
});

describe('a flap, as BIRD shows it after the End-of-RIB', () => {
  it('is none while the session stays Established with the VIP, whatever its "Since" says', () => {
    expect(flapSince(moment('Established', false, '01:00:00.001'))).toBeUndefined();
  });

  it('is a session that left Established, went into graceful restart again, or lost the VIP', () => {
    expect(flapSince(moment('Active', true, '01:00:20.000'))).toBe('session Active (since 01:00:20.000), "Neighbor graceful restart active" again');
    expect(flapSince({ ...moment('Established', false), vipKept: false })).toBe('the VIP no longer from the speaker');
  });
});

describe("the restarts' timing, from the lab", () => {
  it('keeps the late speaker down for the restart time less 3 times the quick return, and never below 0', () => {
    expect(lateDowntime(t, 'server1', 1_800).ms).toBe(9_600);
    expect(lateDowntime(t, 'server1', 5_000).ms).toBe(0);
  });

  it('watches one keepalive interval as BIRD shows it, or a third of its hold time', () => {
    expect(settleAfterEndOfRib(t, 'server1', 30)).toMatchObject({ ms: 30_000 });
    expect(settleAfterEndOfRib(t, 'server1', undefined)).toMatchObject({ ms: 80_000, why: "a third of BIRD's hold time, 240 s (BIRD showed no keepalive timer)" });
  });
});
