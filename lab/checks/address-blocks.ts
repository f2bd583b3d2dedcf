// Each server's Coil address block, routed via that server on the router and via the router on every
// other server. Which servers must have one comes from where the manifests place pods (one block each,
// of the promised block size, within the promised pool), not from the blocks a fabric lists: a fabric
// that lists none fails these instead of making none.
import { Address4 } from 'ip-address';
import type { Fabric } from '../fabric/fabric-contract.js';
import { birdRoutes, kernelPaths, kernelRoutes } from '../probes/routing.js';
import { listText, nodeIp, routerAddressTowards, server, serverNames, type Lab, type PodPool } from '../description/index.js';
import { compareSets, fail, type Check, type CheckOutcome } from './check.js';

/** Why `blocks` (what the fabric lists for one server) is not the one block the claims give it, or undefined. */
export function claimedBlockProblem(blocks: readonly string[], pool: PodPool): string | undefined {
  if (blocks.length !== 1) return `expected one address block, found ${blocks.length}${blocks.length ? ` (${blocks.join(', ')})` : ''}`;
  const block = blocks[0]!;
  const size = 32 - pool.blockSizeBits;
  if (!Address4.isValid(block) || new Address4(block).subnetMask !== size || !new Address4(block).isInSubnet(new Address4(pool.cidr))) {
    return `its block ${block} is not a /${size} of the pool ${pool.cidr}`;
  }
  return undefined;
}

const describeBlock = (t: Lab, owner: string): string => `${owner}'s address block (a /${32 - t.podPool.blockSizeBits} of ${t.podPool.cidr})`;

/** Runs `judge` on the owner's one block, or fails saying what the fabric lists instead. */
async function withOwnerBlock(fabric: Fabric, t: Lab, owner: string, judge: (block: string) => Promise<CheckOutcome>): Promise<CheckOutcome> {
  const blocks = (await fabric.addressBlocks())[owner] ?? [];
  const problem = claimedBlockProblem(blocks, t.podPool);
  return problem ? fail(`${owner}: ${problem}`, 'address-block-wrong') : judge(blocks[0]!);
}

export function blockRoutedOnRouter(fabric: Fabric, t: Lab, owner: string): Check {
  return {
    title: `${t.router.name}: ${describeBlock(t, owner)} is routed via ${owner} (${nodeIp(t, owner)})`,
    run: () =>
      withOwnerBlock(fabric, t, owner, async (block) => {
        const routes = await kernelRoutes(fabric, t.router.name, block);
        return compareSets(`${t.router.name}: kernel FIB paths for ${block}`, [`via ${nodeIp(t, owner)}`], kernelPaths(routes.value), routes.raw, { missing: 'fib-path-missing', unexpected: 'fib-path-unexpected' });
      }),
  };
}

/**
 * Every other server routes the owner's block through the router, its only neighbour, on a route the
 * router reflected from the owner: BIRD's best route has the owner as ORIGINATOR_ID.
 */
export function blockRoutedOnOtherServers(fabric: Fabric, t: Lab, owner: string): Check {
  const ownerId = server(t, owner).routerId;
  const others = serverNames(t).filter((s) => s !== owner);
  return {
    title: `${listText(others)}: ${describeBlock(t, owner)} is routed via ${t.router.name} on the route ${owner} originated`,
    run: () =>
      withOwnerBlock(fabric, t, owner, async (block) => {
        const seen = await Promise.all(
          others.map(async (other) => {
            const [kernel, bird] = await Promise.all([kernelRoutes(fabric, other, block), birdRoutes(fabric, other, block)]);
            const best = bird.value.find((r) => r.best);
            const origin = best ? `originated by ${best.attributes['BGP.originator_id'] ?? best.protocol}` : 'no BIRD route';
            return { paths: kernelPaths(kernel.value).map((path) => `${other}: ${path}; ${origin}`), raw: `${other}:\n${kernel.raw}\n${bird.raw}` };
          }),
        );
        return compareSets(
          `${listText(others)}: kernel FIB paths for ${block} and the origin of BIRD's best route`,
          others.map((other) => `${other}: via ${routerAddressTowards(t, other)}; originated by ${ownerId}`),
          seen.flatMap((o) => o.paths),
          seen.map((o) => o.raw).join('\n'),
          { missing: 'fib-path-missing', unexpected: 'fib-path-unexpected' },
        );
      }),
  };
}

/** The servers Coil gives a block: those the manifests place a pod on (Coil claims a block for a node's first pod). */
export const blockOwners = (t: Lab): string[] => serverNames(t).filter((s) => t.pods.some((p) => p.server === s));

/** Every block, routed on the router and on the other servers. */
export function addressBlockChecks(fabric: Fabric, t: Lab): Check[] {
  return blockOwners(t).flatMap((owner) => [blockRoutedOnRouter(fabric, t, owner), ...(serverNames(t).length > 1 ? [blockRoutedOnOtherServers(fabric, t, owner)] : [])]);
}
