// One captured frame decoded into what the checks read: the outer IPv4 packet, the innermost TCP flags,
// and for a GENEVE or VXLAN tunnel its header and the IPv4 packet inside. `lab pcap` prints it as it is.
import { decodeEthernet } from './ethernet.js';
import { decodeGeneve, GENEVE_PORT, type GeneveOption } from './geneve.js';
import { decodeIcmp, type IcmpHeader } from './icmp.js';
import { decodeIpv4, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP } from './ipv4.js';
import { decodeLinkLayer } from './link-layer.js';
import { ETHERTYPE_IPV4, type LinkPayload } from './link-payload.js';
import { MalformedHeader } from './malformed.js';
import { decodeTcp } from './tcp.js';
import { decodeUdp, type UdpDatagram } from './udp.js';
import { decodeVxlan, VXLAN_PORT } from './vxlan.js';

export interface Endpoints {
  readonly src: string;
  readonly dst: string;
  readonly proto: number;
  /** TCP and UDP only */
  readonly sport?: number;
  readonly dport?: number;
}

export interface Frame {
  /** from 1, in capture order */
  readonly frame: number;
  /** of the outermost link-layer header, after VLAN tags; only when there is no `outer` */
  readonly ethertype?: number;
  /** the first IPv4 header */
  readonly outer?: Endpoints;
  /** the flags byte of the innermost TCP header */
  readonly tcpFlags?: number;
  readonly geneve?: {
    readonly vni: number;
    readonly protocolType: number;
    /** empty when the header has none */
    readonly options: readonly GeneveOption[];
  };
  readonly vxlan?: { readonly vni: number };
  /** the IPv4 header inside the tunnel */
  readonly inner?: Endpoints;
  /**
   * Why the frame is not decoded whole. A header cut short by the capture (snap length) or holding a
   * value no valid header has stops the decoding there: what comes after it is absent. A length field
   * that announces more bytes than were captured does not: what was captured is decoded. Names the
   * first (outermost) problem, which explains any after it. One bad frame does not stop the reading of
   * a capture.
   */
  readonly malformed?: string;
  /** type and code of the innermost ICMP message; not printed by `lab pcap` (see `withUnprinted`) */
  readonly icmp?: IcmpHeader;
}

// The GENEVE protocol type is an ethertype (RFC 8926 §3.4); this one means an Ethernet frame follows.
const TRANSPARENT_ETHERNET_BRIDGING = 0x6558;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Decoded = Omit<Mutable<Frame>, 'frame'>;

/**
 * Adds fields that the library offers but a `lab pcap` line does not show. They are not enumerable, so
 * JSON.stringify (the CLI) leaves them out, and so does toEqual when a test compares a frame with a line.
 */
export function withUnprinted<T extends object, U extends object>(frame: T, fields: U): T & U {
  for (const [key, value] of Object.entries(fields)) Object.defineProperty(frame, key, { value, enumerable: false });
  return frame as T & U;
}

function note(decoded: Decoded, problem: string): void {
  decoded.malformed ??= problem;
}

function ipv4Inside(link: LinkPayload): Buffer | undefined {
  return link.ethertype === ETHERTYPE_IPV4 ? link.payload : undefined;
}

/** Decodes an IPv4 packet and its TCP, UDP or ICMP header; returns the UDP datagram, for tunnels. */
function decodeIpv4Packet(bytes: Buffer, position: 'outer' | 'inner', decoded: Decoded): UdpDatagram | undefined {
  const ip = decodeIpv4(bytes);
  const addresses = { src: ip.src, dst: ip.dst, proto: ip.protocol };
  decoded[position] = addresses;
  if (ip.totalLength > bytes.length) note(decoded, `${position} IPv4 packet is ${ip.totalLength} bytes, ${bytes.length} captured`);
  // Only the first fragment starts with the transport header (RFC 791 §2.3).
  if (ip.fragmentOffset !== 0) return undefined;
  if (ip.protocol === IPPROTO_TCP) {
    const tcp = decodeTcp(ip.payload);
    decoded[position] = { ...addresses, sport: tcp.sourcePort, dport: tcp.destinationPort };
    decoded.tcpFlags = tcp.flags;
  } else if (ip.protocol === IPPROTO_UDP) {
    const udp = decodeUdp(ip.payload);
    decoded[position] = { ...addresses, sport: udp.sourcePort, dport: udp.destinationPort };
    if (udp.length > ip.payload.length) note(decoded, `${position} UDP datagram is ${udp.length} bytes, ${ip.payload.length} captured`);
    // The rest of a fragmented datagram is in later frames, and frames are not reassembled.
    return ip.moreFragments ? undefined : udp;
  } else if (ip.protocol === IPPROTO_ICMP) {
    decoded.icmp = decodeIcmp(ip.payload);
  }
  return undefined;
}

/** Decodes the tunnel header a datagram carries, if any; returns the IPv4 packet inside the tunnel. */
function decodeTunnel(udp: UdpDatagram, decoded: Decoded): Buffer | undefined {
  // By destination port only, as tcpdump does: tunnel endpoints pick the source port per inner flow.
  if (udp.destinationPort === GENEVE_PORT) {
    const geneve = decodeGeneve(udp.payload);
    decoded.geneve = { vni: geneve.vni, protocolType: geneve.protocolType, options: geneve.options };
    if (geneve.protocolType === ETHERTYPE_IPV4) return geneve.payload;
    if (geneve.protocolType === TRANSPARENT_ETHERNET_BRIDGING) return ipv4Inside(decodeEthernet(geneve.payload));
  } else if (udp.destinationPort === VXLAN_PORT) {
    const vxlan = decodeVxlan(udp.payload);
    decoded.vxlan = { vni: vxlan.vni };
    return ipv4Inside(decodeEthernet(vxlan.payload));
  }
  return undefined;
}

function decodeLayers(bytes: Buffer, linkType: number, decoded: Decoded): void {
  const link = decodeLinkLayer(bytes, linkType);
  decoded.ethertype = link.ethertype;
  if (link.ethertype !== ETHERTYPE_IPV4) return;
  const udp = decodeIpv4Packet(link.payload, 'outer', decoded);
  const inner = udp && decodeTunnel(udp, decoded);
  if (inner) decodeIpv4Packet(inner, 'inner', decoded);
}

/**
 * Decodes one frame of a capture whose link type (https://www.tcpdump.org/linktypes.html) is `linkType`.
 * Checksums are not verified: with checksum offload a capture holds partial ones.
 */
export function decodeFrame(bytes: Buffer | Uint8Array, frameNumber: number, linkType: number): Frame {
  const decoded: Decoded = {};
  try {
    decodeLayers(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), linkType, decoded);
  } catch (error) {
    if (!(error instanceof MalformedHeader)) throw error;
    note(decoded, error.message);
  }
  const { ethertype, outer, tcpFlags, geneve, vxlan, inner, malformed, icmp } = decoded;
  // Built key by key: the order is that of a `lab pcap` line.
  const frame: Frame = {
    frame: frameNumber,
    ...(outer === undefined && ethertype !== undefined ? { ethertype } : {}),
    ...(outer ? { outer } : {}),
    ...(tcpFlags !== undefined ? { tcpFlags } : {}),
    ...(geneve ? { geneve } : {}),
    ...(vxlan ? { vxlan } : {}),
    ...(inner ? { inner } : {}),
    ...(malformed !== undefined ? { malformed } : {}),
  };
  return icmp ? withUnprinted(frame, { icmp }) : frame;
}
