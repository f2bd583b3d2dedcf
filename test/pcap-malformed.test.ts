// A frame whose headers are cut short or invalid is decoded as far as it goes and marked `malformed`.
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../lab/pcap/frame.js';
import { ETHERTYPE_IPV4, ethernet, geneve, ipv4, SYN, TCP, tcp, UDP, udp, vxlan } from './pcap-build.js';

const ETHERNET = 1;
const TRANSPARENT_ETHERNET = 0x6558;
const synPacket = ipv4({ src: '10.0.2.1', dst: '10.1.0.1', proto: TCP }, tcp(20001, 8080, SYN));
const tunnelEndpoints = { src: '10.0.2.2', dst: '10.0.1.2', proto: UDP, sport: 40000, dport: 6081 };

function inGeneve(geneveBytes: Buffer): Buffer {
  return ethernet(ETHERTYPE_IPV4, ipv4({ src: '10.0.2.2', dst: '10.0.1.2', proto: UDP }, udp(40000, 6081, geneveBytes)));
}

function cut(bytes: Buffer, length: number): Buffer {
  return bytes.subarray(0, length);
}

describe('decodeFrame on malformed frames', () => {
  it('decodes a frame cut by the snap length up to the cut, naming the outermost short header', () => {
    const full = inGeneve(geneve({ vni: 2, protocolType: TRANSPARENT_ETHERNET }, ethernet(ETHERTYPE_IPV4, synPacket)));
    // 14 Ethernet + 20 IPv4 + 8 UDP + 8 GENEVE + 14 inner Ethernet + 20 inner IPv4 + 6 of the 20 TCP bytes
    expect(decodeFrame(cut(full, 90), 1, ETHERNET)).toEqual({
      frame: 1,
      outer: tunnelEndpoints,
      geneve: { vni: 2, protocolType: TRANSPARENT_ETHERNET, options: [] },
      inner: { src: '10.0.2.1', dst: '10.1.0.1', proto: TCP },
      malformed: 'outer IPv4 packet is 90 bytes, 76 captured',
    });
  });

  it('keeps the addresses of an IPv4 packet whose TCP header is cut short', () => {
    const frame = ethernet(ETHERTYPE_IPV4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: TCP, totalLength: 30 }, tcp(1, 2, SYN).subarray(0, 10)));
    expect(decodeFrame(frame, 1, ETHERNET)).toEqual({
      frame: 1,
      outer: { src: '10.0.0.1', dst: '10.0.0.2', proto: TCP },
      malformed: 'TCP header cut short: 20 bytes needed, 10 captured',
    });
  });

  it('marks an IPv4 header that claims more bytes than were captured, and decodes what is there', () => {
    const frame = ethernet(ETHERTYPE_IPV4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: TCP, totalLength: 1500 }, tcp(1, 2, SYN)));
    expect(decodeFrame(frame, 1, ETHERNET)).toEqual({
      frame: 1,
      outer: { src: '10.0.0.1', dst: '10.0.0.2', proto: TCP, sport: 1, dport: 2 },
      tcpFlags: SYN,
      malformed: 'outer IPv4 packet is 1500 bytes, 40 captured',
    });
  });

  it('marks a UDP Length beyond the IPv4 payload', () => {
    const frame = ethernet(ETHERTYPE_IPV4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: UDP }, udp(1, 53, Buffer.alloc(4), 100)));
    expect(decodeFrame(frame, 1, ETHERNET)).toMatchObject({
      outer: { sport: 1, dport: 53 },
      malformed: 'outer UDP datagram is 100 bytes, 12 captured',
    });
  });

  it('rejects UDP and IPv4 lengths shorter than their own headers', () => {
    const shortUdp = ethernet(ETHERTYPE_IPV4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: UDP }, udp(1, 53, Buffer.alloc(4), 6)));
    expect(decodeFrame(shortUdp, 1, ETHERNET)).toEqual({
      frame: 1,
      outer: { src: '10.0.0.1', dst: '10.0.0.2', proto: UDP },
      malformed: 'UDP length 6 is shorter than its 8-byte header',
    });
    const shortIpv4 = ethernet(ETHERTYPE_IPV4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: TCP, totalLength: 12 }, tcp(1, 2, SYN)));
    expect(decodeFrame(shortIpv4, 1, ETHERNET)).toEqual({
      frame: 1,
      ethertype: ETHERTYPE_IPV4,
      malformed: 'IPv4 total length 12 is shorter than its 20-byte header',
    });
  });

  it('gives the ethertype and the reason when the IPv4 header itself is bad', () => {
    const packet = (fields: { versionAndIhl: number }): Buffer =>
      ethernet(ETHERTYPE_IPV4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2', proto: TCP, ...fields }, tcp(1, 2, SYN)));
    expect(decodeFrame(packet({ versionAndIhl: 0x44 }), 1, ETHERNET)).toEqual({
      frame: 1,
      ethertype: ETHERTYPE_IPV4,
      malformed: 'IPv4 header length 16 is below the minimum of 20 bytes',
    });
    expect(decodeFrame(packet({ versionAndIhl: 0x65 }), 1, ETHERNET)).toMatchObject({ malformed: 'IPv4 header with version 6' });
    expect(decodeFrame(packet({ versionAndIhl: 0x4f }), 1, ETHERNET)).toMatchObject({
      malformed: 'IPv4 header with options cut short: 60 bytes needed, 40 captured',
    });
    expect(decodeFrame(ethernet(ETHERTYPE_IPV4, Buffer.alloc(12, 0x45)), 1, ETHERNET)).toMatchObject({
      malformed: 'IPv4 header cut short: 20 bytes needed, 12 captured',
    });
  });

  it('marks a frame too short for its Ethernet header or VLAN tag', () => {
    expect(decodeFrame(Buffer.alloc(10), 5, ETHERNET)).toEqual({ frame: 5, malformed: 'Ethernet header cut short: 14 bytes needed, 10 captured' });
    const tagCut = ethernet(0x8100, Buffer.from([0x00]));
    expect(decodeFrame(tagCut, 5, ETHERNET)).toEqual({ frame: 5, malformed: 'VLAN tag cut short: 4 bytes needed, 1 captured' });
  });

  it('stops at a GENEVE header of an unknown version', () => {
    expect(decodeFrame(inGeneve(geneve({ vni: 2, protocolType: TRANSPARENT_ETHERNET, version: 1 }, Buffer.alloc(0))), 1, ETHERNET)).toEqual({
      frame: 1,
      outer: tunnelEndpoints,
      malformed: 'GENEVE version 1: only version 0 is defined',
    });
  });

  it('stops at GENEVE options cut short or longer than the options length', () => {
    const withOption = geneve({ vni: 2, protocolType: ETHERTYPE_IPV4, options: [[0x014b, 0x81, Buffer.alloc(8)]] }, Buffer.alloc(0));
    expect(decodeFrame(inGeneve(cut(withOption, 14)), 1, ETHERNET)).toMatchObject({
      malformed: 'GENEVE header with options cut short: 20 bytes needed, 14 captured',
    });
    withOption.writeUInt8(withOption.readUInt8(8 + 3) + 1, 8 + 3); // the option now claims 12 bytes of data
    expect(decodeFrame(inGeneve(withOption), 1, ETHERNET)).toEqual({
      frame: 1,
      outer: tunnelEndpoints,
      malformed: 'GENEVE option at byte 0 of the options has 12 bytes of data, more than the 8 left in the options',
    });
  });

  it('stops at a VXLAN header without the I flag, whose VNI is not valid', () => {
    const withoutIFlag = vxlan(100, ethernet(ETHERTYPE_IPV4, synPacket), 0x00);
    const frame = ethernet(ETHERTYPE_IPV4, ipv4({ src: '192.0.2.1', dst: '192.0.2.2', proto: UDP }, udp(1, 4789, withoutIFlag)));
    expect(decodeFrame(frame, 1, ETHERNET)).toEqual({
      frame: 1,
      outer: { src: '192.0.2.1', dst: '192.0.2.2', proto: UDP, sport: 1, dport: 4789 },
      malformed: 'VXLAN flags 0x00 lack the I flag that makes the VNI valid',
    });
  });
});
