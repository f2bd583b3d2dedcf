// Parser for `birdc show route [for PREFIX] all` (BIRD 2.0): one entry per route, best path marked.

export interface BirdNextHop {
  readonly via: string;
  readonly interface: string;
}

export interface BirdRoute {
  readonly table: string;
  readonly prefix: string;
  /** unicast, unreachable, blackhole, prohibit */
  readonly type: string;
  /** the protocol the route came from: a BGP session name, `coil`, ... */
  readonly protocol: string;
  /** the peer address of a BGP route, where BIRD shows it ("from 127.0.0.1") */
  readonly from?: string;
  readonly best: boolean;
  readonly preference: number;
  readonly nextHops: readonly BirdNextHop[];
  /** attribute lines, e.g. "BGP.next_hop" -> "10.0.1.2", "BGP.community" -> "(65000,300)" */
  readonly attributes: Readonly<Record<string, string>>;
}

const TABLE = /^Table (\S+):$/;
// "20.1.10.2/32  unicast [server0 01:01:48.066] * (100) [AS65002i]"; a further path of the same
// prefix leaves the prefix column blank.
const HEADER =
  /^(\S+)?\s+(unicast|unreachable|blackhole|prohibit)\s+\[(\S+) [^\]]*?(?: from (\S+))?\]\s+(\*)?\s*\((\d+)(?:\/[\d?]+)?\)/;
const NEXT_HOP = /^\s+via (\S+) on (\S+)/;
const ATTRIBUTE = /^\s+([\w.]+):\s?(.*)$/;

export function parseBirdRoutes(text: string): BirdRoute[] {
  const routes: (Omit<BirdRoute, 'nextHops' | 'attributes'> & { nextHops: BirdNextHop[]; attributes: Record<string, string> })[] = [];
  let table = '';
  let prefix = '';
  for (const line of text.split('\n')) {
    if (line.trim() === '' || /^BIRD [\d.]+ ready\.$/.test(line) || line === 'Network not found') continue;
    const tableMatch = TABLE.exec(line);
    if (tableMatch) {
      table = tableMatch[1]!;
      continue;
    }
    const header = HEADER.exec(line);
    if (header) {
      prefix = header[1] ?? prefix;
      if (!prefix) throw new Error(`route without a prefix in birdc show route: ${JSON.stringify(line)}`);
      routes.push({
        table,
        prefix,
        type: header[2]!,
        protocol: header[3]!,
        ...(header[4] ? { from: header[4] } : {}),
        best: header[5] === '*',
        preference: Number(header[6]),
        nextHops: [],
        attributes: {},
      });
      continue;
    }
    const current = routes.at(-1);
    const nextHop = NEXT_HOP.exec(line);
    const attribute = ATTRIBUTE.exec(line);
    if (current && nextHop) current.nextHops.push({ via: nextHop[1]!, interface: nextHop[2]! });
    else if (current && attribute) current.attributes[attribute[1]!] = attribute[2]!.trim();
    else if (!(current && /^\s+dev \S+/.test(line))) {
      throw new Error(`unexpected line in birdc show route: ${JSON.stringify(line)}`);
    }
  }
  return routes;
}

/** "(65000,300) (65000,99)" -> ["65000:300", "65000:99"] */
export function birdCommunities(route: BirdRoute): string[] {
  return [...(route.attributes['BGP.community'] ?? '').matchAll(/\((\d+),\s*(\d+)\)/g)].map((m) => `${m[1]}:${m[2]}`);
}
