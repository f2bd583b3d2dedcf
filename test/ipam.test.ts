import { describe, expect, it } from 'vitest';
import { allocate } from '../lab/netns/ipam.js';
import { topology, type Workload } from '../lab/topology.js';

describe('Coil-like IPAM', () => {
  it("gives each server a /27 of the pool and its workloads the block's addresses in order", () => {
    expect(allocate(topology.podPool, topology.workloads)).toEqual({
      blocks: { server0: ['10.1.0.0/27'], server1: ['10.1.0.32/27'] },
      podIps: { 'default/ubuntu': '10.1.0.0', 'default/ubuntu-worker': '10.1.0.32', 'tenant-green/ubuntu-echo': '10.1.0.1' },
    });
  });

  it('gives a node its next block when its block is full', () => {
    const pods: Workload[] = Array.from({ length: 5 }, (_, i) => ({ namespace: 'default', name: `p${i}`, node: 'server0' }));
    const allocation = allocate({ cidr: '10.1.0.0/16', blockSizeBits: 2 }, pods);
    expect(allocation.blocks.server0).toEqual(['10.1.0.0/30', '10.1.0.4/30']);
    expect(allocation.podIps['default/p4']).toBe('10.1.0.4');
  });

  it('says so when the pool runs out, or the blocks do not fit in it', () => {
    const pods: Workload[] = Array.from({ length: 5 }, (_, i) => ({ namespace: 'default', name: `p${i}`, node: 'server1' }));
    expect(() => allocate({ cidr: '10.1.0.0/30', blockSizeBits: 1 }, pods)).toThrow(/no free block for server1/);
    expect(() => allocate({ cidr: '10.1.0.0/30', blockSizeBits: 5 }, pods)).toThrow(/do not fit/);
  });
});
