// tcpdump's own test captures (fixtures/pcap/tcpdump). Every expectation here was checked against
// `tshark -V -r FILE`, except where a comment says otherwise.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPcap } from '../lab/pcap/read.js';
import { publicCapture } from './fixtures.js';
import { pcapFile } from './pcap-build.js';

const SYN = 0x02;
const SYN_ACK = 0x12;
const PSH_ACK = 0x18;
const TRANSPARENT_ETHERNET = 0x6558;

const directory = mkdtempSync(join(tmpdir(), 'pcap-vectors-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/**
 * The frames of a public capture rewritten as a little-endian, microsecond pcap (as `editcap -F pcap`
 * would), for the files readPcap takes only that way. Timestamps are not carried over.
 */
function rewrittenAsMicrosecondPcap(name: string): string {
  const bytes = readFileSync(publicCapture(name));
  const bigEndian = bytes.toString('hex', 0, 2) === 'a1b2';
  const uint32 = (offset: number): number => (bigEndian ? bytes.readUInt32BE(offset) : bytes.readUInt32LE(offset));
  const frames: Buffer[] = [];
  // pcap-savefile(5): a 24-byte header, then per frame a 16-byte record header whose third field is its length.
  for (let offset = 24; offset < bytes.length; offset += 16 + uint32(offset + 8)) {
    frames.push(bytes.subarray(offset + 16, offset + 16 + uint32(offset + 8)));
  }
  const path = join(directory, name);
  writeFileSync(path, pcapFile(frames, { linkType: uint32(20) }));
  return path;
}

describe('GENEVE captures', () => {
  it('geneve.pcap: VNI 10 with a critical option and VNI 11 without, around inner ICMP and TCP', async () => {
    const frames = await readPcap(publicCapture('geneve.pcap'));
    const criticalOption = { class: 0x0000, type: 0x80, length: 1, data: '0000000c' };
    expect(frames.slice(0, 4)).toEqual([
      {
        frame: 1,
        outer: { src: '20.0.0.1', dst: '20.0.0.2', proto: 17, sport: 12618, dport: 6081 },
        geneve: { vni: 10, protocolType: TRANSPARENT_ETHERNET, options: [criticalOption] },
        inner: { src: '30.0.0.1', dst: '30.0.0.2', proto: 1 },
      },
      {
        frame: 2,
        outer: { src: '20.0.0.2', dst: '20.0.0.1', proto: 17, sport: 50525, dport: 6081 },
        geneve: { vni: 11, protocolType: TRANSPARENT_ETHERNET, options: [] },
        inner: { src: '30.0.0.2', dst: '30.0.0.1', proto: 1 },
      },
      {
        frame: 3,
        outer: { src: '20.0.0.2', dst: '20.0.0.1', proto: 17, sport: 43443, dport: 6081 },
        tcpFlags: SYN,
        geneve: { vni: 11, protocolType: TRANSPARENT_ETHERNET, options: [] },
        inner: { src: '30.0.0.2', dst: '30.0.0.1', proto: 6, sport: 51225, dport: 22 },
      },
      {
        frame: 4,
        outer: { src: '20.0.0.1', dst: '20.0.0.2', proto: 17, sport: 22540, dport: 6081 },
        tcpFlags: SYN_ACK,
        geneve: { vni: 10, protocolType: TRANSPARENT_ETHERNET, options: [criticalOption] },
        inner: { src: '30.0.0.1', dst: '30.0.0.2', proto: 6, sport: 22, dport: 51225 },
      },
    ]);
    expect(frames.slice(0, 3).map((f) => f.icmp)).toEqual([{ type: 8, code: 0 }, { type: 0, code: 0 }, undefined]);
    expect(frames).toHaveLength(39);
    // 20.0.0.1 sends every frame in VNI 10 with the option, 20.0.0.2 in VNI 11 without
    const vni10 = { vni: 10, protocolType: TRANSPARENT_ETHERNET, options: [criticalOption] };
    const vni11 = { vni: 11, protocolType: TRANSPARENT_ETHERNET, options: [] };
    for (const f of frames) expect(f.geneve).toEqual(f.outer?.src === '20.0.0.1' ? vni10 : vni11);
  });

  it('geneve-gcp.pcap: protocol type 0x0800 carries IPv4 with no inner Ethernet, after three options', async () => {
    expect(await readPcap(publicCapture('geneve-gcp.pcap'))).toEqual([
      {
        frame: 1,
        outer: { src: '192.168.100.254', dst: '192.168.100.3', proto: 17, sport: 62974, dport: 6081 },
        tcpFlags: 0,
        geneve: {
          vni: 0,
          protocolType: 0x0800,
          options: [
            { class: 0x0132, type: 0x01, length: 1, data: '800000d1' },
            { class: 0x0132, type: 0x02, length: 4, data: '0800000dc0a864020000000000000000' },
            { class: 0x0132, type: 0x03, length: 2, data: '0000000000001234' },
          ],
        },
        inner: { src: '192.168.100.2', dst: '192.168.100.1', proto: 6, sport: 2905, dport: 8080 },
      },
    ]);
  });

  it('gso-ipv4-geneve-ipv4.pcap: one 7 KB frame, not segmented yet', async () => {
    expect(await readPcap(publicCapture('gso-ipv4-geneve-ipv4.pcap'))).toEqual([
      {
        frame: 1,
        outer: { src: '10.25.132.11', dst: '10.25.132.13', proto: 17, sport: 5799, dport: 6081 },
        tcpFlags: PSH_ACK,
        geneve: { vni: 5001, protocolType: TRANSPARENT_ETHERNET, options: [] },
        inner: { src: '192.168.1.2', dst: '192.168.1.1', proto: 6, sport: 40769, dport: 37633 },
      },
    ]);
  });

  it('bigtcp-ipv4-geneve-ipv4.pcap: IPv4 and UDP lengths of 0 are read as the captured 80 KB', async () => {
    // tshark stops at the UDP length of 0; these values were read off `tshark -x` by hand.
    expect(await readPcap(publicCapture('bigtcp-ipv4-geneve-ipv4.pcap'))).toEqual([
      {
        frame: 1,
        outer: { src: '10.25.132.11', dst: '10.25.132.13', proto: 17, sport: 29804, dport: 6081 },
        tcpFlags: PSH_ACK,
        geneve: { vni: 5001, protocolType: TRANSPARENT_ETHERNET, options: [] },
        inner: { src: '192.168.1.2', dst: '192.168.1.1', proto: 6, sport: 35663, dport: 38005 },
      },
    ]);
  });
});

describe('VXLAN captures', () => {
  it('gso-ipv4-vxlan-ipv4.pcap: VXLAN on UDP 4789 around TCP', async () => {
    expect(await readPcap(publicCapture('gso-ipv4-vxlan-ipv4.pcap'))).toEqual([
      {
        frame: 1,
        outer: { src: '10.25.132.11', dst: '10.25.132.13', proto: 17, sport: 60345, dport: 4789 },
        tcpFlags: PSH_ACK,
        vxlan: { vni: 5001 },
        inner: { src: '192.168.1.2', dst: '192.168.1.1', proto: 6, sport: 37099, dport: 41547 },
      },
    ]);
  });

  it('vxlan.pcap: VNI 100 around ICMP, and around ARP, which has no inner IPv4', async () => {
    const frames = await readPcap(publicCapture('vxlan.pcap'));
    expect(frames.slice(0, 2)).toEqual([
      {
        frame: 1,
        outer: { src: '192.168.203.1', dst: '192.168.202.1', proto: 17, sport: 45149, dport: 4789 },
        vxlan: { vni: 100 },
        inner: { src: '192.168.203.3', dst: '192.168.203.5', proto: 1 },
      },
      { frame: 2, outer: { src: '192.168.202.1', dst: '192.168.203.1', proto: 17, sport: 42710, dport: 4789 }, vxlan: { vni: 100 } },
    ]);
    expect(frames[0]?.icmp).toEqual({ type: 8, code: 0 });
    expect(frames.map((f) => f.vxlan?.vni)).toEqual(Array(10).fill(100));
    expect(frames.filter((f) => !f.inner).map((f) => f.frame)).toEqual([2, 3]);
  });
});

describe('plain captures', () => {
  it('pptp.pcap, big-endian: TCP and a GRE packet, read as its little-endian rewrite is', async () => {
    const frames = await readPcap(publicCapture('pptp.pcap'));
    expect(frames).toHaveLength(23);
    expect(frames[0]).toEqual({ frame: 1, outer: { src: '10.1.1.11', dst: '10.1.1.10', proto: 6, sport: 3025, dport: 1723 }, tcpFlags: SYN });
    expect(frames[15]).toEqual({ frame: 16, outer: { src: '10.1.1.11', dst: '10.1.1.10', proto: 47 } });
    expect(frames.slice(0, 2).map((f) => f.timestampMicros)).toEqual([954147395_148077, 954147395_148207]);
    expect(await readPcap(rewrittenAsMicrosecondPcap('pptp.pcap'))).toEqual(frames);
  });

  it('dns_udp.pcap and dns_tcp.pcap: UDP and TCP port 53', async () => {
    expect(await readPcap(publicCapture('dns_udp.pcap'))).toEqual([
      { frame: 1, outer: { src: '192.168.1.11', dst: '209.87.249.18', proto: 17, sport: 43966, dport: 53 } },
      { frame: 2, outer: { src: '209.87.249.18', dst: '192.168.1.11', proto: 17, sport: 53, dport: 43966 } },
    ]);
    const tcp = await readPcap(publicCapture('dns_tcp.pcap'));
    expect(tcp.map((f) => f.tcpFlags)).toEqual([0x02, 0x12, 0x10, 0x18, 0x10, 0x18, 0x10, 0x11, 0x10, 0x19, 0x10]);
    expect(tcp[1]?.outer).toEqual({ src: '209.87.249.18', dst: '192.168.1.11', proto: 6, sport: 53, dport: 33779 });
  });

  it('icmp-rfc8335.pcap: the ICMP types and codes of extended echo (RFC 8335)', async () => {
    const frames = await readPcap(publicCapture('icmp-rfc8335.pcap'));
    expect(frames[0]).toEqual({ frame: 1, outer: { src: '204.194.23.128', dst: '149.28.74.237', proto: 1 } });
    expect(frames.map((f) => `${f.icmp?.type}/${f.icmp?.code}`)).toEqual(['42/0', '42/0', '42/0', '42/0', '42/0', '43/0', '42/0', '43/1', '42/0', '43/2']);
  });

  it('tcp-handshake-nano.pcap, rewritten with microseconds: a Linux cooked (SLL) handshake', async () => {
    // The file itself is refused (see pcap-files.test.ts); its frames are plain SLL.
    const client = { src: '131.155.215.69', dst: '137.116.81.94', proto: 6, sport: 46656, dport: 80 };
    const server = { src: '137.116.81.94', dst: '131.155.215.69', proto: 6, sport: 80, dport: 46656 };
    expect(await readPcap(rewrittenAsMicrosecondPcap('tcp-handshake-nano.pcap'))).toEqual([
      { frame: 1, outer: client, tcpFlags: SYN },
      { frame: 2, outer: server, tcpFlags: SYN_ACK },
      { frame: 3, outer: client, tcpFlags: 0x10 },
    ]);
  });
});
