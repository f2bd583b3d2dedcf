// A spec's checks as they are listed before any fabric is up: their ids, titles and describe blocks
// come from the lab alone (lab/checks/catalog.ts builds no check that reads its fabric while built).
import { conformanceChecks, type CatalogEntry, type SpecName } from '../lab/checks/catalog.js';
import type { Lab } from '../lab/description/index.js';
import type { Fabric } from '../lab/fabric/fabric-contract.js';

/** Stands in for the fabric while the checks are only listed. */
const notYetUp = new Proxy({}, {
  get: (_, key) => {
    throw new Error(`a check read fabric.${String(key)} while the tests were listed, before any fabric was up`);
  },
}) as Fabric;

/** The checks of `spec` on `lab`, to list, not to run. Example: listedChecks('lb', lab)[0].id === 'lb/vip-answers' */
export function listedChecks(spec: SpecName, lab: Lab): CatalogEntry[] {
  return conformanceChecks(notYetUp, lab)[spec];
}
