import { MalformedHeader, need } from './malformed.js';

export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

export interface Ipv4Header {
  readonly src: string;
  readonly dst: string;
  readonly protocol: number;
  /** the Total Length field, or the captured length where that field is 0 (see below) */
  readonly totalLength: number;
  /** in 8-byte units: 0 for an unfragmented packet and for the first fragment */
  readonly fragmentOffset: number;
  readonly moreFragments: boolean;
  /** from the end of the header (options included) to Total Length, as far as it was captured */
  readonly payload: Buffer;
}

const MIN_HEADER_BYTES = 20;
const MORE_FRAGMENTS = 0x2000;
const FRAGMENT_OFFSET = 0x1fff;

function address(bytes: Buffer, offset: number): string {
  return [...bytes.subarray(offset, offset + 4)].join('.');
}

/** The IPv4 header (RFC 791 §3.1) at the start of `bytes`. */
export function decodeIpv4(bytes: Buffer): Ipv4Header {
  need(bytes, MIN_HEADER_BYTES, 'IPv4 header');
  const version = bytes.readUInt8(0) >> 4;
  if (version !== 4) throw new MalformedHeader(`IPv4 header with version ${version}`);
  const headerLength = (bytes.readUInt8(0) & 0x0f) * 4;
  if (headerLength < MIN_HEADER_BYTES) {
    throw new MalformedHeader(`IPv4 header length ${headerLength} is below the minimum of ${MIN_HEADER_BYTES} bytes`);
  }
  need(bytes, headerLength, 'IPv4 header with options');
  // A Total Length of 0 comes from a packet captured before segmentation offload (TSO/GSO) split it, and
  // from BIG TCP packets longer than 64 KiB: their length is what the capture holds, as tcpdump reads it.
  const totalLength = bytes.readUInt16BE(2) || bytes.length;
  if (totalLength < headerLength) {
    throw new MalformedHeader(`IPv4 total length ${totalLength} is shorter than its ${headerLength}-byte header`);
  }
  const fragment = bytes.readUInt16BE(6);
  return {
    src: address(bytes, 12),
    dst: address(bytes, 16),
    protocol: bytes.readUInt8(9),
    totalLength,
    fragmentOffset: fragment & FRAGMENT_OFFSET,
    moreFragments: (fragment & MORE_FRAGMENTS) !== 0,
    payload: bytes.subarray(headerLength, totalLength),
  };
}
