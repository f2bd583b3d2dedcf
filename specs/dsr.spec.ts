// Direct server return over GENEVE, read from the servers' net0 captures: one check per claim, all
// judged on the same flows.
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { describe } from 'vitest';
import { conformanceChecks } from '../lab/checks/catalog.js';
import { labFabric } from './lab-fabric.js';
import { runChecks } from './run-checks.js';

const fabric = await labFabric();
const checks = conformanceChecks(fabric, fabric.lab);

describe('dsr', () => runChecks('dsr', checks['dsr'], fabric));
