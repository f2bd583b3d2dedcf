// The failover bounds, derived from their sources: the graceful restart time the topology claims (held to
// the manifests elsewhere) or router0's BIRD config for a link that goes down, plus the processing
// allowance measured over runs of the failover spec; and the removal check held to them.
import { describe, expect, it } from 'vitest';
import { nextHopRemovedWithinBound } from '../lab/checks/failover.js';
import { boundMs, boundText, FAILOVER_WAYS, linkLossBound, PROCESSING_FACTOR, RESTART_TIME_OUT, SESSION_END } from '../lab/checks/failover-bounds.js';
import type { FailoverObservation } from '../lab/checks/failover-scenario.js';
import { topology } from './default-lab.js';
import { labWith } from './lab-copies.js';

const way = (id: string) => FAILOVER_WAYS.find((w) => w.id === id)!;
const allowance = (p99Ms: number): number => Math.ceil(p99Ms * PROCESSING_FACTOR);

/** The removal check on an observation whose removal came `removalMs` after server1's speaker was withdrawn. */
function removalAfter(removalMs: number) {
  const observation: FailoverObservation = {
    server: 'server1', disruptedAt: '2027-01-15T08:00:00.000000', disruptionHarnessMs: 1_800_000_000_000, removalMs,
    removal: { at: '2027-01-15T08:00:00.100000', atUs: 1_800_000_000_000_000 + removalMs * 1000, gateways: ['10.0.1.2'], deleted: false },
    removalHarnessMs: 1_800_000_000_000 + removalMs, clockUncertaintyMs: 2, changes: { value: [], raw: '(route changes)' }, requests: [],
  };
  return nextHopRemovedWithinBound(topology, 'server1', way('speaker-withdrawn'), async () => observation).run();
}

describe('failover bounds', () => {
  it("give a crashed speaker its graceful restart time, and a withdrawn one or a lost link (router0's direct sessions) none, each plus its measured allowance", () => {
    expect(boundMs(way('speaker-crash').bound(topology, 'server1'))).toBe(15_000 + allowance(RESTART_TIME_OUT.p99Ms));
    expect(boundMs(way('speaker-withdrawn').bound(topology, 'server1'))).toBe(allowance(SESSION_END.p99Ms));
    expect(boundMs(way('uplink-down').bound(topology, 'server1'))).toBe(allowance(SESSION_END.p99Ms));
    expect(linkLossBound(topology, 'server1').why).toMatch(/router0's session to server1 is direct \(bird\/router0.conf, protocol server1\)/);
  });

  it('say what they are made of: the protocol part and where it comes from, the measured p99, its runs, where, and the factor', () => {
    const text = boundText(way('speaker-crash').bound(topology, 'server1'));
    expect(text).toBe(
      "17.847 s: BIRD keeps the routes of a speaker lost without a NOTIFICATION for the speaker's graceful restart time (the lab's promise, lab/claims.yaml) (15 s), " +
        `plus 2.847 s for BIRD and the kernel (${PROCESSING_FACTOR} times ${RESTART_TIME_OUT.p99Ms} ms, the p99 of ${RESTART_TIME_OUT.samples} measured removal times less the restart time, ${RESTART_TIME_OUT.where})`,
    );
  });

  it("fall back to the hold time when router0's sessions are not direct: BIRD's default, or the config's", () => {
    const direct = { file: 'bird/router0.conf', from: '  direct;\n', to: '  multihop;\n' };
    expect(linkLossBound(labWith(direct), 'server1').protocolMs).toBe(240_000);
    expect(linkLossBound(labWith({ ...direct, to: '  multihop 2;\n  hold time 9;\n' }), 'server1').protocolMs).toBe(9_000);
  });

  it('hold the removal to the derived allowance: a removal within it passes, one slower fails', async () => {
    const bound = allowance(SESSION_END.p99Ms);
    expect(await removalAfter(bound)).toMatchObject({ ok: true });
    const late = await removalAfter(bound + 1);
    expect(late).toMatchObject({ ok: false, symptoms: ['removal-later-than-bound'] });
    expect(late.message).toMatch(/later than the bound/);
  });
});
