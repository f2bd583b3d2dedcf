// From the serialisable description the global setup provides to a client of the fabric contract.
import type { FabricDescription } from './description.js';
import type { Fabric } from './fabric.js';
import { KindFabric } from './kind/fabric.js';
import { NetnsFabric } from './netns/fabric.js';

export type { FabricDescription } from './description.js';

export function connectFabric(description: FabricDescription): Fabric {
  switch (description.fabric) {
    case 'netns':
      return new NetnsFabric(description);
    case 'kind':
      return new KindFabric(description);
  }
}
