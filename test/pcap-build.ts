// Hand-built frames and capture files for the pcap tests: each builder takes what a test is about and
// fills in the rest. Checksums stay 0: the decoder does not verify them.

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;
export const SYN = 0x02;
export const ACK = 0x10;

function uint16(value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(value);
  return bytes;
}

/** Ethernet II with made-up MACs; each VLAN tag is [TPID, VLAN id], outermost first. */
export function ethernet(ethertype: number, payload: Buffer, vlanTags: readonly [number, number][] = []): Buffer {
  const macs = Buffer.alloc(12, 0xaa);
  const tags = vlanTags.flatMap(([tpid, id]) => [uint16(tpid), uint16(id)]);
  return Buffer.concat([macs, ...tags, uint16(ethertype), payload]);
}

export interface Ipv4Fields {
  readonly src: string;
  readonly dst: string;
  readonly proto: number;
  /** a multiple of 4 bytes */
  readonly options?: Buffer;
  /** the Total Length field; by default the real length */
  readonly totalLength?: number;
  readonly fragmentOffset?: number;
  readonly moreFragments?: boolean;
  /** the first byte (version and IHL); by default from the options */
  readonly versionAndIhl?: number;
}

export function ipv4(fields: Ipv4Fields, payload: Buffer): Buffer {
  const options = fields.options ?? Buffer.alloc(0);
  const header = Buffer.alloc(20);
  header.writeUInt8(fields.versionAndIhl ?? 0x40 | ((20 + options.length) / 4), 0);
  header.writeUInt16BE(fields.totalLength ?? header.length + options.length + payload.length, 2);
  header.writeUInt16BE((fields.moreFragments ? 0x2000 : 0) | (fields.fragmentOffset ?? 0), 6);
  header.writeUInt8(64, 8);
  header.writeUInt8(fields.proto, 9);
  Buffer.from(fields.src.split('.').map(Number)).copy(header, 12);
  Buffer.from(fields.dst.split('.').map(Number)).copy(header, 16);
  return Buffer.concat([header, options, payload]);
}

/** A 20-byte TCP header without payload. */
export function tcp(sport: number, dport: number, flags: number): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(sport, 0);
  header.writeUInt16BE(dport, 2);
  header.writeUInt8(5 << 4, 12);
  header.writeUInt8(flags, 13);
  return header;
}

/** `length` is the Length field; by default the real length. */
export function udp(sport: number, dport: number, payload: Buffer, length = 8 + payload.length): Buffer {
  return Buffer.concat([uint16(sport), uint16(dport), uint16(length), uint16(0), payload]);
}

export function icmp(type: number, code: number): Buffer {
  return Buffer.from([type, code, 0, 0, 0, 0, 0, 0]);
}

export interface GeneveFields {
  readonly vni: number;
  readonly protocolType: number;
  /** class, type, data (a multiple of 4 bytes) */
  readonly options?: readonly [number, number, Buffer][];
  readonly oam?: boolean;
  readonly critical?: boolean;
  readonly version?: number;
}

function geneveOption([optionClass, type, data]: [number, number, Buffer]): Buffer {
  return Buffer.concat([uint16(optionClass), Buffer.from([type, data.length / 4]), data]);
}

export function geneve(fields: GeneveFields, payload: Buffer): Buffer {
  const options = Buffer.concat((fields.options ?? []).map(geneveOption));
  const header = Buffer.alloc(8);
  header.writeUInt8(((fields.version ?? 0) << 6) | (options.length / 4), 0);
  header.writeUInt8((fields.oam ? 0x80 : 0) | (fields.critical ? 0x40 : 0), 1);
  header.writeUInt16BE(fields.protocolType, 2);
  header.writeUIntBE(fields.vni, 4, 3);
  return Buffer.concat([header, options, payload]);
}

export function vxlan(vni: number, payload: Buffer, flags = 0x08): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt8(flags, 0);
  header.writeUIntBE(vni, 4, 3);
  return Buffer.concat([header, payload]);
}

export interface PcapOptions {
  readonly linkType?: number;
  readonly bigEndian?: boolean;
}

/** A classic pcap file (pcap-savefile(5)) holding `frames`, one second apart from the epoch on. */
export function pcapFile(frames: readonly Buffer[], { linkType = 1, bigEndian = false }: PcapOptions = {}): Buffer {
  const uint32 = (value: number): Buffer => {
    const bytes = Buffer.alloc(4);
    if (bigEndian) bytes.writeUInt32BE(value);
    else bytes.writeUInt32LE(value);
    return bytes;
  };
  const version = bigEndian ? Buffer.from([0, 2, 0, 4]) : Buffer.from([2, 0, 4, 0]);
  const header = Buffer.concat([uint32(0xa1b2c3d4), version, uint32(0), uint32(0), uint32(262144), uint32(linkType)]);
  const records = frames.map((frame, index) =>
    Buffer.concat([uint32(index + 1), uint32(500), uint32(frame.length), uint32(frame.length), frame]),
  );
  return Buffer.concat([header, ...records]);
}
