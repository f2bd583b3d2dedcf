// `ubuntu` (server0) and `ubuntu-worker` (server1) reach each other both ways, across router0.
// The checks and their ids are in lab/checks/catalog.ts, where the negative controls name them too.
import { describe } from 'vitest';
import { conformanceChecks } from '../lab/checks/catalog.js';
import { labFabric } from './lab-fabric.js';
import { runChecks } from './run-checks.js';

const fabric = await labFabric();
const checks = conformanceChecks(fabric, fabric.lab);

describe('pod-to-pod', () => runChecks('pod-to-pod', checks['pod-to-pod'], fabric));
