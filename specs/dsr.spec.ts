// Direct server return over GENEVE, read from the servers' net0 captures.
import { describe, it } from 'vitest';
import { directServerReturn } from '../lab/checks/dsr.js';
import { topology } from '../lab/topology.js';
import { artifactDirForThisTest } from './artifacts.js';
import { labFabric } from './fabric.js';
import { verify } from './verify.js';

const fabric = await labFabric();

describe('dsr', () => {
  const check = directServerReturn(fabric, topology, 4);
  it(check.title, verify(check, () => ({ artifactDir: artifactDirForThisTest() })));
});
