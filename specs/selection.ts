// Which spec files a conformance run selects, so that the global setup brings up only the fabrics
// their tests need: `-t dsr` the shared one alone, `vitest run specs/failover-uplink-down.spec.ts` or
// `-t 'late restart'` only that file's own, `-t graceful-restart` both restarts'. A file counts as selected if any of its checks' full
// names matches `-t`, so in doubt it says yes: a fabric brought up for nothing costs 2 s, a missing one
// fails the run.
import { basename, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Lab } from '../lab/description/index.js';
import { listedChecks } from './listed-checks.js';
import { checkPrefixOf, specOf } from './spec-files.js';

/**
 * The full names vitest matches `-t` against, for each check of the spec a file runs, with and without
 * the file's path in front. Example: "bgp sessions router0: BIRD's sessions ... are Established"
 */
function fullNames(file: string, root: string, lab: Lab): string[] {
  const spec = specOf(file);
  return listedChecks(spec, lab).filter(({ id }) => id.startsWith(checkPrefixOf(file))).flatMap(({ group, check }) => {
    const name = [spec, ...(group === undefined ? [] : [group]), check.title].join(' ');
    return [name, `${relative(root, file)} ${name}`];
  });
}

/** The names of the spec files the run selects, by the command line's file filters and `-t`. Example: ["dsr.spec.ts"] */
export async function selectedSpecFiles(project: TestProject, lab: Lab): Promise<string[]> {
  // The file filters of the command line (`vitest run specs/dsr`): vitest keeps them on its instance, unexported.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const { testFiles } = await project.globTestFiles(filters);
  const pattern = project.config.testNamePattern ?? project.vitest.config.testNamePattern;
  const selected = pattern === undefined ? testFiles : testFiles.filter((file) => fullNames(file, project.config.root, lab).some((name) => pattern.test(name)));
  return selected.map((file) => basename(file));
}
