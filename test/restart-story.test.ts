// The graceful-restart checks on recorded observations: a speaker back within the lab's restart time
// passes; one away longer (a whole agent pod on kind can be) fails with that story first, before the
// symptoms that follow from it (router0's FIB losing the server, BIRD no longer keeping the routes).
import { describe, expect, it } from 'vitest';
import { birdKeepsStaleRoutesThroughRestart, fibKeepsBothPathsThroughRestart } from '../lab/checks/graceful-restart.js';
import type { RestartObservation } from '../lab/checks/restart-scenario.js';
import type { KernelRoute } from '../lab/iproute/routes.js';
import { topology as t } from './default-lab.js';

const route = (gateways: string[]): KernelRoute => ({ dst: '20.1.10.2/32', type: 'unicast', protocol: 'bird', nextHops: gateways.map((gateway) => ({ gateway, dev: gateway === '10.0.1.2' ? 'net1' : 'net2' })) });
const both = { value: [route(['10.0.1.2', '10.0.2.2'])], raw: 'both' };
const moment = (state: string, stale: boolean) => ({ sessionState: state, gracefulRestartActive: stale, vipKept: true, raw: state });

function restart(awayMs: number, backMs: number, after: ReturnType<typeof moment>, changes: RestartObservation['changes'] = { value: [], raw: '' }): RestartObservation {
  return {
    server: 'server1', vipPrefix: '20.1.10.2/32', before: both, changes, after: both,
    whileDown: moment('Active', true), afterReturn: after, restartMs: backMs, killedAtMs: 1_000, startedAtMs: 1_000 + awayMs,
    requests: [{ port: 20001, server: 'server1', startedMs: 1_500, endedMs: 1_510 }],
  };
}

describe('the graceful-restart checks, on recorded restarts', () => {
  it('pass a speaker back with its End-of-RIB within the lab\'s 15 s, and say how long it was away', async () => {
    const o = restart(2_100, 3_400, moment('Established', false));
    const fib = await fibKeepsBothPathsThroughRestart(t, 'server1', async () => o).run();
    expect(fib).toMatchObject({ ok: true, message: expect.stringContaining("speaker away 2.10 s, back with its End-of-RIB 3.40 s after the kill, of the lab's 15 s") });
  });

  it('fail a speaker away longer than the lab\'s restart time with that story first', async () => {
    const flushed = { value: [{ at: '2026-12-06T00:00:16.000000', atUs: 16_000_000, gateways: ['10.0.1.2'], deleted: false }], raw: 'at 16 s: via 10.0.1.2' };
    const o = restart(41_300, 15_000, moment('Active', false), flushed);
    for (const check of [fibKeepsBothPathsThroughRestart, birdKeepsStaleRoutesThroughRestart]) {
      const outcome = await check(t, 'server1', async () => o).run();
      expect(outcome.ok).toBe(false);
      expect(outcome.message.split('\n')[0]).toBe(
        "the Cilium speaker of server1 was away for 41.30 s (back with its End-of-RIB 15.00 s after the kill), more than the lab's graceful restart time of 15 s: BIRD flushed its routes when that time ran out",
      );
    }
  });
});
