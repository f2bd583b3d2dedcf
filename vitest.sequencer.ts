// The order in which vitest starts test files: vitest's own (by project, then failed and longest first)
// for the unit tests, and for the conformance specs the order specs/spec-files.ts gives. On netns the
// disruptive specs start first, each in a worker of its own on a fabric of its own, so that the longest
// (the speaker crash waits out the 15 s restart time) runs beside all the others; the shared specs take
// the remaining worker, one at a time. On kind, where every spec runs on the one cluster, in one worker,
// the disruptive specs come last, so that the others see a fabric no spec has disrupted.
import { basename } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import type { FabricKind } from './lab/fabric/fabric-contract.js';
import { specRank } from './specs/spec-files.js';

/** The vitest project of the conformance specs. Example: "conformance" */
export const CONFORMANCE_PROJECT = 'conformance';

/** LAB_FABRIC as the config reads it; the global setup checks its value (lab/run/env.ts) before anything runs. */
export function configuredFabric(env: NodeJS.ProcessEnv = process.env): FabricKind {
  return env.LAB_FABRIC === 'kind' ? 'kind' : 'netns';
}

export class SpecSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const fabric = configuredFabric();
    const rank = (file: TestSpecification): number =>
      file.project.name === CONFORMANCE_PROJECT ? specRank(basename(file.moduleId), fabric) : 0;
    const projects = [...new Set(sorted.map((file) => file.project.name))];
    const project = (file: TestSpecification): number => projects.indexOf(file.project.name);
    // Array.prototype.sort is stable: the unit files, and files of one rank, keep vitest's order.
    return sorted.sort((a, b) => project(a) - project(b) || rank(a) - rank(b));
  }
}
