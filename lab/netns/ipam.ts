// A Coil-like IPAM: the pool is cut into blocks of 2^blockSizeBits addresses; a node is given the next
// free block when its first pod needs an address, and its pods take the block's addresses in order.
import { Address4 } from 'ip-address';
import { podKey, type PodPool } from '../description/index.js';
import type { Workload } from './manifest-plan.js';

export interface Allocation {
  readonly blocks: Record<string, string[]>;
  /** pod address by `namespace/name` */
  readonly podIps: Record<string, string>;
}

function blockCidr(pool: Address4, blockPrefix: number, index: number): string {
  const start = pool.startAddress().bigInt() + BigInt(index) * (1n << BigInt(32 - blockPrefix));
  return `${Address4.fromBigInt(start).correctForm()}/${blockPrefix}`;
}

export function allocate(pool: PodPool, servers: readonly string[], workloads: readonly Workload[]): Allocation {
  const poolAddress = new Address4(pool.cidr);
  const blockPrefix = 32 - pool.blockSizeBits;
  if (blockPrefix < poolAddress.subnetMask) {
    throw new Error(`blocks of ${pool.blockSizeBits} bits do not fit in the pool ${pool.cidr}`);
  }
  const blockCount = 2 ** (blockPrefix - poolAddress.subnetMask);
  const blockSize = 2 ** pool.blockSizeBits;
  const blocks: Record<string, string[]> = Object.fromEntries(servers.map((s) => [s, []]));
  const used = new Map<string, number>();
  const podIps: Record<string, string> = {};
  let nextBlock = 0;
  for (const pod of workloads) {
    const nodeBlocks = blocks[pod.node];
    if (!nodeBlocks) throw new Error(`pod ${podKey(pod)} is on ${pod.node}, which is none of the servers ${servers.join(', ')}`);
    let current = nodeBlocks.at(-1);
    if (current === undefined || used.get(current) === blockSize) {
      if (nextBlock === blockCount) throw new Error(`pool ${pool.cidr} has no free block for ${pod.node}`);
      current = blockCidr(poolAddress, blockPrefix, nextBlock++);
      nodeBlocks.push(current);
      used.set(current, 0);
    }
    const offset = used.get(current)!;
    used.set(current, offset + 1);
    podIps[podKey(pod)] = Address4.fromBigInt(new Address4(current).startAddress().bigInt() + BigInt(offset)).correctForm();
  }
  return { blocks, podIps };
}
