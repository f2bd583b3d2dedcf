import { Address4 } from 'ip-address';
import { describe, expect, it } from 'vitest';
import { nodeIp, routerAddressTowards, serverNames, topology } from '../lab/topology.js';

describe('the topology is consistent', () => {
  it('links join interfaces that exist on their nodes, each used once', () => {
    const ends = topology.links.flat();
    for (const end of ends) {
      expect(topology.nodes[end.node].interfaces.map((i) => i.name)).toContain(end.interface);
    }
    expect(new Set(ends.map((e) => `${e.node}:${e.interface}`)).size).toBe(ends.length);
  });

  it("each server's gateway is router0's address on the same link and subnet", () => {
    for (const server of serverNames) {
      const link = topology.links.find(([a, b]) => a.node === 'router0' && b.node === server);
      const routerEnd = topology.nodes.router0.interfaces.find((i) => i.name === link?.[0].interface);
      expect(routerEnd?.cidr.split('/')[0]).toBe(routerAddressTowards(topology, server));
      expect(new Address4(nodeIp(topology, server)).isInSubnet(new Address4(routerEnd!.cidr))).toBe(true);
    }
  });

  it('every workload and the service backend are on a server, the backend runs the echo server', () => {
    const { backend } = topology.service;
    const echo = topology.workloads.find((w) => w.namespace === backend.namespace && w.name === backend.name);
    expect(echo?.echo?.port).toBe(topology.service.targetPort);
    for (const w of topology.workloads) expect(serverNames).toContain(w.node);
  });
});
