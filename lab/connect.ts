// From the serialisable description the global setup provides to a client of the fabric contract.
import type { Fabric } from './fabric.js';
import type { NetnsDescription } from './netns/description.js';
import { NetnsFabric } from './netns/fabric.js';

/** What the global setup hands the specs; one variant per fabric. */
export type FabricDescription = NetnsDescription;

export function connectFabric(description: FabricDescription): Fabric {
  switch (description.fabric) {
    case 'netns':
      return new NetnsFabric(description);
  }
}
