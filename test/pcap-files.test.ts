// readPcap on whole files: both byte orders, and every way a file can be unreadable.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PcapError } from '../lab/pcap/pcap-error.js';
import { readPcap } from '../lab/pcap/read.js';
import { publicCapture } from './fixtures.js';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, ethernet, ipv4, pcapFile, SYN, TCP, tcp } from './pcap-build.js';

const directory = mkdtempSync(join(tmpdir(), 'pcap-files-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function written(name: string, bytes: Buffer): string {
  const path = join(directory, name);
  writeFileSync(path, bytes);
  return path;
}

const syn = ethernet(ETHERTYPE_IPV4, ipv4({ src: '10.0.1.1', dst: '20.1.10.2', proto: TCP }, tcp(20002, 80, SYN)));
const arp = ethernet(ETHERTYPE_ARP, Buffer.alloc(28));
const twoFrames = pcapFile([syn, arp]);
const decodedTwoFrames = [
  { frame: 1, outer: { src: '10.0.1.1', dst: '20.1.10.2', proto: TCP, sport: 20002, dport: 80 }, tcpFlags: SYN },
  { frame: 2, ethertype: ETHERTYPE_ARP },
];

async function failure(path: string): Promise<PcapError> {
  const error: unknown = await readPcap(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PcapError);
  return error as PcapError;
}

describe('readPcap on whole files', () => {
  it('numbers the frames from 1 and gives each its capture time, outside the CLI line', async () => {
    const frames = await readPcap(written('two.pcap', twoFrames));
    expect(frames).toEqual(decodedTwoFrames);
    expect(frames.map((f) => f.timestampMicros)).toEqual([1_000_500, 2_000_500]);
    expect(JSON.stringify(frames[1])).toBe('{"frame":2,"ethertype":2054}');
  });

  it('reads a big-endian file like a little-endian one', async () => {
    expect(await readPcap(written('big-endian.pcap', pcapFile([syn, arp], { bigEndian: true })))).toEqual(decodedTwoFrames);
  });

  it('reads a file with a header and no frames as no frames', async () => {
    expect(await readPcap(written('no-frames.pcap', pcapFile([])))).toEqual([]);
  });

  it('reads past a malformed frame to the frames after it', async () => {
    const frames = await readPcap(written('malformed.pcap', pcapFile([syn.subarray(0, 10), arp])));
    expect(frames).toEqual([
      { frame: 1, malformed: 'Ethernet header cut short: 14 bytes needed, 10 captured' },
      { frame: 2, ethertype: ETHERTYPE_ARP },
    ]);
  });
});

describe('readPcap on files it cannot read', () => {
  it('names a missing file', async () => {
    const path = join(directory, 'missing.pcap');
    expect((await failure(path)).message).toBe(`${path}: no such file`);
  });

  it('names a directory', async () => {
    const path = join(directory, 'a-directory');
    mkdirSync(path);
    expect((await failure(path)).message).toBe(`${path}: is a directory, not a pcap capture`);
  });

  it('names an empty file', async () => {
    const path = written('empty.pcap', Buffer.alloc(0));
    expect((await failure(path)).message).toBe(`${path}: the file is empty, not a pcap capture (did tcpdump stop before it wrote its header?)`);
  });

  it('names garbage by its magic number', async () => {
    const path = written('page.html', Buffer.from('<html><body>not a capture</body></html>'));
    expect((await failure(path)).message).toBe(
      `${path}: not a pcap capture: unknown magic number 3c68746d (classic pcap starts with a1b2c3d4 or d4c3b2a1)`,
    );
  });

  it('names a file too short for the magic number, and a pcap header cut short', async () => {
    const tiny = written('tiny.pcap', twoFrames.subarray(0, 3));
    expect((await failure(tiny)).message).toBe(`${tiny}: too short for a pcap capture: 3 bytes, the pcap header alone has 24`);
    const header = written('header.pcap', twoFrames.subarray(0, 10));
    expect((await failure(header)).message).toBe(`${header}: pcap header cut short: 10 of 24 bytes`);
  });

  it('refuses a file cut inside a frame, rather than returning the frames before it', async () => {
    // header 24, frame 1's record 16 + 54, then frame 2's record header 16 and 20 of its 42 bytes
    const path = written('cut-in-frame.pcap', twoFrames.subarray(0, 24 + 16 + 54 + 16 + 20));
    expect((await failure(path)).message).toBe(
      `${path}: the file ends inside frame 2 (after 1 whole frame): 20 of its 42 bytes are there (was the file copied while tcpdump was still writing it?)`,
    );
  });

  it('refuses a file cut inside a record header', async () => {
    const path = written('cut-in-record-header.pcap', twoFrames.subarray(0, 24 + 16 + 54 + 5));
    expect((await failure(path)).message).toBe(
      `${path}: the file ends inside the record header of frame 2 (after 1 whole frame): 5 of 16 bytes ` +
        '(was the file copied while tcpdump was still writing it?)',
    );
  });

  it('names a link type it cannot decode', async () => {
    const path = written('wifi.pcap', pcapFile([Buffer.alloc(30)], { linkType: 105 }));
    expect((await failure(path)).message).toBe(
      `${path}: link type 105 is not supported, only Ethernet (1), Linux cooked SLL (113), Linux cooked SLL2 (276) ` +
        '(see https://www.tcpdump.org/linktypes.html); capture on an Ethernet interface or with tcpdump -i any',
    );
  });

  it('refuses pcapng and nanosecond pcap, saying how to convert them', async () => {
    const pcapng = publicCapture('bgp-shutdown-communication.pcapng');
    expect((await failure(pcapng)).message).toBe(
      `${pcapng}: pcapng is not supported, only classic pcap with microsecond timestamps ` +
        '(Wireshark, dumpcap and tshark write it; capture with tcpdump -w, or convert with editcap -F pcap IN OUT)',
    );
    const nanoseconds = publicCapture('tcp-handshake-nano.pcap');
    expect((await failure(nanoseconds)).message).toBe(
      `${nanoseconds}: nanosecond pcap is not supported, only classic pcap with microsecond timestamps ` +
        '(tcpdump --time-stamp-precision=nano writes it; capture without that option, or convert with editcap -F pcap IN OUT)',
    );
  });
});
