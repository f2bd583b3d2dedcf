// One spec's checks as vitest tests, titled by each check's claim, in a describe block named after the
// spec and under the describe blocks the catalog groups them in, each with the artifact folder it captures into; a check that does not apply
// to this fabric shows as skipped, with the reason. The titles come from the lab alone, at collection;
// the checks run on the fabric the spec file's fixture gives them (spec-fabric.ts), built once per file.
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { conformanceChecks, type CatalogEntry, type CheckId } from '../lab/checks/catalog.js';
import type { Fabric } from '../lab/fabric/fabric-contract.js';
import { listedChecks } from './listed-checks.js';
import { checkPrefixOf, specOf } from './spec-files.js';
import { artifactDirForThisTest, sharedArtifactDir } from './artifacts.js';
import { FABRIC_WAIT_MS, specTest } from './spec-fabric.js';
import { verify } from './verify.js';

/**
 * Registers the checks that the spec file at `fileUrl` (its import.meta.url) runs, by its name (its spec,
 * spec-files.ts specOf, and which of its checks, checkPrefixOf: failover-uplink-down.spec.ts runs failover/uplink-down/*), as its tests.
 * Call at the top of the file: its fixture is the file's. Example: `runChecks(import.meta.url)`
 */
export function runChecks(fileUrl: string): void {
  const file = fileURLToPath(fileUrl);
  const spec = specOf(file);
  const test = specTest(fileUrl);
  const listed = listedChecks(spec, inject('lab')).filter((e) => e.id.startsWith(checkPrefixOf(file)));
  const built = new WeakMap<Fabric, CatalogEntry[]>();
  const entry = (fabric: Fabric, id: CheckId): CatalogEntry => {
    if (!built.has(fabric)) built.set(fabric, conformanceChecks(fabric, fabric.lab)[spec]);
    return built.get(fabric)!.find((e) => e.id === id)!;
  };
  const shared = listed.some((e) => e.captures === 'spec folder') ? sharedArtifactDir(`${spec} traffic`) : undefined;
  // The fabric comes up (or the shared specs before this one end) in a hook with its own bound, not in
  // the first test's 60 s. A file none of whose tests is selected runs no hook, so brings up nothing.
  test.beforeAll(async ({ specFabric }) => void specFabric, FABRIC_WAIT_MS);
  const groups = [...new Set(listed.map((e) => e.group))];
  test.describe(spec, () => groups.forEach((group) => {
    const tests = (): void => {
      for (const { id, check: { title }, captures, timeoutMs } of listed.filter((e) => e.group === group)) {
        test(title, async ({ specFabric: on, skip, annotate }) => {
          const { check, skipOn } = entry(on.fabric, id);
          const why = skipOn?.(on.fabric);
          if (why) return skip(`not on this fabric: ${why}`);
          const folder = captures === 'own folder' ? artifactDirForThisTest(on.runId) : captures === 'spec folder' ? shared!(on.runId) : undefined;
          return verify(check, on, annotate, folder === undefined ? undefined : { artifactDir: folder }, id);
        }, timeoutMs);
      }
    };
    if (group === undefined) tests();
    else test.describe(group, tests);
  }));
}
