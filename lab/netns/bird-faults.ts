// Faults made in a BIRD's configuration, as an operator would make them: a copy of the node's config with
// one change, loaded with `birdc configure`. A server's config includes server-common.conf, so a change
// there gets a copy of both, the node's own pointing at the changed common part.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { NetnsFabric } from './netns-fabric.js';
import { replaceOnce } from '../util/replace-once.js';

const COMMON = 'server-common.conf';

/** Loads `node`'s BIRD config with `from` (found exactly once in `file`) replaced by `to`; copies go to `runDir`, named after `fault`. */
export async function reconfigureBird(fabric: NetnsFabric, runDir: string, node: string, config: string, fault: string, change: { file: 'own' | typeof COMMON; from: string; to: string }): Promise<void> {
  const own = readFileSync(config, 'utf8');
  const source = change.file === 'own' ? config : join(config, '..', COMMON);
  const text = change.file === 'own' ? own : readFileSync(source, 'utf8');
  const changed = replaceOnce(text, change.from, change.to, `to make ${fault}, ${source}`);
  const file = join(runDir, `${node}-${fault}.conf`);
  if (change.file === 'own') writeFileSync(file, changed);
  else {
    const common = join(runDir, `${node}-${fault}-${COMMON}`);
    writeFileSync(common, changed);
    writeFileSync(file, replaceOnce(own, `include "${COMMON}";`, `include "${common}";`, `to make ${fault}, ${config}`));
  }
  await fabric.birdc(node, ['configure', `"${file}"`]);
}
