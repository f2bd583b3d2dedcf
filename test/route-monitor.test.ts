// `ip -ts monitor route` as iproute2 6.1 prints it, recorded from router0 while a speaker restarted without
// the restarting state (a route withdrawn and re-added within 83 µs) and while server1's uplink went down.
import { describe, expect, it } from 'vitest';
import { parseRouteMonitor } from '../lab/iproute/route-monitor.js';

const RECORDED = [
  '[2026-11-30T06:20:59.272558] 20.1.10.2 via 10.0.1.2 dev net1 proto bird metric 32 ',
  '[2026-11-30T06:20:59.272641] 20.1.10.2 proto bird metric 32 ',
  '\tnexthop via 10.0.1.2 dev net1 weight 1 ',
  '\tnexthop via 10.0.2.2 dev net2 weight 1 ',
  '[2026-11-30T06:21:36.619808] Deleted 10.1.0.32/27 via 10.0.2.2 dev net2 proto bird metric 32 linkdown ',
  '[2026-11-30T06:21:36.619984] Deleted 20.1.10.2 via 10.0.1.2 dev net1 proto bird metric 32 ',
  '[2026-11-30T06:26:50.241963] local fe80::488b:e8ff:febf:a6bc dev d0 table local proto kernel metric 0 pref medium',
  '',
].join('\n');

describe("router0's route changes read from ip monitor", () => {
  it('follows one prefix through a single path, both paths again 83 µs later, and its deletion', () => {
    const changes = parseRouteMonitor(RECORDED, '20.1.10.2/32');
    expect(changes.map((c) => [c.at, c.gateways, c.deleted])).toEqual([
      ['2026-11-30T06:20:59.272558', ['10.0.1.2'], false],
      ['2026-11-30T06:20:59.272641', ['10.0.1.2', '10.0.2.2'], false],
      ['2026-11-30T06:21:36.619984', [], true],
    ]);
    expect(changes[1]!.atUs - changes[0]!.atUs).toBe(83);
  });

  it('reads other prefixes with their length, and skips other tables', () => {
    expect(parseRouteMonitor(RECORDED, '10.1.0.32/27')).toHaveLength(1);
    expect(parseRouteMonitor(RECORDED, 'fe80::488b:e8ff:febf:a6bc/128')).toEqual([]);
  });

  it('rejects a line it does not know', () => {
    expect(() => parseRouteMonitor('Timestamp: Mon Nov 30 06:20:59 2026 272558 usec\n', '20.1.10.2/32')).toThrow('ip monitor line 1: not a route change');
    expect(() => parseRouteMonitor('\tnexthop via 10.0.1.2 dev net1 weight 1\n', '20.1.10.2/32')).toThrow('a next hop before any route');
  });
});
