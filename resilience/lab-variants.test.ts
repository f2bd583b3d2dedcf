// The whole suite on copies of the lab changed only in its own files, as a user would change them: every
// node and every BIRD protocol renamed, server1's link moved to another subnet, a third server. Each passes every spec,
// with no TypeScript changed; the third server's sessions and paths are among the checks. A mistake in
// the files stops the run with its one line, before anything is made, and leaves nothing behind. The
// three variants run at once (each on fabrics of its own, as two runs at once do), the mistake after them,
// alone, since it counts what is left on the host.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checkTitles } from '../lab/checks/catalog.js';
import { readLab } from '../lab/description/index.js';
import { copyLab, labEnv, type LabChange } from '../lab/description/lab-copy.js';
import { MOVED_LINK, RENAMED_NODES, RENAMED_PROTOCOLS, withServers } from '../lab/description/lab-variants.js';
import { countLeftovers, describeLeftovers, leftoversAfterCleanup, observeLeftovers } from '../lab/run/leftovers.js';
import { SuiteRun, type Ended } from './suite-run.js';

/**
 * The suite's run on a copy of the lab with `changes` (the copy removed once it has ended, as the variants
 * run at once), and the summary line it must end with: every check the copy's lab lists, passed; none
 * for a copy the reader refuses.
 */
async function suiteOn(changes: readonly LabChange[]): Promise<Ended & { readonly everyCheckPassed?: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'lab-variant-'));
  try {
    const files = copyLab(dir, changes);
    const ended = await new SuiteRun(labEnv(files)).ended;
    let checks: number | undefined;
    try {
      checks = checkTitles(readLab(files)).size;
    } catch {
      // a copy the reader refuses has no checks
    }
    return { ...ended, ...(checks === undefined ? {} : { everyCheckPassed: `tests: ${checks} passed, 0 failed, 0 skipped` }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The summary line and the titles of the passing checks. */
function passed(ended: Ended): { line: string; titles: string } {
  return { line: /^tests: .*$/m.exec(ended.output)?.[0] ?? ended.output.slice(-2000), titles: ended.output };
}

it.concurrent('every node and every BIRD protocol renamed: every spec passes, and the checks name the new nodes', { timeout: 240_000 }, async ({ expect }) => {
  const ended = await suiteOn([...RENAMED_NODES, ...RENAMED_PROTOCOLS]);
  expect(ended.everyCheckPassed).toBe('tests: 35 passed, 0 failed, 0 skipped');
  expect(passed(ended).line).toBe(ended.everyCheckPassed);
  expect(ended.output).toContain('edge: the kernel FIB routes 20.1.10.2/32 via alpha and beta');
  expect(ended.output).toMatch(/edge's session to beta is direct \(.*router0\.conf, protocol worker\)/);
  expect(ended.output).not.toMatch(/\b(router0|server0|server1):/);
  expect(ended.code).toBe(0);
});

it.concurrent("server1's link moved to another subnet: every spec passes, on the new addresses", { timeout: 240_000 }, async ({ expect }) => {
  const ended = await suiteOn(MOVED_LINK);
  expect(passed(ended).line).toBe(ended.everyCheckPassed);
  expect(ended.output).toContain('router0: the kernel FIB routes 20.1.10.2/32 via server0 and server1');
  expect(ended.output).toMatch(/\{via 10\.0\.1\.2 \+ via 10\.0\.9\.2\} throughout/);
});

it.concurrent("a third server: every spec passes, and the checks name its sessions and paths", { timeout: 240_000 }, async ({ expect }) => {
  const ended = await suiteOn(withServers(3));
  const { line, titles } = passed(ended);
  // server2's BIRD sessions, its speaker's session and no VIP in its FIB: three more checks than the lab's own
  expect(ended.everyCheckPassed).toBe('tests: 38 passed, 0 failed, 0 skipped');
  expect(line).toBe(ended.everyCheckPassed);
  expect(titles).toContain("server2: BIRD's sessions 127.0.0.1 AS65002, 10.0.3.1 AS65001");
  expect(titles).toContain("server2: the Cilium speaker's sessions 127.0.0.1 AS65001 are Established");
  expect(titles).toContain('router0: the kernel FIB routes 20.1.10.2/32 via server0, server1 and server2');
  expect(titles).toMatch(/flows into server1 and server2 go on to server0 in GENEVE/);
});

it('a link to a node the topology does not define stops the run with that one line, and leaves nothing behind', async () => {
  const baseline = await observeLeftovers();
  const ended = await suiteOn([{ file: 'lab/kind/topology.clab.yaml', from: '["router0:net2", "server1:net0"]', to: '["router0:net2", "server9:net0"]' }]);
  expect(ended.code).toBe(1);
  expect(ended.output).toMatch(/topology\.clab\.yaml: topology\.links\[1\]: endpoint server9:net0 names node server9, which topology\.nodes does not define/);
  expect(ended.output).not.toMatch(/namespaces .* wired/);
  const left = await leftoversAfterCleanup(baseline);
  expect(countLeftovers(left), describeLeftovers(left)).toBe(0);
});
