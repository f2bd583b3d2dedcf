// The LoadBalancer IP answers from router0 with the echo text, every time.
import { describe, it } from 'vitest';
import { vipAnswers } from '../lab/checks/lb.js';
import { topology } from '../lab/topology.js';
import { labFabric } from './fabric.js';
import { verify } from './verify.js';

const fabric = await labFabric();

describe('lb', () => {
  const check = vipAnswers(fabric, topology, 20);
  it(check.title, verify(check));
});
