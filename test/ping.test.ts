import { describe, expect, it } from 'vitest';
import { parsePing } from '../lab/probes/ping.js';

describe('ping output', () => {
  it('reads counts and the TTL of every reply', () => {
    const text = [
      'PING 10.1.0.32 (10.1.0.32) 56(84) bytes of data.',
      '64 bytes from 10.1.0.32: icmp_seq=1 ttl=61 time=0.631 ms',
      '64 bytes from 10.1.0.32: icmp_seq=2 ttl=62 time=0.071 ms',
      '',
      '--- 10.1.0.32 ping statistics ---',
      '3 packets transmitted, 2 received, 33.3333% packet loss, time 408ms',
    ].join('\n');
    expect(parsePing(text)).toEqual({ transmitted: 3, received: 2, ttls: [61, 62] });
  });

  it('reads total loss with errors in between', () => {
    const text = 'From 10.0.1.1 icmp_seq=1 Destination Net Unreachable\n\n--- x ---\n5 packets transmitted, 0 received, +1 errors, 100% packet loss\n';
    expect(parsePing(text)).toEqual({ transmitted: 5, received: 0, ttls: [] });
  });

  it('refuses output without a summary', () => {
    expect(() => parsePing('ping: connect: Network is unreachable\n')).toThrow(/no ping summary/);
  });
});
