// Whether a conformance run selects any test of the specs that share the global fabric, so that the
// global setup brings it up only then: `vitest run specs/failover-uplink-down.spec.ts` or
// `-t graceful-restart` needs only the disruptive spec's own fabric. When in doubt it says yes: a shared
// fabric brought up for nothing costs 2 s, a missing one fails the run.
import { relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Lab } from '../lab/description/index.js';
import type { FabricKind } from '../lab/fabric-contract.js';
import { listedChecks } from './listed-checks.js';
import { fabricUse, specOf } from './spec-files.js';

/**
 * The full names vitest matches `-t` against, for each check of the spec a file runs, with and without
 * the file's path in front. Example: "bgp sessions router0: every BIRD session ... is Established"
 */
function fullNames(file: string, root: string, lab: Lab): string[] {
  const spec = specOf(file);
  return listedChecks(spec, lab).flatMap(({ group, check }) => {
    const name = [spec, ...(group === undefined ? [] : [group]), check.title].join(' ');
    return [name, `${relative(root, file)} ${name}`];
  });
}

export async function selectsSharedSpecs(project: TestProject, lab: Lab, fabric: FabricKind): Promise<boolean> {
  // The file filters of the command line (`vitest run specs/dsr`): vitest keeps them on its instance, unexported.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const { testFiles } = await project.globTestFiles(filters);
  const shared = testFiles.filter((file) => fabricUse(file, fabric) === 'shared');
  const pattern = project.config.testNamePattern ?? project.vitest.config.testNamePattern;
  if (shared.length === 0 || pattern === undefined) return shared.length > 0;
  return shared.some((file) => fullNames(file, project.config.root, lab).some((name) => pattern.test(name)));
}
