// The kernel's TCP counters, as /proc/net/snmp gives them: read by name, and nothing read from a shape
// that is not the kernel's.
import { describe, expect, it } from 'vitest';
import { parseTcpCounters } from '../lab/probes/tcp-counters.js';

const SNMP = [
  'Ip: Forwarding DefaultTTL InReceives',
  'Ip: 1 64 3712',
  'Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors',
  'Tcp: 1 200 120000 -1 32 2 1 0 0 3712 2628 0 0 33 0',
  'Udp: InDatagrams NoPorts',
  'Udp: 5 0',
].join('\n');

describe('/proc/net/snmp', () => {
  it('gives the Tcp: counters by name', () => {
    const counters = parseTcpCounters(SNMP);
    expect(counters['AttemptFails']).toBe(1);
    expect(counters['ActiveOpens']).toBe(32);
    expect(counters['MaxConn']).toBe(-1);
  });

  it('rejects a text without the two Tcp: lines, or whose names and values do not pair up', () => {
    expect(() => parseTcpCounters('Ip: Forwarding\nIp: 1')).toThrow(/expected two Tcp: lines, found 0/);
    expect(() => parseTcpCounters('Tcp: A B\nTcp: 1')).toThrow(/do not pair up/);
    expect(() => parseTcpCounters('Tcp: A B\nTcp: 1 x')).toThrow(/do not pair up/);
  });
});
