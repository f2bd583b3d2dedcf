// The lab read from a copy of its files with changes made (lab/description/lab-copy.ts), in a scratch
// folder the test removes.
import { copyLab, type LabChange } from '../lab/description/lab-copy.js';
export { RENAMED_NODES } from '../lab/description/lab-variants.js';
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
