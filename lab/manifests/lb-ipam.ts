// LB-IPAM's choice of each Service's LoadBalancer IP, as the operator decides it (operator/pkg/lbipam/
// lbipam.go: isResponsibleForSVC, satisfySpecificIPRequests, allocateIPAddress, settleConflicts; pkg/ipalloc
// for the order within a range): pools in the order they were created (here: file order), each pool's
// ranges in order; a requested IP splits its block; any other address is the first of the smallest free
// block; of two pools whose blocks overlap the newer is marked conflicting and gives nothing.
import { selectorText, selects } from './selectors.js';
import { BGP_LB_CLASS, serviceSelectorLabels, toAddress, toNumber, type IpPool, type ServiceIntent } from './services.js';

/** The pools Cilium allocates from: a pool that overlaps an earlier one (or itself) is left out, with a note. */
export function usablePools(pools: readonly IpPool[], notes: string[]): IpPool[] {
  const overlap = (a: readonly [number, number], b: readonly [number, number]): boolean => a[0] <= b[1] && b[0] <= a[1];
  const usable: IpPool[] = [];
  for (const pool of pools) {
    const self = pool.ranges.some((a, i) => pool.ranges.slice(i + 1).some((b) => overlap(a, b)));
    const earlier = usable.find((u) => u.ranges.some((a) => pool.ranges.some((b) => overlap(a, b))));
    if (self || earlier) {
      notes.push(`${pool.source} overlaps ${earlier ? earlier.source : 'itself'}: Cilium marks it conflicting (cilium.io/PoolConflict) and allocates nothing from it`);
    } else usable.push(pool);
  }
  return usable;
}

/**
 * The free addresses of one range of a pool, as Cilium's allocator keeps them (pkg/ipalloc/ipalloc.go):
 * blocks in a heap ordered by size; a specific address splits its block in two; any address is the first
 * of the smallest block ("Allocating arbitrary IPs will take from the smallest blocks"). So after a
 * request for .200 of a /24, the next Service gets .201, not .0.
 */
class RangeAllocator {
  private blocks: [number, number][];

  constructor([first, last]: readonly [number, number]) {
    this.blocks = [[first, last]];
  }

  takes(n: number): boolean {
    const i = this.blocks.findIndex(([from, to]) => from <= n && n <= to);
    if (i < 0) return false;
    const [from, to] = this.blocks[i]!;
    this.blocks.splice(i, 1);
    if (from < n) this.blocks.push([from, n - 1]);
    if (n < to) this.blocks.push([n + 1, to]);
    return true;
  }

  any(): number | undefined {
    const smallest = this.blocks.reduce<[number, number] | undefined>((best, b) => (!best || b[1] - b[0] < best[1] - best[0] ? b : best), undefined);
    if (!smallest) return undefined;
    this.takes(smallest[0]);
    return smallest[0];
  }
}

/** The LoadBalancer IP of each Service, in the order given; a Service no pool serves gets none, and a note. */
export function allocateServiceIps(services: readonly ServiceIntent[], pools: readonly IpPool[], notes: string[]): Map<ServiceIntent, string> {
  const allocators = new Map(pools.map((p) => [p, p.ranges.map((r) => new RangeAllocator(r))]));
  const result = new Map<ServiceIntent, string>();
  for (const service of services) {
    for (const ip of service.unparsableIps) notes.push(`${service.source} requests ${JSON.stringify(ip)}, which is no IP address: LB-IPAM logs it and allocates as if it were not there`);
    // isResponsibleForSVC: the default class, or the BGP control plane's.
    if (service.loadBalancerClass !== undefined && service.loadBalancerClass !== BGP_LB_CLASS) {
      notes.push(`${service.source} has loadBalancerClass ${service.loadBalancerClass}: neither LB-IPAM nor Cilium's BGP control plane serve it, so it gets no IP`);
      continue;
    }
    const labels = serviceSelectorLabels(service);
    const serving = pools.filter((p) => p.serviceSelector === undefined || selects(p.serviceSelector, labels)).flatMap((p) => allocators.get(p)!);
    let ip: number | undefined;
    const requested = service.requestedIps[0];
    if (requested !== undefined) {
      // satisfySpecificIPRequests: the IP must be free in a range of a pool that selects the Service.
      const n = toNumber(requested);
      const taken = serving.some((range) => range.takes(n));
      if (!taken) {
        const inRange = pools.some((p) => p.ranges.some(([first, last]) => first <= n && n <= last));
        notes.push(`${service.source} requests ${requested}, which ${inRange ? 'another Service has, or no pool that selects the Service holds' : 'no pool that selects the Service holds'}: it gets no IP (cilium.io/IPAMRequestSatisfied=False)`);
        continue;
      }
      ip = n;
    }
    for (const range of requested === undefined ? serving : []) {
      ip = range.any();
      if (ip !== undefined) break;
    }
    if (ip === undefined) {
      const why = pools.map((p) => `${p.name} selects ${selectorText(p.serviceSelector)}`).join('; ') || 'there is no usable CiliumLoadBalancerIPPool';
      notes.push(`${service.source} gets no LoadBalancer IP: no pool with a free address selects it (${why}; the Service's labels: ${JSON.stringify(service.labels)})`);
      continue;
    }
    result.set(service, toAddress(ip));
  }
  return result;
}

