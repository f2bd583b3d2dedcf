import { describe, expect, it } from 'vitest';
import { pingProblems } from '../lab/checks/pods.js';
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

describe('the TTL claim on a ping', () => {
  it('is untested, and so fails, when a reply shows no TTL the parser can read', () => {
    // busybox's format: `seq=`, not iputils' `icmp_seq=`
    const text = '64 bytes from 10.1.0.32: seq=0 ttl=61 time=0.1 ms\n64 bytes from 10.1.0.32: seq=1 ttl=61 time=0.1 ms\n\n--- x ---\n2 packets transmitted, 2 received, 0% packet loss\n';
    expect(pingProblems(parsePing(text), 2, 61)).toEqual([{ text: '0 of 2 replies show a TTL', symptom: 'ping-ttl-unread' }]);
  });

  it('holds for every reply with the expected TTL, and names a missing reply or another TTL', () => {
    const reply = (seq: number, ttl: number): string => `64 bytes from 10.1.0.32: icmp_seq=${seq} ttl=${ttl} time=0.1 ms`;
    const summary = (n: number, m: number): string => `\n--- x ---\n${n} packets transmitted, ${m} received\n`;
    expect(pingProblems(parsePing([reply(1, 61), reply(2, 61)].join('\n') + summary(2, 2)), 2, 61)).toEqual([]);
    expect(pingProblems(parsePing([reply(1, 61), reply(2, 62)].join('\n') + summary(2, 2)), 2, 61)).toEqual([{ text: 'TTLs [61, 62], expected each 61', symptom: 'ping-ttl-wrong' }]);
    expect(pingProblems(parsePing(reply(1, 61) + summary(2, 1)), 2, 61)).toEqual([{ text: '1/2 replies, expected 2/2', symptom: 'ping-replies-missing' }]);
  });
});
