// Graceful restart under load: server1's Cilium speaker dies without a NOTIFICATION and comes back within
// the restart time, and router0 never loses server1's path, server1's BIRD keeps the speaker's routes as
// stale until its End-of-RIB, and no request fails. Puts the fabric back before it ends.
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { describe } from 'vitest';
import { conformanceChecks } from '../lab/checks/catalog.js';
import { labFabric } from './lab-fabric.js';
import { runChecks } from './run-checks.js';

const fabric = await labFabric();
const checks = conformanceChecks(fabric, fabric.lab);

describe('graceful-restart', () => runChecks('graceful-restart', checks['graceful-restart'], fabric));
