import { describe, expect, it } from 'vitest';
import { allocate } from '../lab/netns/ipam.js';
import type { Workload } from '../lab/netns/manifest-plan.js';
import { serverNames } from '../lab/description/index.js';
import { topology } from './default-lab.js';

const servers = serverNames(topology);
const workloads: Workload[] = topology.pods.map((p) => ({ namespace: p.namespace, name: p.name, node: p.server }));

describe('Coil-like IPAM', () => {
  it("gives each server a /27 of the pool and its workloads the block's addresses in order", () => {
    expect(allocate(topology.podPool, servers, workloads)).toEqual({
      blocks: { server0: ['10.1.0.0/27'], server1: ['10.1.0.32/27'] },
      podIps: { 'tenant-green/ubuntu-echo': '10.1.0.0', 'default/ubuntu': '10.1.0.1', 'default/ubuntu-worker': '10.1.0.32' },
    });
  });

  it('gives a node its next block when its block is full', () => {
    const pods: Workload[] = Array.from({ length: 5 }, (_, i) => ({ namespace: 'default', name: `p${i}`, node: 'server0' }));
    const allocation = allocate({ cidr: '10.1.0.0/16', blockSizeBits: 2 }, servers, pods);
    expect(allocation.blocks.server0).toEqual(['10.1.0.0/30', '10.1.0.4/30']);
    expect(allocation.podIps['default/p4']).toBe('10.1.0.4');
  });

  it('says so when the pool runs out, or the blocks do not fit in it', () => {
    const pods: Workload[] = Array.from({ length: 5 }, (_, i) => ({ namespace: 'default', name: `p${i}`, node: 'server1' }));
    expect(() => allocate({ cidr: '10.1.0.0/30', blockSizeBits: 1 }, servers, pods)).toThrow(/no free block for server1/);
    expect(() => allocate({ cidr: '10.1.0.0/30', blockSizeBits: 5 }, servers, pods)).toThrow(/do not fit/);
  });
});
