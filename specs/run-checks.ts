// One spec's checks as vitest tests, titled by each check's claim, under the describe blocks the
// catalog groups them in, each with the artifact folder it captures into.
import { describe, it } from 'vitest';
import type { CatalogEntry, SpecName } from '../lab/checks/catalog.js';
import { artifactDirForThisTest, sharedArtifactDir } from './artifacts.js';
import { verify } from './verify.js';

export function runChecks(spec: SpecName, entries: readonly CatalogEntry[]): void {
  const shared = entries.some((e) => e.captures === 'spec folder') ? sharedArtifactDir(`${spec} traffic`) : undefined;
  const groups = [...new Set(entries.map((e) => e.group))];
  for (const group of groups) {
    const tests = (): void => {
      for (const { check, captures } of entries.filter((e) => e.group === group)) {
        const folder = captures === 'own folder' ? artifactDirForThisTest : captures === 'spec folder' ? shared : undefined;
        it(check.title, verify(check, folder && (() => ({ artifactDir: folder() }))));
      }
    };
    if (group === undefined) tests();
    else describe(group, tests);
  }
}
