// The lab this repository describes, read from its files once for the unit tests.
import { readLab } from '../lab/description/index.js';

export const topology = readLab();
