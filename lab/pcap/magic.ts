// What the first four bytes of a capture file say it is: pcap-savefile(5) for classic pcap, and the
// Section Header Block of pcapng (draft-ietf-opsawg-pcapng), whose type reads the same in either byte order.
const CLASSIC_MICROSECONDS = ['a1b2c3d4', 'd4c3b2a1'];
const CLASSIC_NANOSECONDS = ['a1b23c4d', '4d3cb2a1'];
const PCAPNG = '0a0d0d0a';
const ONLY_CLASSIC = 'is not supported, only classic pcap with microsecond timestamps';
const CONVERT = 'convert with editcap -F pcap IN OUT';

/** Why a file that starts with `magic` (its first 4 bytes, fewer if it is that short) cannot be read, or undefined. */
export function formatProblem(magic: Buffer): string | undefined {
  const hex = magic.toString('hex');
  if (magic.length === 0) return 'the file is empty, not a pcap capture (did tcpdump stop before it wrote its header?)';
  if (magic.length < 4) return `too short for a pcap capture: ${magic.length} bytes, the pcap header alone has 24`;
  if (CLASSIC_MICROSECONDS.includes(hex)) return undefined;
  if (CLASSIC_NANOSECONDS.includes(hex)) {
    return `nanosecond pcap ${ONLY_CLASSIC} (tcpdump --time-stamp-precision=nano writes it; capture without that option, or ${CONVERT})`;
  }
  if (hex === PCAPNG) return `pcapng ${ONLY_CLASSIC} (Wireshark, dumpcap and tshark write it; capture with tcpdump -w, or ${CONVERT})`;
  return `not a pcap capture: unknown magic number ${hex} (classic pcap starts with a1b2c3d4 or d4c3b2a1)`;
}
