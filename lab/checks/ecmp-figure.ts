// The ECMP split as a figure for the run's page: per server, the flows the captures saw enter it and the
// flows router0's FIB predicted for it (`ip route get ... sport N`, under the L4 hash), with the binomial
// bound each server must reach.
import type { EcmpSplitFigure } from './figures.js';
import type { FlowObservation } from './flows.js';

/** `predicted`: per flow's client port, the server the FIB predicts; absent under the L3 hash, which predicts no flow's server. */
export function ecmpSplitFigure(
  policy: 0 | 1,
  servers: readonly string[],
  flows: readonly { readonly flow: FlowObservation; readonly exchange: { readonly localPort: number } }[],
  captures: readonly string[],
  predicted?: ReadonlyMap<number, string>,
  minimum?: number,
): EcmpSplitFigure {
  return {
    kind: 'ecmp-split',
    policy,
    flows: flows.length,
    servers: servers.map((server) => ({
      server,
      observed: flows.filter(({ flow }) => flow.synIn.includes(server)).length,
      ...(predicted ? { predicted: flows.filter(({ exchange }) => predicted.get(exchange.localPort) === server).length } : {}),
    })),
    ...(minimum !== undefined ? { minimum } : {}),
    captures,
  };
}
