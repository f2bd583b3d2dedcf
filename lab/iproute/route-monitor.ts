// Parser for `ip -ts monitor route`: every change of the kernel's routes as it happens, which catches a
// route that is withdrawn and re-added within microseconds (no sampling does). An entry is a line
// "[2026-11-30T06:20:59.272558] [Deleted ][type ]DST ..." and, for a multipath route, one indented
// "nexthop via GW dev DEV ..." line per next hop. `ip monitor` has no JSON output in iproute2 6.1.

/** One change of the main table's route for a prefix. Example: {"at":"2026-11-30T06:20:59.272558","atUs":1795933259272558,"gateways":["10.0.1.2"],"deleted":false} */
export interface RouteChange {
  /** the timestamp as ip printed it (the node's local time) */
  readonly at: string;
  /** the same, in microseconds since the epoch read as UTC: only differences between changes matter */
  readonly atUs: number;
  /** the route's next hops after the change; none when it was deleted */
  readonly gateways: readonly string[];
  readonly deleted: boolean;
}

const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'blackhole', 'unreachable', 'prohibit', 'throw', 'anycast', 'nat']);
const ENTRY = /^\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?\] (Deleted )?(.*)$/;
const NEXTHOP = /^\s+nexthop via (\S+) dev \S+/;

function micros(date: string, fraction: string | undefined): number {
  return Date.parse(`${date}Z`) * 1000 + Number((fraction ?? '0').padEnd(6, '0').slice(0, 6));
}

/** A timestamp as `ip -ts` prints it ("2026-11-30T06:20:59.272558", also `date +%Y-%m-%dT%H:%M:%S.%6N`), in the same microseconds as RouteChange.atUs. */
export function monitorTimeUs(text: string): number {
  const parts = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!parts) throw new Error(`not a timestamp as ip -ts prints it: ${JSON.stringify(text)}`);
  return micros(parts[1]!, parts[2]);
}

const withLength = (dst: string): string => (dst.includes('/') ? dst : dst.includes(':') ? `${dst}/128` : `${dst}/32`);

/** The changes of main-table route `prefix` ("20.1.10.2/32") in `text`, in order; other routes' entries are skipped. */
export function parseRouteMonitor(text: string, prefix: string): RouteChange[] {
  const changes: { at: string; atUs: number; gateways: string[]; deleted: boolean; dst: string; main: boolean }[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const nexthop = NEXTHOP.exec(line);
    if (nexthop) {
      const last = changes.at(-1);
      if (!last) throw new Error(`ip monitor line ${index + 1}: a next hop before any route: ${JSON.stringify(line)}`);
      last.gateways.push(nexthop[1]!);
      continue;
    }
    const entry = ENTRY.exec(line);
    if (!entry) throw new Error(`ip monitor line ${index + 1}: not a route change: ${JSON.stringify(line)}`);
    const words = entry[4]!.trim().split(/\s+/);
    const dst = ROUTE_TYPES.has(words[0]!) ? words[1] : words[0];
    if (!dst) throw new Error(`ip monitor line ${index + 1}: a route without a destination: ${JSON.stringify(line)}`);
    const table = words.indexOf('table');
    const via = words.indexOf('via');
    changes.push({
      at: `${entry[1]}${entry[2] ? `.${entry[2]}` : ''}`,
      atUs: micros(entry[1]!, entry[2]),
      gateways: via >= 0 && words[via + 1] ? [words[via + 1]!] : [],
      deleted: entry[3] !== undefined,
      dst: withLength(dst),
      main: table < 0 || words[table + 1] === 'main',
    });
  }
  return changes
    .filter((c) => c.main && c.dst === prefix)
    .map(({ at, atUs, gateways, deleted }) => ({ at, atUs, gateways: deleted ? [] : gateways, deleted }));
}
