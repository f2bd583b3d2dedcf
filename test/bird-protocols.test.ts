import { describe, expect, it } from 'vitest';
import { birdBgpSessions, GRACEFUL_RESTART_ACTIVE, parseBirdProtocols } from '../lab/bird/protocols.js';
import { fixture } from './fixtures.js';

describe('birdc show protocols', () => {
  it('reads every row, with a name longer than ten characters shifting the columns', () => {
    const rows = parseBirdProtocols(fixture('bird/converged-server0-show-protocols.txt'));
    expect(rows.map((r) => [r.name, r.proto, r.table, r.state])).toEqual([
      ['device1', 'Device', '---', 'up'],
      ['kernel1', 'Kernel', 'master4', 'up'],
      ['coil', 'Kernel', 'coil4', 'up'],
      ['coil_to_master', 'Pipe', '---', 'up'],
      ['cilium', 'BGP', '---', 'up'],
      ['router0', 'BGP', '---', 'up'],
    ]);
    expect(rows.find((r) => r.name === 'coil_to_master')?.info).toBe('master4 <=> coil4');
    expect(rows.find((r) => r.name === 'cilium')?.info).toBe('Established');
  });

  it('rejects a line it does not understand rather than skipping it', () => {
    expect(() => parseBirdProtocols('BIRD 2.0.12 ready.\nsyntax error, unexpected CF_SYM_UNDEFINED')).toThrow(
      /unexpected line in birdc show protocols/,
    );
  });
});

describe('birdc show protocols all: BGP sessions', () => {
  it('gives neighbor, ASNs and state of each converged session', () => {
    const sessions = birdBgpSessions(parseBirdProtocols(fixture('bird/converged-server0-show-protocols-all.txt')));
    expect(Object.fromEntries(sessions)).toEqual({
      cilium: { neighborAddress: '127.0.0.1', neighborAs: 65002, localAs: 65001, state: 'Established' },
      router0: { neighborAddress: '10.0.1.1', neighborAs: 65001, localAs: 65001, state: 'Established' },
    });
  });

  it('reports sessions that are still connecting as Active and Passive', () => {
    const sessions = birdBgpSessions(parseBirdProtocols(fixture('bird/starting-server1-show-protocols-all.txt')));
    expect(sessions.get('router0')?.state).toBe('Active');
    expect(sessions.get('cilium')?.state).toBe('Passive');
  });

  it('reports a disabled session as Down and its peer as not Established', () => {
    const router0 = birdBgpSessions(parseBirdProtocols(fixture('bird/disabled-router0-show-protocols-all.txt')));
    expect(router0.get('server1')).toEqual({ neighborAddress: '10.0.2.2', neighborAs: 65001, localAs: 65001, state: 'Down' });
    expect(router0.get('server0')?.state).toBe('Established');
    const server1 = birdBgpSessions(parseBirdProtocols(fixture('bird/disabled-server1-show-protocols-all.txt')));
    expect(server1.get('router0')?.state).toBe('Active');
  });

  it('refuses the short table, which has no neighbor details', () => {
    expect(() => birdBgpSessions(parseBirdProtocols(fixture('bird/converged-router0-show-protocols.txt')))).toThrow(
      /was this `show protocols all`/,
    );
  });

  it('keeps the lines without a value, such as the graceful restart BIRD holds for a lost speaker', () => {
    const shown = [
      'BIRD 2.0.12 ready.',
      'Name       Proto      Table      State  Since         Info',
      'cilium     BGP        ---        start  06:20:45.403  Passive       Socket: Connection closed',
      '  BGP state:          Passive',
      '    Neighbor address: 127.0.0.1',
      '    Neighbor AS:      65002',
      '    Local AS:         65001',
      '    Neighbor graceful restart active',
      '    Restart timer:    14.492/-',
      '    Last error:       Socket: Connection closed',
    ].join('\n');
    const [cilium] = parseBirdProtocols(shown);
    expect(cilium!.flags).toEqual([GRACEFUL_RESTART_ACTIVE]);
    expect(cilium!.details['Restart timer']).toBe('14.492/-');
  });
});
