// Which spec files share the global fabric and which bring up their own, and the order they start in:
// on netns the disruptive first (each beside the others), on kind last (after every spec that needs a
// fabric no spec has disrupted). Every spec file is in one of the two lists, the failover files cover its
// ways and the restart files its restarts, one each, and every check of the catalog is one file's.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTitles, SPECS } from '../lab/checks/catalog.js';
import { RESTARTS } from '../lab/checks/restart-timing.js';
import { FAILOVER_WAYS } from '../lab/checks/failover-bounds.js';
import { repoRoot } from '../lab/util/paths.js';
import { checkPrefixOf, DISRUPTIVE_SPEC_FILES, fabricUse, SHARED_SPEC_FILES, specOf, specRank } from '../specs/spec-files.js';
import { topology } from './default-lab.js';

const specFiles = readdirSync(join(repoRoot, 'specs')).filter((f) => f.endsWith('.spec.ts'));
const byRank = (fabric: 'netns' | 'kind'): string[] => [...specFiles].sort((a, b) => specRank(a, fabric) - specRank(b, fabric));

describe('spec files', () => {
  it('are each listed once, as shared or disruptive, and run the checks of a spec of the catalog', () => {
    expect([...SHARED_SPEC_FILES, ...DISRUPTIVE_SPEC_FILES].sort()).toEqual([...specFiles].sort());
    expect(new Set(specFiles.map(specOf))).toEqual(new Set(SPECS));
  });

  it('on netns: the disruptive ones on fabrics of their own, started first, the late restart (the longest) before all', () => {
    expect(specFiles.filter((f) => fabricUse(f, 'netns') === 'own').sort()).toEqual([...DISRUPTIVE_SPEC_FILES].sort());
    expect(byRank('netns').slice(0, DISRUPTIVE_SPEC_FILES.length)).toEqual([...DISRUPTIVE_SPEC_FILES]);
    expect(byRank('netns')[0]).toBe('graceful-restart-late.spec.ts');
  });

  it('on kind: every one on the one cluster, the disruptive ones after all the others', () => {
    expect(specFiles.filter((f) => fabricUse(f, 'kind') === 'own')).toEqual([]);
    expect(byRank('kind')).toEqual([...SHARED_SPEC_FILES, ...DISRUPTIVE_SPEC_FILES]);
  });

  it("failover: one file per way; graceful restart: one per restart; every check of the catalog run by exactly one file", () => {
    expect(specFiles.filter((f) => specOf(f) === 'failover').map(checkPrefixOf).sort()).toEqual(FAILOVER_WAYS.map((way) => `failover/${way.id}/`).sort());
    expect(specFiles.filter((f) => specOf(f) === 'graceful-restart').map(checkPrefixOf).sort()).toEqual(RESTARTS.map((kind) => `graceful-restart/${kind}/`).sort());
    expect(checkPrefixOf('dsr.spec.ts')).toBe('dsr/');
    for (const id of checkTitles(topology).keys()) {
      expect(specFiles.filter((f) => id.startsWith(checkPrefixOf(f))), id).toHaveLength(1);
    }
  });
});
