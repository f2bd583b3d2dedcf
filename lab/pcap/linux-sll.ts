// Linux cooked captures (`tcpdump -i any`): a pseudo-header in place of the link-layer header.
import type { LinkPayload } from './link-payload.js';
import { need } from './malformed.js';
import { skipVlanTags } from './vlan.js';

/** LINKTYPE_LINUX_SLL: packet type, ARPHRD type, address length, 8 address bytes, then the protocol. */
export function decodeLinuxSll(bytes: Buffer): LinkPayload {
  need(bytes, 16, 'Linux cooked (SLL) header');
  return skipVlanTags({ ethertype: bytes.readUInt16BE(14), payload: bytes.subarray(16) });
}

/** LINKTYPE_LINUX_SLL2: the protocol first, then reserved, interface index, ARPHRD, packet type, address. */
export function decodeLinuxSll2(bytes: Buffer): LinkPayload {
  need(bytes, 20, 'Linux cooked (SLL2) header');
  return skipVlanTags({ ethertype: bytes.readUInt16BE(0), payload: bytes.subarray(20) });
}
