import { endianness } from 'node:os';
import { describe, expect, it } from 'vitest';
import { datapathEntries } from '../lab/netns/datapath.js';
import { allocate } from '../lab/netns/ipam.js';
import { topology } from '../lab/topology.js';

describe("the datapath's map entries, in the C struct layouts", () => {
  it.runIf(endianness() === 'LE')('give each server its node address, the VIP and the backend on server0', () => {
    const allocation = allocate(topology.podPool, topology.workloads);
    const { service, workloads } = { service: { vip: topology.service.vip, port: topology.service.port, targetPort: topology.service.targetPort, backends: [topology.service.backend] }, workloads: topology.workloads };
    expect(datapathEntries(topology, 'server1', service, workloads, allocation)).toEqual([
      // node 10.0.2.2, VIP 20.1.10.2, port 80 (network order), 1 backend, mode DSR, no flags (host order)
      ['lb_config', '00 00 00 00', '0a 00 02 02 14 01 0a 02 00 50 01 00 00 00 00 00'],
      // pod 10.1.0.1 on node 10.0.1.2, port 8080
      ['lb_backends', '00 00 00 00', '0a 01 00 01 0a 00 01 02 1f 90 00 00'],
    ]);
    expect(datapathEntries(topology, 'server0', service, workloads, allocation)[0]?.[2]).toBe('0a 00 01 02 14 01 0a 02 00 50 01 00 00 00 00 00');
    expect(datapathEntries(topology, 'server1', service, workloads, allocation, { mode: 'snat', omitDsrOption: true })[0]?.[2]).toBe(
      '0a 00 02 02 14 01 0a 02 00 50 01 00 01 00 01 00',
    );
  });
});
