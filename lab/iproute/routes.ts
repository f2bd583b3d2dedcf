// Parser for `ip -j route` (iproute2 JSON): one shape for single-path and multipath routes.

export interface KernelNextHop {
  readonly gateway?: string;
  readonly dev?: string;
}

export interface KernelRoute {
  /** always with a prefix length: "20.1.10.2/32", "0.0.0.0/0" */
  readonly dst: string;
  /** unicast, blackhole, unreachable, local, ... */
  readonly type: string;
  /** kernel, bird, boot, static, or a number such as 30 (Coil) */
  readonly protocol: string;
  readonly table?: string;
  readonly nextHops: readonly KernelNextHop[];
}

interface RawNextHop {
  gateway?: unknown;
  dev?: unknown;
}

interface RawRoute extends RawNextHop {
  dst?: unknown;
  type?: unknown;
  protocol?: unknown;
  table?: unknown;
  nexthops?: unknown;
}

function text(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new Error(`ip -j route: ${what} is ${JSON.stringify(value)}, not a string`);
}

function nextHop(raw: RawNextHop): KernelNextHop {
  const gateway = text(raw.gateway, 'gateway');
  const dev = text(raw.dev, 'dev');
  return { ...(gateway ? { gateway } : {}), ...(dev ? { dev } : {}) };
}

function normaliseDst(dst: string): string {
  if (dst === 'default') return '0.0.0.0/0';
  return dst.includes('/') ? dst : `${dst}/32`;
}

export function parseIpRoutes(json: string): KernelRoute[] {
  const parsed: unknown = JSON.parse(json.trim() || '[]');
  if (!Array.isArray(parsed)) throw new Error('ip -j route did not print a JSON array');
  return (parsed as RawRoute[]).map((raw) => {
    const dst = text(raw.dst, 'dst');
    if (!dst) throw new Error(`ip -j route: entry without dst: ${JSON.stringify(raw)}`);
    const table = text(raw.table, 'table');
    const hops = Array.isArray(raw.nexthops) ? (raw.nexthops as RawNextHop[]).map(nextHop) : [nextHop(raw)];
    return {
      dst: normaliseDst(dst),
      type: text(raw.type, 'type') ?? 'unicast',
      protocol: text(raw.protocol, 'protocol') ?? 'boot',
      ...(table ? { table } : {}),
      nextHops: hops.filter((h) => h.gateway !== undefined || h.dev !== undefined),
    };
  });
}
