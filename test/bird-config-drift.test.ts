// bird/*.conf must agree with lab/topology.ts: the same files run in both fabrics, and the specs take
// their expectations from the topology.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { birdConfigFacts } from '../lab/bird/config.js';
import { BLOCK_EXPORT_TABLE } from '../lab/netns/pods.js';
import { birdConfigDir } from '../lab/paths.js';
import { expectedBirdSessions, nodeNames, topology } from '../lab/topology.js';

const facts = (node: string) => birdConfigFacts(join(birdConfigDir, `${node}.conf`));

describe('bird/*.conf agree with the topology', () => {
  for (const node of nodeNames) {
    it(`${node}.conf: router id and BGP sessions`, () => {
      const config = facts(node);
      expect(config.routerId).toBe(topology.nodes[node].routerId);
      const sessions = config.bgpProtocols.map((p) => ({
        protocol: p.name,
        neighborAddress: p.neighborAddress,
        neighborAs: p.neighborAs,
        localAs: p.localAs,
      }));
      expect(new Set(sessions)).toEqual(new Set(expectedBirdSessions(topology, node)));
    });
  }

  for (const server of ['server0', 'server1'] as const) {
    it(`${server}.conf: learns Coil's blocks from table ${BLOCK_EXPORT_TABLE} and filters the VIP community`, () => {
      const config = facts(server);
      expect(config.kernelTables).toEqual([BLOCK_EXPORT_TABLE]);
      const [asn, value] = topology.service.community;
      expect(config.defines.CILIUM_LB_VIP?.replace(/\s/g, '')).toBe(`(${asn},${value})`);
    });
  }
});
