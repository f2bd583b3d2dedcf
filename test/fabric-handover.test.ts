// The global setup hands each netns fabric to the spec files once it has converged, the shared one
// included, so that the workers start while the fabrics come up: what a spec file's fixture receives is
// the fabric, or the reason it did not come up, named for the fabric it waited for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetnsDescription } from '../lab/netns/description.js';
import type { RunningFabric } from '../lab/run/start.js';
import { handOver, receive, SHARED, type OwnFabrics } from '../specs/own-fabric.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function handovers(): OwnFabrics {
  const dir = mkdtempSync(join(tmpdir(), 'bgplab-handover-'));
  dirs.push(dir);
  return { dir: join(dir, 'own-fabrics'), files: ['failover-uplink-down.spec.ts'], shared: true };
}

const running = (runId: string): RunningFabric<NetnsDescription> => ({ description: { fabric: 'netns', runId } as NetnsDescription, finish: () => {} });

describe('the handover of a fabric from the global setup to the spec files', () => {
  it('gives the shared specs the shared fabric once its bring-up has ended, and a disruptive spec its own', async () => {
    const own = handovers();
    let converge: (r: RunningFabric<NetnsDescription>) => void = () => {};
    handOver(own, SHARED, new Promise((resolve) => (converge = resolve)));
    handOver(own, 'failover-uplink-down.spec.ts', Promise.resolve(running('b00002')));
    const shared = receive(own, SHARED);
    expect((await receive(own, 'failover-uplink-down.spec.ts')).runId).toBe('b00002');
    converge(running('b00001'));
    expect((await shared).runId).toBe('b00001');
  });

  it('fails a spec that waits for a fabric whose bring-up failed, with that failure, naming the fabric', async () => {
    const own = handovers();
    handOver(own, SHARED, Promise.reject(new Error('router0 routes 20.1.10.2 via server0 only')));
    handOver(own, 'failover-uplink-down.spec.ts', Promise.reject(new Error('BIRD on server1 exited')));
    await expect(receive(own, SHARED)).rejects.toThrow('the shared fabric did not come up: router0 routes 20.1.10.2 via server0 only');
    await expect(receive(own, 'failover-uplink-down.spec.ts')).rejects.toThrow('the own fabric of failover-uplink-down.spec.ts did not come up: BIRD on server1 exited');
  });
});
