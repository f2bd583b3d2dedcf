// Every BGP session is Established; router0 has the VIP via both servers in BIRD and in its FIB; the
// servers keep the VIP out of their own FIB; each server's address block is routed via that server.
import { describe, it } from 'vitest';
import { addressBlockChecks } from '../lab/checks/address-blocks.js';
import {
  birdSessionsEstablished,
  speakerSessionEstablished,
  vipAbsentFromServerFib,
  vipMultipathInRouterFib,
  vipPathsInRouterBird,
} from '../lab/checks/bgp.js';
import type { Check } from '../lab/checks/check.js';
import { nodeNames, serverNames, topology } from '../lab/topology.js';
import { labFabric } from './fabric.js';
import { verify } from './verify.js';

const fabric = await labFabric();

function checks(list: readonly Check[]): void {
  for (const check of list) it(check.title, verify(check));
}

describe('bgp', () => {
  describe('sessions', () => {
    checks(nodeNames.map((node) => birdSessionsEstablished(fabric, topology, node)));
    checks(serverNames.map((server) => speakerSessionEstablished(fabric, topology, server)));
  });

  describe(`LoadBalancer VIP ${topology.service.vip}`, () => {
    checks([
      vipPathsInRouterBird(fabric, topology),
      vipMultipathInRouterFib(fabric, topology),
      ...serverNames.map((server) => vipAbsentFromServerFib(fabric, topology, server)),
    ]);
  });

  // From the claims, so that a fabric that lists no block fails these instead of making none.
  describe('address blocks', () => {
    checks(addressBlockChecks(fabric, topology));
  });
});
