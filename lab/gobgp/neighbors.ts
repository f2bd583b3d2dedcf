// Parser for `gobgp neighbor -j` (GoBGP 3.x): the speaker's sessions as the fabric contract names them.
import type { BgpSession } from '../fabric/fabric-contract.js';

// apipb.PeerState_SessionState: the JSON carries the enum's number.
const SESSION_STATES = ['Unknown', 'Idle', 'Connect', 'Active', 'OpenSent', 'OpenConfirm', 'Established'];

interface RawNeighbor {
  conf?: { neighbor_address?: string; peer_asn?: number; local_asn?: number };
  state?: { session_state?: number | string };
}

function sessionState(raw: number | string | undefined): string {
  if (typeof raw === 'number') return SESSION_STATES[raw] ?? `Unknown(${raw})`;
  if (typeof raw === 'string') {
    // some builds print the enum's name: "ESTABLISHED" or "SESSION_STATE_ESTABLISHED"
    const name = raw.replace(/^SESSION_STATE_/, '').toLowerCase();
    return SESSION_STATES.find((s) => s.toLowerCase() === name) ?? raw;
  }
  return 'Idle';
}

export function parseGobgpNeighbors(json: string): BgpSession[] {
  const parsed: unknown = JSON.parse(json.trim() || '[]');
  if (!Array.isArray(parsed)) throw new Error('gobgp neighbor -j did not print a JSON array');
  return (parsed as RawNeighbor[]).map((raw) => {
    const { neighbor_address: neighborAddress, peer_asn: neighborAs, local_asn: localAs } = raw.conf ?? {};
    if (!neighborAddress || !neighborAs || !localAs) {
      throw new Error(`gobgp neighbor -j: entry without neighbor address or ASNs: ${JSON.stringify(raw.conf)}`);
    }
    return { neighborAddress, neighborAs, localAs, state: sessionState(raw.state?.session_state) };
  });
}
