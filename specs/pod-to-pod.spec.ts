// `ubuntu` (server0) and `ubuntu-worker` (server1) reach each other both ways, across router0.
import { describe, it } from 'vitest';
import { podPingsPod } from '../lab/checks/pods.js';
import { topology } from '../lab/topology.js';
import { labFabric } from './fabric.js';
import { verify } from './verify.js';

const fabric = await labFabric();
const ubuntu = { namespace: 'default', name: 'ubuntu' };
const ubuntuWorker = { namespace: 'default', name: 'ubuntu-worker' };

describe('pod-to-pod', () => {
  for (const [from, to] of [[ubuntu, ubuntuWorker], [ubuntuWorker, ubuntu]] as const) {
    const check = podPingsPod(fabric, topology, from, to);
    it(check.title, verify(check));
  }
});
