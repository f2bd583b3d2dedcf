// The address block checks come from the claims: one block per server, of the pool's block size, within
// the pool. What a fabric lists is judged against that, so a fabric that lists nothing fails.
import { describe, expect, it } from 'vitest';
import { addressBlockChecks, claimedBlockProblem } from '../lab/checks/address-blocks.js';
import type { Fabric } from '../lab/fabric/fabric-contract.js';
import { topology } from './default-lab.js';

const pool = topology.podPool;

describe("a server's address block, against the claims", () => {
  it('is one /27 of the pool', () => {
    expect(claimedBlockProblem(['10.1.0.32/27'], pool)).toBeUndefined();
    expect(claimedBlockProblem([], pool)).toBe('expected one address block, found 0');
    expect(claimedBlockProblem(['10.1.0.0/27', '10.1.0.64/27'], pool)).toBe('expected one address block, found 2 (10.1.0.0/27, 10.1.0.64/27)');
    expect(claimedBlockProblem(['10.1.0.0/24'], pool)).toBe('its block 10.1.0.0/24 is not a /27 of the pool 10.1.0.0/16');
    expect(claimedBlockProblem(['10.9.0.0/27'], pool)).toBe('its block 10.9.0.0/27 is not a /27 of the pool 10.1.0.0/16');
  });

  it('makes the same checks whatever the fabric lists, and they fail when it lists no block', async () => {
    const empty = { addressBlocks: async () => ({ server0: [], server1: [] }) } as unknown as Fabric;
    const checks = addressBlockChecks(empty, topology);
    expect(checks.map((c) => c.title)).toEqual([
      "router0: server0's address block (a /27 of 10.1.0.0/16) is routed via server0 (10.0.1.2)",
      "server1: server0's address block (a /27 of 10.1.0.0/16) is routed via router0 on the route server0 originated",
      "router0: server1's address block (a /27 of 10.1.0.0/16) is routed via server1 (10.0.2.2)",
      "server0: server1's address block (a /27 of 10.1.0.0/16) is routed via router0 on the route server1 originated",
    ]);
    for (const check of checks) expect(await check.run({} as never)).toMatchObject({ ok: false, message: expect.stringMatching(/expected one address block, found 0/) });
  });
});
