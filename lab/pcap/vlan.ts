import type { LinkPayload } from './link-payload.js';
import { need } from './malformed.js';

// IEEE 802.1Q customer tag, and the 802.1ad service tag that stacks one more in front (QinQ).
const VLAN_TAG_ETHERTYPES = new Set([0x8100, 0x88a8]);

/** Skips the VLAN tags a payload of `ethertype` starts with: each is a 2-byte TCI and the next ethertype. */
export function skipVlanTags(link: LinkPayload): LinkPayload {
  let { ethertype, payload } = link;
  while (VLAN_TAG_ETHERTYPES.has(ethertype)) {
    need(payload, 4, 'VLAN tag');
    ethertype = payload.readUInt16BE(2);
    payload = payload.subarray(4);
  }
  return { ethertype, payload };
}
