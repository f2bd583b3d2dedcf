// Parsers for `birdc show protocols` and `birdc show protocols all` (BIRD 2.0).
import type { BgpSession } from '../fabric/fabric-contract.js';

export interface BirdProtocol {
  readonly name: string;
  readonly proto: string;
  readonly table: string;
  /** up, down, start, stop */
  readonly state: string;
  readonly since: string;
  /** e.g. "Established", "Active        Socket: Connection refused", "master4 <=> coil4" */
  readonly info: string;
  /** indented `Key: value` lines of `show protocols all`, by key */
  readonly details: Readonly<Record<string, string>>;
  /** indented lines without a value, e.g. "Neighbor graceful restart active", "Route refresh" */
  readonly flags: readonly string[];
}

/** What BIRD says of a BGP protocol whose neighbor restarts: it keeps the neighbor's routes, as stale, until its End-of-RIB. */
export const GRACEFUL_RESTART_ACTIVE = 'Neighbor graceful restart active';

const HEADER = /^Name\s+Proto\s+Table\s+State\s+Since\s+Info\s*$/;
const BANNER = /^BIRD [\d.]+ ready\.$/;

/**
 * Reads the protocol table. Columns are split on whitespace, not by position: a name longer than ten
 * characters shifts the columns of its row. Lines that are neither banner, header, row nor detail are
 * an error, so that a changed format cannot pass unnoticed.
 */
export function parseBirdProtocols(text: string): BirdProtocol[] {
  const protocols: { row: Omit<BirdProtocol, 'details' | 'flags'>; details: Record<string, string>; flags: string[] }[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || BANNER.test(line) || HEADER.test(line)) continue;
    if (/^\s/.test(line)) {
      const current = protocols.at(-1);
      const detail = /^\s+([A-Za-z][\w ./-]*?):\s*(.*)$/.exec(line);
      if (current && detail) current.details[detail[1]!] ??= detail[2]!.trim();
      else if (current) current.flags.push(line.trim());
      continue;
    }
    const [name, proto, table, state, since, ...info] = line.trim().split(/\s+/);
    if (!name || !proto || !table || !state || !since) throw new Error(`unexpected line in birdc show protocols: ${JSON.stringify(line)}`);
    protocols.push({ row: { name, proto, table, state, since, info: info.join(' ') }, details: {}, flags: [] });
  }
  return protocols.map(({ row, details, flags }) => ({ ...row, details, flags }));
}

/** The BGP sessions of `show protocols all`, keyed by protocol name. */
export function birdBgpSessions(protocols: readonly BirdProtocol[]): Map<string, BgpSession> {
  const sessions = new Map<string, BgpSession>();
  for (const p of protocols) {
    if (p.proto !== 'BGP') continue;
    const neighborAddress = p.details['Neighbor address'];
    const neighborAs = Number(p.details['Neighbor AS']);
    const localAs = Number(p.details['Local AS']);
    if (!neighborAddress || !neighborAs || !localAs) {
      throw new Error(`BGP protocol ${p.name} has no neighbor address or AS: was this \`show protocols all\`?`);
    }
    // "BGP state" is there while the protocol is enabled; a disabled one only says "down".
    const state = p.details['BGP state'] ?? (p.state === 'down' ? 'Down' : p.info.split(/\s+/)[0]!);
    sessions.set(p.name, { neighborAddress, neighborAs, localAs, state });
  }
  return sessions;
}
