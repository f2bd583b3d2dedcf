// The build of the `lab` command (.build/js/, what bin/lab.mjs runs once `npm run build` made it) prints
// exactly what lab/ compiled at start prints (what bin/lab.mjs runs without a build): the same exit
// status, stdout and stderr, but for the one line saying it compiled at start, on frames and on errors.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../lab/util/paths.js';
import { cliTree, COMPILE_AT_START, runLab } from './cli-tree.js';
import { fixturePath, publicCapture } from './fixtures.js';

const tree = cliTree('absent');
afterAll(() => tree.remove());

/** Runs the repository's own bin/lab.mjs, which the unit tests' global setup gave a fresh build. */
const runBuilt = (args: readonly string[]) => runLab(join(repoRoot, 'bin', 'lab.mjs'), args);

const CASES: Record<string, readonly string[]> = {
  'GENEVE frames with the DSR option': ['pcap', fixturePath('pcap/dsr-server0-net0.pcap')],
  'a pcapng file': ['pcap', publicCapture('bgp-shutdown-communication.pcapng')],
  'wrong usage': ['pcap'],
};

describe('the build of lab/ and lab/ compiled at start', () => {
  for (const [name, args] of Object.entries(CASES)) {
    it.concurrent(`print the same for ${name}`, { timeout: 30_000 }, async () => {
      const [built, compiled] = await Promise.all([runBuilt(args), tree.run(args)]);
      const [notice, ...stderr] = compiled.stderr.split('\n');
      expect(notice).toBe(COMPILE_AT_START.absent);
      expect(built).toEqual({ ...compiled, stderr: stderr.join('\n') });
    });
  }
});
