// Each node's exec commands from the containerlab topology, run in its namespace as containerlab runs
// them: once the node's links are attached and up, in order, each as its own argv with no shell
// (containerlab v0.79.0 core/deploy.go: links, then post-deploy, then exec). What the netns fabric
// cannot run is refused before anything is made (refuseUnrunnable); what cannot matter without an
// internet uplink is left out with a note when the lab is read (lab/description/exec-steps.ts).
import { UserFacingError } from '../util/errors.js';
import { host } from '../exec/command.js';
import type { Lab, LabNode } from '../description/index.js';
import { displayPath } from '../manifests/load.js';
import { inNamespace, ipBatch } from './namespaces.js';

/** Refuses, naming node and command, an exec command the netns fabric cannot run. */
export function refuseUnrunnable(t: Lab): void {
  for (const node of [t.router, ...t.servers]) {
    const other = node.exec.find((s) => s.kind === 'other');
    if (other?.kind === 'other') {
      throw new UserFacingError(`${displayPath(t.files.topology)}: node ${node.name}: exec "${other.argv.join(' ')}": the netns fabric cannot run it: ${other.why}. The kind fabric runs it as containerlab does (LAB_FABRIC=kind)`);
    }
  }
}

/** Brings the node's link ends up, as containerlab does, then runs its exec commands in order. */
export async function runNodeExec(t: Lab, node: LabNode, netns: string): Promise<void> {
  const ends = t.links.flat().filter((e) => e.node === node.name).map((e) => `link set ${e.interface} up`);
  if (ends.length) await ipBatch(netns, ends);
  for (const step of node.exec) {
    if (step.kind === 'skipped') continue;
    await host.run([...inNamespace(netns), ...step.argv]);
  }
}
