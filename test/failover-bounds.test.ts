// The failover bounds, derived from their sources: the graceful restart time the topology claims (held to
// the manifests elsewhere) and router0's BIRD config for a link that goes down.
import { describe, expect, it } from 'vitest';
import { boundMs, FAILOVER_WAYS, linkLossBound } from '../lab/checks/failover-bounds.js';
import { topology } from './default-lab.js';
import { labWith } from './lab-copies.js';

const way = (id: string) => FAILOVER_WAYS.find((w) => w.id === id)!;

describe('failover bounds', () => {
  it("give a crashed speaker its graceful restart time, and a withdrawn one or a lost link (router0's direct sessions) none", () => {
    expect(boundMs(way('speaker-crash').bound(topology, 'server1'))).toBe(17_000);
    expect(boundMs(way('speaker-withdrawn').bound(topology, 'server1'))).toBe(2_000);
    expect(boundMs(way('uplink-down').bound(topology, 'server1'))).toBe(2_000);
    expect(linkLossBound(topology, 'server1').why).toMatch(/router0's session to server1 is direct \(bird\/router0.conf, protocol server1\)/);
  });

  it("fall back to the hold time when router0's sessions are not direct: BIRD's default, or the config's", () => {
    const direct = { file: 'bird/router0.conf', from: '  direct;\n', to: '  multihop;\n' };
    expect(linkLossBound(labWith(direct), 'server1').protocolMs).toBe(240_000);
    expect(linkLossBound(labWith({ ...direct, to: '  multihop 2;\n  hold time 9;\n' }), 'server1').protocolMs).toBe(9_000);
  });
});
