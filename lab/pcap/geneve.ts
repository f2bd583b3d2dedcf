import { MalformedHeader, need } from './malformed.js';

export const GENEVE_PORT = 6081; // RFC 8926 §3.3

export interface GeneveOption {
  readonly class: number;
  /** all 8 bits, the critical bit 0x80 included */
  readonly type: number;
  /** of the data, in 4-byte words as on the wire (the 4-byte option header not counted) */
  readonly length: number;
  /** lowercase hex */
  readonly data: string;
}

export interface GeneveHeader {
  readonly version: number;
  /** of all options, in 4-byte words */
  readonly optionsLength: number;
  /** O: the packet is a control message */
  readonly oam: boolean;
  /** C: at least one option has its critical bit set */
  readonly critical: boolean;
  /** an ethertype: 0x6558 for an Ethernet frame, 0x0800 for an IPv4 packet */
  readonly protocolType: number;
  readonly vni: number;
  readonly options: readonly GeneveOption[];
  readonly payload: Buffer;
}

const FIXED_BYTES = 8;
const OPTION_HEADER_BYTES = 4;

// RFC 8926 §3.5: class (16 bits), type (8 bits), 3 reserved bits and the length (5 bits), then the data.
function decodeOptions(bytes: Buffer): GeneveOption[] {
  const options: GeneveOption[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    need(bytes.subarray(offset), OPTION_HEADER_BYTES, 'GENEVE option header');
    const length = bytes.readUInt8(offset + 3) & 0x1f;
    const end = offset + OPTION_HEADER_BYTES + length * 4;
    if (end > bytes.length) {
      const left = bytes.length - offset - OPTION_HEADER_BYTES;
      throw new MalformedHeader(`GENEVE option at byte ${offset} of the options has ${length * 4} bytes of data, more than the ${left} left in the options`);
    }
    options.push({
      class: bytes.readUInt16BE(offset),
      type: bytes.readUInt8(offset + 2),
      length,
      data: bytes.toString('hex', offset + OPTION_HEADER_BYTES, end),
    });
    offset = end;
  }
  return options;
}

/** The GENEVE header (RFC 8926 §3.4) at the start of a UDP payload, its options, and what it carries. */
export function decodeGeneve(bytes: Buffer): GeneveHeader {
  need(bytes, FIXED_BYTES, 'GENEVE header');
  const version = bytes.readUInt8(0) >> 6;
  // A new version may lay the header out differently, so nothing after the version can be read.
  if (version !== 0) throw new MalformedHeader(`GENEVE version ${version}: only version 0 is defined`);
  const optionsLength = bytes.readUInt8(0) & 0x3f;
  const headerLength = FIXED_BYTES + optionsLength * 4;
  need(bytes, headerLength, 'GENEVE header with options');
  const flags = bytes.readUInt8(1);
  return {
    version,
    optionsLength,
    oam: (flags & 0x80) !== 0,
    critical: (flags & 0x40) !== 0,
    protocolType: bytes.readUInt16BE(2),
    vni: bytes.readUIntBE(4, 3),
    options: decodeOptions(bytes.subarray(FIXED_BYTES, headerLength)),
    payload: bytes.subarray(headerLength),
  };
}
