// The specs' handle on the fabric the global setup brought up.
import { inject } from 'vitest';
import { connectFabric } from '../lab/connect.js';
import type { Fabric } from '../lab/fabric-contract.js';

export function labFabric(): Promise<Fabric> {
  return connectFabric(inject('fabric'));
}
