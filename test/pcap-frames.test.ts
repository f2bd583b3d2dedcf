import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../lab/pcap/frame.js';
import { decodeGeneve } from '../lab/pcap/geneve.js';
import {
  ACK,
  ETHERTYPE_ARP,
  ETHERTYPE_IPV4,
  ethernet,
  geneve,
  ICMP,
  icmp,
  ipv4,
  SYN,
  TCP,
  tcp,
  UDP,
  udp,
  vxlan,
} from './pcap-build.js';

const ETHERNET = 1;
const LINUX_SLL = 113;
const LINUX_SLL2 = 276;
const TRANSPARENT_ETHERNET = 0x6558;
const DSR_OPTION: [number, number, Buffer] = [0x014b, 0x81, Buffer.from('14010a0200500000', 'hex')];

const synToBackend = ipv4({ src: '10.0.2.1', dst: '10.1.0.5', proto: TCP }, tcp(50001, 8080, SYN));

describe('decodeFrame on plain IPv4', () => {
  it('reads addresses, ports and flags of TCP over Ethernet', () => {
    const frame = ethernet(ETHERTYPE_IPV4, ipv4({ src: '10.0.1.1', dst: '20.1.10.2', proto: TCP }, tcp(20002, 80, SYN | ACK)));
    expect(decodeFrame(frame, 7, ETHERNET)).toEqual({
      frame: 7,
      outer: { src: '10.0.1.1', dst: '20.1.10.2', proto: TCP, sport: 20002, dport: 80 },
      tcpFlags: 0x12,
    });
  });

  it('reads UDP ports and leaves tcpFlags out', () => {
    const frame = ethernet(ETHERTYPE_IPV4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: UDP }, udp(5353, 53, Buffer.alloc(12))));
    expect(decodeFrame(frame, 1, ETHERNET)).toEqual({ frame: 1, outer: { src: '10.0.0.1', dst: '10.0.0.2', proto: UDP, sport: 5353, dport: 53 } });
  });

  it('gives ICMP no ports, and its type and code as a field the CLI line leaves out', () => {
    const decoded = decodeFrame(ethernet(ETHERTYPE_IPV4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: ICMP }, icmp(3, 4))), 1, ETHERNET);
    expect(decoded).toEqual({ frame: 1, outer: { src: '10.0.0.1', dst: '10.0.0.2', proto: ICMP } });
    expect(decoded.icmp).toEqual({ type: 3, code: 4 });
    expect(JSON.stringify(decoded)).toBe('{"frame":1,"outer":{"src":"10.0.0.1","dst":"10.0.0.2","proto":1}}');
  });

  it('finds the transport header after IPv4 options (IHL above 5)', () => {
    const options = Buffer.from([0x94, 0x04, 0, 0, 0x01, 0x01, 0x01, 0x00]); // router alert, NOPs, end
    const frame = ethernet(ETHERTYPE_IPV4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: TCP, options }, tcp(1000, 2000, ACK)));
    expect(decodeFrame(frame, 1, ETHERNET)).toMatchObject({ outer: { sport: 1000, dport: 2000 }, tcpFlags: ACK });
  });

  it('reads no ports from a later fragment, which has no transport header', () => {
    const fragment = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: UDP, fragmentOffset: 185 }, Buffer.alloc(40, 0x17));
    expect(decodeFrame(ethernet(ETHERTYPE_IPV4, fragment), 1, ETHERNET)).toEqual({ frame: 1, outer: { src: '10.0.0.1', dst: '10.0.0.2', proto: UDP } });
  });

  it('reads the ports of a first fragment but does not follow the tunnel whose rest is in later frames', () => {
    const tunnel = udp(40000, 6081, geneve({ vni: 2, protocolType: ETHERTYPE_IPV4 }, synToBackend));
    const firstFragment = ipv4({ src: '10.0.2.2', dst: '10.0.1.2', proto: UDP, moreFragments: true }, tunnel);
    expect(decodeFrame(ethernet(ETHERTYPE_IPV4, firstFragment), 1, ETHERNET)).toEqual({
      frame: 1,
      outer: { src: '10.0.2.2', dst: '10.0.1.2', proto: UDP, sport: 40000, dport: 6081 },
    });
  });

  it('ends an IPv4 packet where Total Length says, not at the Ethernet padding', () => {
    const padded = Buffer.concat([ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: UDP }, udp(1, 2, Buffer.alloc(0), 0)), Buffer.alloc(18)]);
    // A UDP Length of 0 means "as long as the IP payload": 8 bytes here, the padding not included.
    expect(decodeFrame(ethernet(ETHERTYPE_IPV4, padded), 1, ETHERNET)).toEqual({
      frame: 1,
      outer: { src: '10.0.0.1', dst: '10.0.0.2', proto: UDP, sport: 1, dport: 2 },
    });
  });
});

describe('decodeFrame on link layers', () => {
  it('gives the ethertype of a frame without IPv4', () => {
    expect(decodeFrame(ethernet(ETHERTYPE_ARP, Buffer.alloc(28)), 3, ETHERNET)).toEqual({ frame: 3, ethertype: ETHERTYPE_ARP });
    expect(decodeFrame(ethernet(0x86dd, Buffer.alloc(40)), 4, ETHERNET)).toEqual({ frame: 4, ethertype: 0x86dd });
  });

  it('skips an 802.1Q tag, and the two tags of QinQ', () => {
    const packet = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: TCP }, tcp(1, 2, SYN));
    const expected = { frame: 1, outer: { src: '10.0.0.1', dst: '10.0.0.2', proto: TCP, sport: 1, dport: 2 }, tcpFlags: SYN };
    expect(decodeFrame(ethernet(ETHERTYPE_IPV4, packet, [[0x8100, 100]]), 1, ETHERNET)).toEqual(expected);
    expect(decodeFrame(ethernet(ETHERTYPE_IPV4, packet, [[0x88a8, 10], [0x8100, 100]]), 1, ETHERNET)).toEqual(expected);
    expect(decodeFrame(ethernet(ETHERTYPE_ARP, Buffer.alloc(28), [[0x8100, 100]]), 1, ETHERNET)).toEqual({ frame: 1, ethertype: ETHERTYPE_ARP });
  });

  it('reads Linux cooked captures, SLL and SLL2', () => {
    const packet = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: TCP }, tcp(1, 2, SYN));
    const expected = { frame: 1, outer: { src: '10.0.0.1', dst: '10.0.0.2', proto: TCP, sport: 1, dport: 2 }, tcpFlags: SYN };
    // packet type 0 (to us), ARPHRD_ETHER, 6 address bytes, padded to 8, protocol
    const sll = Buffer.concat([Buffer.from('000000010006aaaaaaaaaaaa0000', 'hex'), Buffer.from([0x08, 0x00])]);
    // protocol, reserved, interface index 2, ARPHRD_ETHER, packet type 0, 6 address bytes, padded to 8
    const sll2 = Buffer.from('080000000000000200010006aaaaaaaaaaaa0000', 'hex');
    expect(decodeFrame(Buffer.concat([sll, packet]), 1, LINUX_SLL)).toEqual(expected);
    expect(decodeFrame(Buffer.concat([sll2, packet]), 1, LINUX_SLL2)).toEqual(expected);
  });

  it('refuses a link type it cannot decode, naming it', () => {
    expect(() => decodeFrame(Buffer.alloc(40), 1, 105)).toThrow(
      'link type 105 is not supported, only Ethernet (1), Linux cooked SLL (113), Linux cooked SLL2 (276)',
    );
  });

  it('takes a Uint8Array as well as a Buffer', () => {
    const bytes = ethernet(ETHERTYPE_ARP, Buffer.alloc(28));
    expect(decodeFrame(new Uint8Array(bytes), 1, ETHERNET)).toEqual({ frame: 1, ethertype: ETHERTYPE_ARP });
  });
});

describe('decodeFrame on tunnels', () => {
  it('follows GENEVE (UDP 6081) with an inner Ethernet frame, in the key order of a CLI line', () => {
    const inner = ethernet(ETHERTYPE_IPV4, synToBackend);
    const tunnel = geneve({ vni: 2, protocolType: TRANSPARENT_ETHERNET, options: [DSR_OPTION] }, inner);
    const outer = ipv4({ src: '10.0.2.2', dst: '10.0.1.2', proto: UDP }, udp(40000, 6081, tunnel));
    expect(JSON.stringify(decodeFrame(ethernet(ETHERTYPE_IPV4, outer), 1, ETHERNET))).toBe(
      '{"frame":1,"outer":{"src":"10.0.2.2","dst":"10.0.1.2","proto":17,"sport":40000,"dport":6081},"tcpFlags":2,' +
        '"geneve":{"vni":2,"protocolType":25944,"options":[{"class":331,"type":129,"length":2,"data":"14010a0200500000"}]},' +
        '"inner":{"src":"10.0.2.1","dst":"10.1.0.5","proto":6,"sport":50001,"dport":8080}}',
    );
  });

  it('follows GENEVE with protocol type 0x0800 straight into IPv4, and keeps several options in order', () => {
    const options: [number, number, Buffer][] = [
      [0x0132, 0x01, Buffer.from('800000d1', 'hex')],
      [0x0132, 0x02, Buffer.alloc(16, 0xab)],
      [0xffff, 0xff, Buffer.alloc(0)],
    ];
    const tunnel = geneve({ vni: 0xabcdef, protocolType: ETHERTYPE_IPV4, options }, synToBackend);
    const outer = ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: UDP }, udp(1234, 6081, tunnel));
    expect(decodeFrame(ethernet(ETHERTYPE_IPV4, outer), 1, ETHERNET)).toEqual({
      frame: 1,
      outer: { src: '192.0.2.1', dst: '192.0.2.2', proto: UDP, sport: 1234, dport: 6081 },
      tcpFlags: SYN,
      geneve: {
        vni: 0xabcdef,
        protocolType: ETHERTYPE_IPV4,
        options: [
          { class: 0x0132, type: 0x01, length: 1, data: '800000d1' },
          { class: 0x0132, type: 0x02, length: 4, data: 'ab'.repeat(16) },
          { class: 0xffff, type: 0xff, length: 0, data: '' },
        ],
      },
      inner: { src: '10.0.2.1', dst: '10.1.0.5', proto: TCP, sport: 50001, dport: 8080 },
    });
  });

  it('keeps the GENEVE header but gives no inner packet for a protocol type other than Ethernet or IPv4', () => {
    const outer = ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: UDP }, udp(1234, 6081, geneve({ vni: 5, protocolType: 0x86dd }, Buffer.alloc(40))));
    expect(decodeFrame(ethernet(ETHERTYPE_IPV4, outer), 1, ETHERNET)).toEqual({
      frame: 1,
      outer: { src: '192.0.2.1', dst: '192.0.2.2', proto: UDP, sport: 1234, dport: 6081 },
      geneve: { vni: 5, protocolType: 0x86dd, options: [] },
    });
  });

  it('tells a tunnel by its destination port only', () => {
    const reply = ipv4({ src: '192.0.2.2', dst: '192.0.2.1', proto: UDP }, udp(6081, 40000, geneve({ vni: 2, protocolType: ETHERTYPE_IPV4 }, synToBackend)));
    expect(decodeFrame(ethernet(ETHERTYPE_IPV4, reply), 1, ETHERNET)).toEqual({
      frame: 1,
      outer: { src: '192.0.2.2', dst: '192.0.2.1', proto: UDP, sport: 6081, dport: 40000 },
    });
  });

  it('follows VXLAN (UDP 4789) into its inner Ethernet frame, and stops at an inner frame without IPv4', () => {
    const outer = (inner: Buffer): Buffer =>
      ethernet(ETHERTYPE_IPV4, ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: UDP }, udp(50000, 4789, vxlan(100, inner))));
    const outerEndpoints = { src: '192.0.2.1', dst: '192.0.2.2', proto: UDP, sport: 50000, dport: 4789 };
    expect(decodeFrame(outer(ethernet(ETHERTYPE_IPV4, synToBackend)), 1, ETHERNET)).toEqual({
      frame: 1,
      outer: outerEndpoints,
      tcpFlags: SYN,
      vxlan: { vni: 100 },
      inner: { src: '10.0.2.1', dst: '10.1.0.5', proto: TCP, sport: 50001, dport: 8080 },
    });
    expect(decodeFrame(outer(ethernet(ETHERTYPE_ARP, Buffer.alloc(28))), 2, ETHERNET)).toEqual({ frame: 2, outer: outerEndpoints, vxlan: { vni: 100 } });
  });

  it('gives the ICMP type and code of the packet inside the tunnel', () => {
    const ping = ipv4({ src: '30.0.0.1', dst: '30.0.0.2', proto: ICMP }, icmp(8, 0));
    const outer = ipv4({ src: '20.0.0.1', dst: '20.0.0.2', proto: UDP }, udp(1, 6081, geneve({ vni: 10, protocolType: ETHERTYPE_IPV4 }, ping)));
    expect(decodeFrame(ethernet(ETHERTYPE_IPV4, outer), 1, ETHERNET).icmp).toEqual({ type: 8, code: 0 });
  });
});

describe('decodeGeneve', () => {
  it('reads the version, the options length in words and the O and C bits (RFC 8926 §3.4)', () => {
    const header = geneve({ vni: 7, protocolType: TRANSPARENT_ETHERNET, options: [DSR_OPTION], oam: true, critical: true }, Buffer.from('beef', 'hex'));
    expect(decodeGeneve(header)).toEqual({
      version: 0,
      optionsLength: 3,
      oam: true,
      critical: true,
      protocolType: TRANSPARENT_ETHERNET,
      vni: 7,
      options: [{ class: 0x014b, type: 0x81, length: 2, data: '14010a0200500000' }],
      payload: Buffer.from('beef', 'hex'),
    });
    const plain = geneve({ vni: 7, protocolType: TRANSPARENT_ETHERNET }, Buffer.alloc(0));
    expect(decodeGeneve(plain)).toMatchObject({ oam: false, critical: false, optionsLength: 0 });
  });

  it('reads an option length from the 5 low bits only: the 3 above are reserved (RFC 8926 §3.5)', () => {
    const header = geneve({ vni: 7, protocolType: ETHERTYPE_IPV4, options: [[0x0101, 0x02, Buffer.from('01020304', 'hex')]] }, Buffer.alloc(0));
    header.writeUInt8(0xe0 | 1, 8 + 3);
    expect(decodeGeneve(header).options).toEqual([{ class: 0x0101, type: 0x02, length: 1, data: '01020304' }]);
  });
});
