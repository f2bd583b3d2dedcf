// The lab read from a copy of its files with changes made (lab/description/lab-copy.ts), in a scratch
// folder the test removes.
import { copyLab, type LabChange } from '../lab/description/lab-copy.js';
import { readLab, type Lab, type LabFiles } from '../lab/description/index.js';
import { scratchDir } from './fixtures.js';

export function labFilesWith(...changes: readonly LabChange[]): LabFiles {
  return copyLab(scratchDir('lab-copy-'), changes);
}

export function labWith(...changes: readonly LabChange[]): Lab {
  return readLab(labFilesWith(...changes));
}

/** The reader's message for the lab with `changes`, the copy's folder left out of paths; fails the test if the lab is read. */
export function labErrorWith(...changes: readonly LabChange[]): string {
  const dir = scratchDir('lab-copy-');
  try {
    readLab(copyLab(dir, changes));
  } catch (error) {
    return (error as Error).message.replaceAll(`${dir}/`, '');
  }
  throw new Error(`the lab was read with ${JSON.stringify(changes)}`);
}

/**
 * Every node renamed, as a user who names them otherwise would (router0 edge, server0 alpha, server1
 * beta): in the topology's nodes and links and the claims' client. The BIRD configs keep their file names.
 */
export const RENAMED_NODES: readonly LabChange[] = [
  { file: 'lab/kind/topology.clab.yaml', from: '    router0:\n', to: '    edge:\n' },
  { file: 'lab/kind/topology.clab.yaml', from: '    server0:\n', to: '    alpha:\n' },
  { file: 'lab/kind/topology.clab.yaml', from: '    server1:\n', to: '    beta:\n' },
  { file: 'lab/kind/topology.clab.yaml', from: '["router0:net1", "server0:net0"]', to: '["edge:net1", "alpha:net0"]' },
  { file: 'lab/kind/topology.clab.yaml', from: '["router0:net2", "server1:net0"]', to: '["edge:net2", "beta:net0"]' },
  { file: 'lab/claims.yaml', from: 'client: router0', to: 'client: edge' },
];
