// Failover's captures reach the run's page: the requests sent once the server was dropped are captured on
// the uplinks still up, and the timeline figure names those pcaps, so that the test annotates them
// (specs/annotate-evidence.ts) and the page links them, as it does the dsr and ecmp captures. A run that
// never saw the removal sent no such requests and names none.
import { describe, expect, it } from 'vitest';
import type { FailoverObservation } from '../lab/checks/failover-scenario.js';
import { failoverTimeline } from '../lab/checks/timeline-figures.js';
import { capturesOf } from '../lab/report/annotations.js';
import { topology as t } from './default-lab.js';

const files = ['/a/failover/uplink-down/server0-net0-in.pcap', '/a/failover/uplink-down/server0-net0-out.pcap'];
const observed = (removed: boolean): FailoverObservation => ({
  server: 'server1',
  disruptedAt: '2026-12-06T00:00:01.000000',
  disruptionHarnessMs: 1_000,
  ...(removed ? { removalMs: 12, removalHarnessMs: 1_012 } : {}),
  clockUncertaintyMs: 1,
  changes: { value: [], raw: '' },
  requests: [{ port: 20001, server: 'server0', startedMs: 990, endedMs: 995 }],
  ...(removed ? { afterRemoval: { value: [], frames: {}, files } } : {}),
});

describe("failover's timeline figure", () => {
  it('names the captures of the requests sent after the removal, which the test then annotates', () => {
    const figure = failoverTimeline(t, 'uplink-down', "server1's uplink goes down", observed(true), 606);
    expect(figure.captures).toEqual(files);
    expect(capturesOf([figure])).toEqual(files);
  });

  it('names none when the removal never came, and nothing was sent after it', () => {
    const figure = failoverTimeline(t, 'uplink-down', "server1's uplink goes down", observed(false), 606);
    expect(figure.captures).toBeUndefined();
    expect(capturesOf([figure])).toEqual([]);
  });
});
