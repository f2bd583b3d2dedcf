/** What a link-layer header says about the frame it carries. */
export interface LinkPayload {
  /**
   * The protocol of `payload`, after any VLAN tags. For Linux cooked captures this is the SLL protocol
   * field, an ethertype for everything but a few non-Ethernet link types.
   */
  readonly ethertype: number;
  readonly payload: Buffer;
}

export const ETHERTYPE_IPV4 = 0x0800;
