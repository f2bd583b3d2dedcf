import { describe, expect, it } from 'vitest';
import { parseIpRoutes } from '../lab/iproute/routes.js';
import { kernelPaths, kernelRouteShapes } from '../lab/probes/routing.js';
import { fixture } from './fixtures.js';

describe('ip -j route', () => {
  it("reads router0's multipath VIP route and its single-path block routes in one shape", () => {
    const routes = parseIpRoutes(fixture('iproute/converged-router0-ip-j-route.json'));
    expect(routes.find((r) => r.dst === '20.1.10.2/32')).toEqual({
      dst: '20.1.10.2/32',
      type: 'unicast',
      protocol: 'bird',
      nextHops: [
        { gateway: '10.0.1.2', dev: 'net1' },
        { gateway: '10.0.2.2', dev: 'net2' },
      ],
    });
    expect(routes.find((r) => r.dst === '10.1.0.32/27')?.nextHops).toEqual([{ gateway: '10.0.2.2', dev: 'net2' }]);
    expect(routes.find((r) => r.dst === '10.0.1.0/24')).toMatchObject({ protocol: 'kernel', nextHops: [{ dev: 'net1' }] });
  });

  it('names the default route 0.0.0.0/0 and keeps the type of a blackhole', () => {
    const routes = parseIpRoutes(fixture('iproute/converged-server0-ip-j-route.json'));
    expect(routes.find((r) => r.dst === '0.0.0.0/0')?.nextHops).toEqual([{ gateway: '10.0.1.1', dev: 'net0' }]);
    expect(routes.find((r) => r.dst === '10.1.0.0/27')).toMatchObject({ type: 'blackhole', protocol: 'bird', nextHops: [] });
  });

  it('reads no output as no routes, and rejects what is not a JSON array', () => {
    expect(parseIpRoutes('')).toEqual([]);
    expect(() => parseIpRoutes('{"dst":"default"}')).toThrow(/not print a JSON array/);
    expect(() => parseIpRoutes('[{"gateway":"10.0.0.1"}]')).toThrow(/entry without dst/);
  });
});

describe('the shape of the routes for one prefix', () => {
  it('is one route with both next hops on router0, and two routes when each server comes with its own metric', () => {
    const recorded = parseIpRoutes(fixture('iproute/converged-router0-ip-j-route.json')).filter((r) => r.dst === '20.1.10.2/32');
    expect(kernelRouteShapes(recorded)).toEqual(['via 10.0.1.2 + via 10.0.2.2']);
    // what `ip -j route` prints for two single-path routes of different metrics: the same paths, flattened
    const split = parseIpRoutes(JSON.stringify([
      { dst: '20.1.10.2', gateway: '10.0.1.2', dev: 'net1', protocol: 'bird', metric: 32, flags: [] },
      { dst: '20.1.10.2', gateway: '10.0.2.2', dev: 'net2', protocol: 'bird', metric: 64, flags: [] },
    ]));
    expect(kernelPaths(split)).toEqual(kernelPaths(recorded));
    expect(kernelRouteShapes(split)).toEqual(['via 10.0.1.2', 'via 10.0.2.2']);
  });
});
