// Cilium's DSR-over-GENEVE wire format in one place (Cilium bpf/lib/nodeport.h encap_geneve_dsr_opt4,
// bpf/lib/tunnel.h, bpf/lib/identity.h): what the dsr spec reads in the captures and bpf/lb_dsr.c writes
// (its #defines are kept equal to these by test/cilium-wire.test.ts).
import { GENEVE_PORT } from '../pcap/geneve.js';

export { GENEVE_PORT };
/** the source identity of traffic from outside the cluster (WORLD_ID), carried in the VNI: 2 in an IPv4-only cluster */
export const WORLD_ID = 2;
/** the DSR option: Cilium's option class, and type 0x81 (critical bit + 1) */
export const DSR_OPTION_CLASS = 0x014b;
export const DSR_OPTION_TYPE = 0x81;
/** its length in 4-byte words for IPv4: address, port, padding */
export const DSR_OPTION_WORDS = 2;
