import { need } from './malformed.js';

export interface IcmpHeader {
  readonly type: number;
  readonly code: number;
}

/** Type and code of the ICMP message (RFC 792) at the start of `bytes`. */
export function decodeIcmp(bytes: Buffer): IcmpHeader {
  // type, code and checksum: the part every ICMP message shares
  need(bytes, 4, 'ICMP header');
  return { type: bytes.readUInt8(0), code: bytes.readUInt8(1) };
}
