// router0 spreads flows to the VIP over both servers as its FIB's multipath hash says.
import { describe, it } from 'vitest';
import { ecmpL3HashOnePath, ecmpL4HashFollowsFib } from '../lab/checks/ecmp.js';
import { topology } from '../lab/topology.js';
import { artifactDirForThisTest } from './artifacts.js';
import { labFabric } from './fabric.js';
import { verify } from './verify.js';

const fabric = await labFabric();

describe('ecmp', () => {
  for (const check of [ecmpL3HashOnePath(fabric, topology, 32), ecmpL4HashFollowsFib(fabric, topology, 64)]) {
    it(check.title, verify(check, () => ({ artifactDir: artifactDirForThisTest() })));
  }
});
