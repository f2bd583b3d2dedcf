import { MalformedHeader, need } from './malformed.js';

export const VXLAN_PORT = 4789; // RFC 7348 §5

export interface VxlanHeader {
  readonly vni: number;
  /** the inner Ethernet frame */
  readonly payload: Buffer;
}

const HEADER_BYTES = 8;
const VALID_VNI_FLAG = 0x08; // I

/** The VXLAN header (RFC 7348 §5) at the start of a UDP payload: flags, 24-bit VNI, inner Ethernet frame. */
export function decodeVxlan(bytes: Buffer): VxlanHeader {
  need(bytes, HEADER_BYTES, 'VXLAN header');
  const flags = bytes.readUInt8(0);
  if ((flags & VALID_VNI_FLAG) === 0) {
    throw new MalformedHeader(`VXLAN flags 0x${flags.toString(16).padStart(2, '0')} lack the I flag that makes the VNI valid`);
  }
  return { vni: bytes.readUIntBE(4, 3), payload: bytes.subarray(HEADER_BYTES) };
}
