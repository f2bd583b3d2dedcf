import { describe, expect, it } from 'vitest';
import { blocksByServer } from '../lab/kind/address-blocks.js';
import { sessionsFromNodeConfig } from '../lab/kind/cilium-status.js';
import { parseContainerPid } from '../lab/kind/docker.js';
import { fixture } from './fixtures.js';

const kindNodes = { server0: 'bgpv2-bird-coil-control-plane', server1: 'bgpv2-bird-coil-worker' };

describe("the Cilium speaker's sessions from CiliumBGPNodeConfig status", () => {
  it('reads an established session to BIRD', () => {
    expect(sessionsFromNodeConfig(JSON.parse(fixture('kind/ciliumbgpnodeconfig-control-plane.json')))).toEqual([
      { neighborAddress: '127.0.0.1', neighborAs: 65001, localAs: 65002, state: 'Established' },
    ]);
  });

  it('reads a session still connecting', () => {
    expect(sessionsFromNodeConfig(JSON.parse(fixture('kind/ciliumbgpnodeconfig-worker-active.json')))[0]?.state).toBe('Active');
  });

  it('says so when the status is missing', () => {
    expect(() => sessionsFromNodeConfig({ metadata: { name: 'n' }, spec: {} })).toThrow(/n has no status.bgpInstances/);
  });
});

describe("Coil's AddressBlocks", () => {
  it("give each server the blocks labelled with its kind node", () => {
    expect(blocksByServer(JSON.parse(fixture('kind/addressblocks.json')), kindNodes)).toEqual({
      server0: ['10.1.0.0/27', '10.1.0.64/27'],
      server1: ['10.1.0.32/27'],
    });
  });
});

describe('docker inspect of a container pid', () => {
  it('reads the pid, and says a stopped container is not running', () => {
    expect(parseContainerPid('c', '4242\n')).toBe(4242);
    expect(() => parseContainerPid('clab-x-router0', '0\n')).toThrow(/container clab-x-router0 is not running/);
  });
});
