import { need } from './malformed.js';

export interface TcpHeader {
  readonly sourcePort: number;
  readonly destinationPort: number;
  /** the flags byte: CWR ECE URG ACK PSH RST SYN FIN, SYN = 0x02 */
  readonly flags: number;
}

/** The TCP header (RFC 9293 §3.1) at the start of `bytes`: the fixed 20 bytes, options are not read. */
export function decodeTcp(bytes: Buffer): TcpHeader {
  need(bytes, 20, 'TCP header');
  return { sourcePort: bytes.readUInt16BE(0), destinationPort: bytes.readUInt16BE(2), flags: bytes.readUInt8(13) };
}
