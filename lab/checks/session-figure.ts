// The BGP sessions a check saw on a node, for the run's page to colour the lab's drawing by: each
// configured session with the state it was in (absent: not running at all), and each session nobody
// configured that was there.
import type { BgpSession } from '../fabric/fabric-contract.js';
import type { SessionsFigure } from './figures.js';

type Peer = Pick<BgpSession, 'neighborAddress' | 'neighborAs' | 'localAs'>;

const same = (a: Peer, b: Peer): boolean => a.neighborAddress === b.neighborAddress && a.neighborAs === b.neighborAs && a.localAs === b.localAs;

/** `expected`: the sessions the lab's files configure; `seen`: those the node's BIRD or speaker has. */
export function sessionsFigure(node: string, speaker: boolean, expected: readonly Peer[], seen: readonly (Peer & { readonly state: string })[]): SessionsFigure {
  const peer = (p: Peer) => ({ node, neighborAddress: p.neighborAddress, neighborAs: p.neighborAs, localAs: p.localAs, speaker });
  return {
    kind: 'sessions',
    sessions: [
      ...expected.map((e) => ({ ...peer(e), state: seen.find((s) => same(s, e))?.state ?? 'absent', configured: true })),
      ...seen.filter((s) => !expected.some((e) => same(s, e))).map((s) => ({ ...peer(s), state: s.state, configured: false })),
    ],
  };
}
