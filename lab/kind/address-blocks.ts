// The pod address blocks Coil gave each node: AddressBlock objects (coil.cybozu.com/v2, cluster-scoped;
// the block is the top-level `ipv4`, the node its label coil.cybozu.com/node; Coil's docs/design.md).


interface RawAddressBlock {
  metadata?: { name?: string; labels?: Record<string, string> };
  ipv4?: string;
}

export function blocksByServer(list: unknown, kindNodes: Record<string, string>): Record<string, string[]> {
  const items = (list as { items?: RawAddressBlock[] }).items;
  if (!Array.isArray(items)) throw new Error('the AddressBlock list has no items');
  const blocks: Record<string, string[]> = Object.fromEntries(Object.keys(kindNodes).map((s) => [s, []]));
  for (const item of items) {
    const node = item.metadata?.labels?.['coil.cybozu.com/node'];
    const server = Object.keys(kindNodes).find((s) => kindNodes[s] === node);
    if (server && item.ipv4) blocks[server]!.push(item.ipv4);
  }
  return blocks;
}
