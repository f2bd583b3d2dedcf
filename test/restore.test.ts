// Putting the fabric back after a disruption: whole again clears the reuse mark; not whole within the
// bound marks it unusable and fails loudly, naming what is still broken.
import { describe, expect, it } from 'vitest';
import { restoreSteadyState } from '../lab/checks/restore.js';
import type { Disruptions } from '../lab/fabric/disruptions.js';
import type { NodeExecutor } from '../lab/exec/conversation.js';
import type { Fabric } from '../lab/fabric/fabric-contract.js';
import { topology } from './default-lab.js';

/** A fabric on which nothing is Established and router0 has no route: never whole. */
function brokenFabric(marks: (string | undefined)[]): Fabric {
  const node: NodeExecutor = {
    where: 'node',
    run: async (argv) => ({ command: argv, exitCode: 0, stdout: '[]', stderr: '' }),
    converse: () => {
      throw new Error('no conversation on this fabric');
    },
  };
  const disruptions = { markUnusable: (reason: string | undefined) => void marks.push(reason) } as Partial<Disruptions> as Disruptions;
  return { kind: 'netns', node: () => node, birdc: async () => 'BIRD 2.0.12 ready.\n', speakerSessions: async () => [], disruptions } as Partial<Fabric> as Fabric;
}

describe('restoring the fabric after a disruption', () => {
  it('marks a fabric that does not come back unusable for reuse, and says so loudly', async () => {
    const marks: (string | undefined)[] = [];
    let undone = false;
    const restoring = restoreSteadyState(brokenFabric(marks), topology, "server1's uplink (net0) goes down", async () => void (undone = true), 300);
    await expect(restoring).rejects.toThrow(/^THE FABRIC IS BROKEN: after server1's uplink \(net0\) goes down the fabric did not come back within 0.3 s: router0: /);
    expect(undone).toBe(true);
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatch(/did not come back within 0\.3 s/);
  });

  it('says that undoing failed, when it did', async () => {
    const restoring = restoreSteadyState(brokenFabric([]), topology, "server1's Cilium speaker restarts", async () => { throw new Error('gobgpd would not start'); }, 200);
    await expect(restoring).rejects.toThrow(/undoing it failed: Error: gobgpd would not start/);
  });
});
