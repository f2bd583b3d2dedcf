// The failover's requests check on a synthetic load around a recorded "after": only requests to server1
// under way from the disruption until router0 dropped it (plus the slack) may fail. A lab that failed
// every request through server1 from the start fails it, saying so first; so does a failure through
// server0, or one after the removal.
import { describe, expect, it } from 'vitest';
import type { DirectedFrames } from '../lab/checks/capturing.js';
import { onlyRequestsDuringRemovalFail } from '../lab/checks/failover.js';
import { FAILOVER_WAYS } from '../lab/checks/failover-bounds.js';
import type { FailoverObservation } from '../lab/checks/failover-scenario.js';
import { observeFlows } from '../lab/checks/flows.js';
import type { LoadRequest } from '../lab/checks/steady-load.js';
import { expectedBody } from '../lab/checks/traffic.js';
import { readPcap } from '../lab/pcap/read.js';
import { topology } from './default-lab.js';
import { fixturePath } from './fixtures.js';

const DISRUPTED_MS = 1_800_000_000_000;
const REMOVAL_MS = 10;
const way = FAILOVER_WAYS.find((w) => w.id === 'speaker-withdrawn')!;
const NO_ANSWER = 'status 0: curl: (28) Connection timed out';
const REFUSED = 'status 0: curl: (7) Failed to connect';

async function recorded(server: string): Promise<DirectedFrames> {
  return { in: await readPcap(fixturePath(`pcap/directed/${server}-net0-in.pcap`)), out: await readPcap(fixturePath(`pcap/directed/${server}-net0-out.pcap`)) };
}

/** The recorded flows that entered server0 only, answered: what router0 sends once server1 is dropped. */
async function afterRemoval(): Promise<NonNullable<FailoverObservation['afterRemoval']>> {
  const frames = { server0: await recorded('server0'), server1: await recorded('server1') };
  const flows = [...observeFlows({ vip: topology.service.vip, port: topology.service.port }, frames).values()].filter((f) => f.synIn.join() === 'server0');
  const value = flows.map((f) => ({ localAddress: f.client.split(':')[0]!, localPort: Number(f.client.split(':')[1]), status: 200, body: expectedBody(topology) }));
  return { value, frames, files: ['server0-net0-in.pcap'] };
}

/**
 * A request every 50 ms, each 5 ms long, from 5 s before the disruption to 2 s after it: alternately to
 * server0 and server1 until the removal (10 ms after the disruption), to server0 after; `problem` says which fail.
 */
function load(problem: (r: LoadRequest) => string | undefined): LoadRequest[] {
  return Array.from({ length: 140 }, (_, i) => {
    const startedMs = DISRUPTED_MS - 5_000 + i * 50;
    const server = startedMs > DISRUPTED_MS + REMOVAL_MS || i % 2 === 0 ? 'server0' : 'server1';
    const r = { port: 30_000 + i, server, startedMs, endedMs: startedMs + 5 };
    const failed = problem(r);
    return failed ? { ...r, problem: failed } : r;
  });
}

async function judge(requests: readonly LoadRequest[]) {
  const observation: FailoverObservation = {
    server: 'server1', disruptedAt: '2027-01-15T08:00:00.000000', disruptionHarnessMs: DISRUPTED_MS, removalMs: REMOVAL_MS,
    removalHarnessMs: DISRUPTED_MS + REMOVAL_MS, clockUncertaintyMs: 2, changes: { value: [], raw: '(no route changes recorded)' },
    requests, afterRemoval: await afterRemoval(),
  };
  return onlyRequestsDuringRemovalFail(topology, 'server1', way, async () => observation).run();
}

describe("failover's requests", () => {
  it('fail when every request through server1 failed from the start: the lab was already failing that path', async () => {
    const outcome = await judge(load((r) => (r.server === 'server1' ? REFUSED : undefined)));
    expect(outcome.ok).toBe(false);
    expect(outcome.symptoms).toEqual(['request-failed-before-disruption']);
    expect(outcome.message).toMatch(/^50 of 50 requests through server1 failed before the disruption \(the first at 2027-01-15T07:59:55\.050Z, 4950 ms before it: status 0: curl: \(7\)/);
  });

  it('pass when only requests to server1 under way from the disruption to the removal and its slack fail', async () => {
    // under way at the disruption (started 50 ms before it, ended 1.45 s after), and started 2 ms after the removal
    const inside = [DISRUPTED_MS - 50, DISRUPTED_MS + REMOVAL_MS + 2];
    const requests = [...load(() => undefined), ...inside.map((startedMs, i) => ({ port: 40_000 + i, server: 'server1', startedMs, endedMs: startedMs + 1_500, problem: NO_ANSWER }))];
    const outcome = await judge(requests);
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.message).toMatch(/^2 failed, all to server1 between the disruption and the removal/);
  });

  it('fail on a request through server0 that failed meanwhile', async () => {
    const requests = [...load(() => undefined), { port: 40_000, server: 'server0', startedMs: DISRUPTED_MS + 3, endedMs: DISRUPTED_MS + 1_503, problem: NO_ANSWER }];
    const outcome = await judge(requests);
    expect(outcome.symptoms).toEqual(['request-failed-through-other-server']);
    expect(outcome.message).toMatch(/^1 request through server0 failed while router0 was dropping server1/);
  });

  it('fail on a request to server1 started past the removal and its slack', async () => {
    const startedMs = DISRUPTED_MS + REMOVAL_MS + 53;
    const outcome = await judge([...load(() => undefined), { port: 40_000, server: 'server1', startedMs, endedMs: startedMs + 1_500, problem: NO_ANSWER }]);
    expect(outcome.symptoms).toEqual(['request-failed-after-removal']);
  });
});
