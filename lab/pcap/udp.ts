import { MalformedHeader, need } from './malformed.js';

export interface UdpDatagram {
  readonly sourcePort: number;
  readonly destinationPort: number;
  /** the Length field (header included), or the captured length where that field is 0 */
  readonly length: number;
  /** after the header up to Length, as far as it was captured */
  readonly payload: Buffer;
}

const HEADER_BYTES = 8;

/** The UDP header (RFC 768) at the start of `bytes`, and what it carries. */
export function decodeUdp(bytes: Buffer): UdpDatagram {
  need(bytes, HEADER_BYTES, 'UDP header');
  // 0, like IPv4's Total Length, on BIG TCP and offloaded packets (see ipv4.ts).
  const length = bytes.readUInt16BE(4) || bytes.length;
  if (length < HEADER_BYTES) throw new MalformedHeader(`UDP length ${length} is shorter than its ${HEADER_BYTES}-byte header`);
  return {
    sourcePort: bytes.readUInt16BE(0),
    destinationPort: bytes.readUInt16BE(2),
    length,
    payload: bytes.subarray(HEADER_BYTES, length),
  };
}
