import { describe, expect, it } from 'vitest';
import { birdCommunities, parseBirdRoutes } from '../lab/bird/routes.js';
import { fixture } from './fixtures.js';

describe('birdc show route all', () => {
  it("reads router0's two paths for the VIP, the best one first, with their communities", () => {
    const vip = parseBirdRoutes(fixture('bird/converged-router0-show-route-all.txt')).filter((r) => r.prefix === '20.1.10.2/32');
    expect(vip.map((r) => ({ protocol: r.protocol, best: r.best, via: r.nextHops, communities: birdCommunities(r) }))).toEqual([
      { protocol: expect.stringMatching(/^server[01]$/), best: true, via: [expect.objectContaining({})], communities: ['65000:300'] },
      { protocol: expect.stringMatching(/^server[01]$/), best: false, via: [expect.objectContaining({})], communities: ['65000:300'] },
    ]);
    expect(new Set(vip.map((r) => r.nextHops[0]?.via))).toEqual(new Set(['10.0.1.2', '10.0.2.2']));
    expect(vip[0]?.attributes['BGP.as_path']).toBe('65002');
    expect(vip[0]?.attributes['BGP.origin']).toBe('IGP');
    expect(vip[0]?.table).toBe('master4');
  });

  it("reads a server's unreachable VIP from the speaker, its blackhole block and a reflected block", () => {
    const routes = parseBirdRoutes(fixture('bird/converged-server1-show-route-all.txt'));
    const vip = routes.find((r) => r.prefix === '20.1.10.2/32');
    expect(vip).toMatchObject({ type: 'unreachable', protocol: 'cilium', from: '127.0.0.1', best: true, nextHops: [] });
    expect(routes.find((r) => r.prefix === '10.1.0.32/27')).toMatchObject({ type: 'blackhole', protocol: 'coil', preference: 10 });
    const reflected = routes.find((r) => r.prefix === '10.1.0.0/27');
    expect(reflected).toMatchObject({ type: 'unicast', protocol: 'router0', nextHops: [{ via: '10.0.2.1', interface: 'net0' }] });
    expect(reflected?.attributes['BGP.originator_id']).toBe('10.0.1.2');
  });

  it('reads "Network not found" as no routes', () => {
    expect(parseBirdRoutes('BIRD 2.0.12 ready.\nNetwork not found\n')).toEqual([]);
  });

  it('rejects output it does not understand', () => {
    expect(() => parseBirdRoutes('BIRD 2.0.12 ready.\nsyntax error, unexpected CF_SYM_KNOWN, expecting TABLE\n')).toThrow(
      /unexpected line in birdc show route/,
    );
  });
});
