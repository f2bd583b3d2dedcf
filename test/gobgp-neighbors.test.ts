import { describe, expect, it } from 'vitest';
import { parseGobgpNeighbors } from '../lab/gobgp/neighbors.js';
import { fixture } from './fixtures.js';

describe('GoBGP neighbors as JSON', () => {
  it('reads the converged session to BIRD', () => {
    expect(parseGobgpNeighbors(fixture('gobgp/converged-server0-neighbor-j.json'))).toEqual([
      { neighborAddress: '127.0.0.1', neighborAs: 65001, localAs: 65002, state: 'Established' },
    ]);
  });

  it('reads a session that has not dialled yet, and a disabled one', () => {
    expect(parseGobgpNeighbors(fixture('gobgp/starting-server0-neighbor-j.json'))[0]?.state).toBe('Active');
    expect(parseGobgpNeighbors(fixture('gobgp/disabled-server0-neighbor-j.json'))[0]?.state).toBe('Idle');
  });

  it('accepts the state as an enum name, as other GoBGP builds print it', () => {
    const json = JSON.stringify([
      { conf: { neighbor_address: '127.0.0.1', peer_asn: 65001, local_asn: 65002 }, state: { session_state: 'SESSION_STATE_ESTABLISHED' } },
    ]);
    expect(parseGobgpNeighbors(json)[0]?.state).toBe('Established');
  });

  it('rejects entries without the neighbor', () => {
    expect(() => parseGobgpNeighbors('[{"state":{}}]')).toThrow(/without neighbor address/);
  });
});
