// Coil's AddressPool (coil.cybozu.com/v2, Coil v2.8.0 v2/api/v2/addresspool_types.go): the pod address
// range and its block size. Pods without a pool annotation take addresses from the pool named
// "default"; blockSizeBits defaults to 5 (blocks of 32 addresses). The netns fabric cuts blocks the way
// coil-controller does (lab/netns/ipam.ts: the lowest free block, the block's addresses from index 0 on,
// v2/pkg/ipam/pool.go AllocateBlock and allocator.go allocate).
import { Address4 } from 'ip-address';
import { invalid, notImplemented } from './fields.js';
import type { RawResource } from './load.js';

/** The default pool. Example: {"cidr":"10.1.0.0/16","blockSizeBits":5} */
export interface PodPoolIntent {
  readonly cidr: string;
  readonly blockSizeBits: number;
}

export const DEFAULT_POOL = 'default';

export function readAddressPool(r: RawResource): PodPoolIntent {
  if (r.ref.name !== DEFAULT_POOL) throw notImplemented(r.ref, 'metadata.name', r.ref.name, `is not "${DEFAULT_POOL}", the only pool the netns fabric implements`);
  r.metadata.done();
  const spec = r.fields.object('spec');
  r.fields.done();
  const blockSizeBits = spec.optionalNumber('blockSizeBits') ?? 5;
  const subnets = spec.objects('subnets');
  spec.done();
  if (subnets.length !== 1) throw notImplemented(r.ref, 'spec.subnets', `${subnets.length} subnets`, 'is not one subnet, the only shape the netns fabric implements');
  const subnet = subnets[0]!;
  const cidr = subnet.string('ipv4');
  subnet.done();
  if (!Address4.isValid(cidr) || !cidr.includes('/')) throw invalid(r.ref, `${subnet.path}.ipv4`, cidr, 'an IPv4 CIDR');
  const hostBits = 32 - new Address4(cidr).subnetMask;
  if (blockSizeBits < 0 || blockSizeBits > hostBits) throw invalid(r.ref, 'spec.blockSizeBits', blockSizeBits, `0..${hostBits} (the subnet's host bits)`);
  return { cidr, blockSizeBits };
}
