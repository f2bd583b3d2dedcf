// From the serialisable description the global setup provides to a client of the fabric contract. Each
// fabric's module is loaded only when a description names it: the kind fabric brings the Kubernetes
// client (about 0.4 s to load), which a run on the netns fabric never needs.
import type { FabricDescription } from './fabric-description.js';
import type { Fabric } from './fabric-contract.js';

export type { FabricDescription } from './fabric-description.js';

export async function connectFabric(description: FabricDescription): Promise<Fabric> {
  switch (description.fabric) {
    case 'netns':
      return new (await import('../netns/netns-fabric.js')).NetnsFabric(description);
    case 'kind':
      return new (await import('../kind/kind-fabric.js')).KindFabric(description);
  }
}
