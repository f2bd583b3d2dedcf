// What a failing conformance test keeps of the fabric's state, on both fabrics (MetalLB's e2e dumps BGP
// state on failure the same way): every node's BIRD sessions and routes, its kernel routes and rules, and
// what the fabric itself adds (the speaker's neighbors and RIB, the datapath's state). One file per
// command, written whether it answered or not, in the test's artifact folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transcript } from '../exec/transcript.js';
import type { Fabric } from './fabric-contract.js';
import { nodeNames } from '../description/index.js';

const said = (error: unknown): string => `(no answer: ${error instanceof Error ? error.message : String(error)})\n`;

/** The state every fabric shows the same way, by file name. */
async function commonState(fabric: Fabric): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  for (const node of nodeNames(fabric.lab)) {
    texts[`${node}-birdc-show-protocols-all.txt`] = await fabric.birdc(node, ['show', 'protocols', 'all']).catch(said);
    texts[`${node}-birdc-show-route-all.txt`] = await fabric.birdc(node, ['show', 'route', 'all']).catch(said);
    for (const [name, argv] of [['ip-route', ['ip', 'route', 'show', 'table', 'all']], ['ip-rule', ['ip', 'rule', 'show']]] as const) {
      texts[`${node}-${name}.txt`] = await transcript(fabric.node(node), argv);
    }
  }
  return texts;
}

/** Writes the fabric's state into `dir`; resolves with the files written. */
export async function dumpState(fabric: Fabric, dir: string): Promise<string[]> {
  const texts = { ...(await commonState(fabric)), ...(await fabric.fabricState().catch((error: unknown) => ({ 'fabric-state.txt': said(error) }))) };
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(texts)) writeFileSync(join(dir, file), text);
  return Object.keys(texts).map((file) => join(dir, file));
}
