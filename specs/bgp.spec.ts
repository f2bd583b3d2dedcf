// Every BGP session is Established; router0 has the VIP via both servers in BIRD and in its FIB; the
// servers keep the VIP out of their own FIB; each server's address block is routed via that server.
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { describe } from 'vitest';
import { conformanceChecks } from '../lab/checks/catalog.js';
import { labFabric } from './lab-fabric.js';
import { runChecks } from './run-checks.js';

const fabric = await labFabric();
const checks = conformanceChecks(fabric, fabric.lab);

describe('bgp', () => runChecks('bgp', checks['bgp'], fabric));
