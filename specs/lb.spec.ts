// The LoadBalancer IP answers from router0 with the echo text, every time.
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { describe } from 'vitest';
import { conformanceChecks } from '../lab/checks/catalog.js';
import { labFabric } from './lab-fabric.js';
import { runChecks } from './run-checks.js';

const fabric = await labFabric();
const checks = conformanceChecks(fabric, fabric.lab);

describe('lb', () => runChecks('lb', checks['lb'], fabric));
