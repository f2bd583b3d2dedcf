// Failover under load: server1 stops advertising for good, in each of three ways (its speaker crashes and
// stays down; its speaker is withdrawn; its uplink goes down), and router0 drops its next hop within the
// bound the timers imply, only requests sent its way before that fail, and afterwards every request is
// answered through server0 only. Each way puts the fabric back before the next.
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { describe } from 'vitest';
import { conformanceChecks } from '../lab/checks/catalog.js';
import { labFabric } from './lab-fabric.js';
import { runChecks } from './run-checks.js';

const fabric = await labFabric();
const checks = conformanceChecks(fabric, fabric.lab);

describe('failover', () => runChecks('failover', checks.failover, fabric));
