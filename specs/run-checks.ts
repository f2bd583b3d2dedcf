// One spec's checks as vitest tests, titled by each check's claim, under the describe blocks the
// catalog groups them in, each with the artifact folder it captures into; a check that does not apply
// to this fabric shows as skipped, with the reason.
import { describe, it } from 'vitest';
import type { CatalogEntry, SpecName } from '../lab/checks/catalog.js';
import type { Fabric } from '../lab/fabric-contract.js';
import { artifactDirForThisTest, sharedArtifactDir } from './artifacts.js';
import { verify } from './verify.js';

export function runChecks(spec: SpecName, entries: readonly CatalogEntry[], fabric: Fabric): void {
  const shared = entries.some((e) => e.captures === 'spec folder') ? sharedArtifactDir(`${spec} traffic`) : undefined;
  const groups = [...new Set(entries.map((e) => e.group))];
  for (const group of groups) {
    const tests = (): void => {
      for (const { id, check, captures, skipOn } of entries.filter((e) => e.group === group)) {
        const folder = captures === 'own folder' ? artifactDirForThisTest : captures === 'spec folder' ? shared : undefined;
        const test = verify(check, folder && (() => ({ artifactDir: folder() })), id);
        it(check.title, async (context) => {
          const why = skipOn?.(fabric);
          if (why) return context.skip(`not on this fabric: ${why}`);
          return test(context);
        });
      }
    };
    if (group === undefined) tests();
    else describe(group, tests);
  }
}
