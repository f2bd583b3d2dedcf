// A route watch counts as started once ip monitor's netlink socket is subscribed: read from
// /proc/net/netlink as recorded in a namespace where `ip -ts monitor route` ran as pid 19365.
import { describe, expect, it } from 'vitest';
import { subscribedToRoutes } from '../lab/iproute/netlink-sockets.js';
import { monitorTimeUs } from '../lab/iproute/route-monitor.js';

const RECORDED = [
  'sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode',
  '00000000057e7321 0   19365      04000440 0        0        0     2        0        5361699 ',
  '000000001f2878ee 0   0          00000000 0        0        0     2        0        5362770 ',
  '000000000f829078 0   3656537508 00000000 0        0        0     2        0        5361700 ',
  '000000005772c96b 4   0          00000000 0        0        0     2        0        5362776 ',
].join('\n');

describe('the netlink sockets of a namespace', () => {
  it("see ip monitor's route socket subscribed, and no other process's", () => {
    expect(subscribedToRoutes(RECORDED, 19365)).toBe(true);
    expect(subscribedToRoutes(RECORDED, 19366)).toBe(false);
    // a socket of the pid with no group: not subscribed yet
    expect(subscribedToRoutes(RECORDED.replace('04000440', '00000000'), 19365)).toBe(false);
  });

  it('reject what is not /proc/net/netlink', () => {
    expect(() => subscribedToRoutes('No such file or directory', 1)).toThrow('not /proc/net/netlink');
  });
});

describe("ip -ts timestamps, as router0's date prints them too", () => {
  it('read to the microsecond, and nothing else', () => {
    expect(monitorTimeUs('2026-11-30T06:20:59.272641') - monitorTimeUs('2026-11-30T06:20:59.272558')).toBe(83);
    expect(() => monitorTimeUs('06:20:59')).toThrow('not a timestamp');
  });
});
