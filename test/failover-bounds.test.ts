// The failover bounds, derived from their sources: the graceful restart time the topology claims (held to
// the manifests elsewhere) and router0's BIRD config for a link that goes down.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundMs, FAILOVER_WAYS, linkLossBound } from '../lab/checks/failover-bounds.js';
import { repoRoot } from '../lab/paths.js';
import { topology } from '../lab/topology.js';

const way = (id: string) => FAILOVER_WAYS.find((w) => w.id === id)!;

describe('failover bounds', () => {
  it("give a crashed speaker its graceful restart time, and a withdrawn one or a lost link (router0's direct sessions) none", () => {
    expect(boundMs(way('speaker-crash').bound(topology, 'server1'))).toBe(17_000);
    expect(boundMs(way('speaker-withdrawn').bound(topology, 'server1'))).toBe(2_000);
    expect(boundMs(way('uplink-down').bound(topology, 'server1'))).toBe(2_000);
    expect(readFileSync(join(repoRoot, 'bird', 'router0.conf'), 'utf8')).toMatch(/template bgp rr_client \{[^}]*\n\s*direct;/);
  });

  it("fall back to the hold time when router0's sessions are not direct: BIRD's default, or the config's", () => {
    const multihop = 'template bgp rr_client {\n  local as 65001;\n  multihop;\n}\n';
    expect(linkLossBound(multihop).protocolMs).toBe(240_000);
    expect(linkLossBound('template bgp rr_client {\n  multihop 2;\n  hold time 9;\n}\n').protocolMs).toBe(9_000);
  });
});
