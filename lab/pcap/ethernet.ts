import type { LinkPayload } from './link-payload.js';
import { need } from './malformed.js';
import { skipVlanTags } from './vlan.js';

// Destination and source MAC, then the ethertype (IEEE 802.3 §3.1.1). A value below 0x0600 is an 802.3
// length rather than an ethertype; such frames carry no IPv4 and are reported with that value.
const HEADER_BYTES = 14;

export function decodeEthernet(bytes: Buffer): LinkPayload {
  need(bytes, HEADER_BYTES, 'Ethernet header');
  return skipVlanTags({ ethertype: bytes.readUInt16BE(12), payload: bytes.subarray(HEADER_BYTES) });
}
