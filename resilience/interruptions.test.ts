// A run leaves nothing behind however it ends: Ctrl-C during bring-up or during the specs, kill -9
// (cleaned by the next run), or another run at the same time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countLeftovers, describeLeftovers, leftoversAfterCleanup, newLeftovers, observeLeftovers, type Leftovers } from '../lab/run/leftovers.js';
import { failures, SuiteRun } from './suite-run.js';
import { DISRUPTIVE_SPEC_FILES } from '../specs/spec-files.js';

let baseline: Leftovers;

/** A run of a shared spec and a disruptive one (its own fabric): the shared fabric and one own, in seconds. */
const SHORT_SELECTION = ['-t', 'dsr|speaker is withdrawn'];

beforeEach(async () => {
  baseline = await observeLeftovers();
});

// A test that failed or timed out early must not leave its run going into the next test's baseline.
afterEach(() => SuiteRun.stopAll());

async function leftBehind(): Promise<string> {
  const left = await leftoversAfterCleanup(baseline);
  return countLeftovers(left) === 0 ? 'nothing' : describeLeftovers(left);
}

describe('Ctrl-C', () => {
  // Progress lines of the bring-up, in order, then the convergence wait.
  const duringBringUp: [string, RegExp][] = [
    ['the namespaces are wired', /namespaces .* wired/],
    ['the daemons have started', /GoBGP on server0, server1 started/],
    ['the load balancer is attached', /load balancer for .* attached/],
    ['the convergence wait has begun', /echo servers listening/],
  ];
  for (const [moment, line] of duringBringUp) {
    it(`once ${moment} leaves nothing behind`, async () => {
      const run = new SuiteRun();
      await run.waitForOutput(line);
      run.interrupt();
      const ended = await run.ended;
      expect(ended.code, failures(ended)).toBe(130);
      // Either the handler tears down, or the failure the signal caused (a command it killed) already did.
      expect(ended.output).toMatch(/SIGINT: (tearing the fabric down|the fabric is already torn down)/);
      expect(await leftBehind()).toBe('nothing');
    });
  }

  it('while a spec captures packets leaves nothing behind, tcpdump included', async () => {
    const run = new SuiteRun();
    await run.waitForCapture();
    run.interrupt();
    const ended = await run.ended;
    expect(ended.code, failures(ended)).toBe(130);
    expect(await leftBehind()).toBe('nothing');
  });

  it('while a spec has disrupted the fabric leaves nothing behind, the restarted speaker and the route watch included', async () => {
    const run = new SuiteRun();
    await run.waitForDisruption();
    run.interrupt();
    const ended = await run.ended;
    expect(ended.code, failures(ended)).toBe(130);
    expect(await leftBehind()).toBe('nothing');
  });
});

describe('kill -9 of the runner', () => {
  it('leaves the fabric up, and the next run removes it, passes, and leaves nothing behind', async () => {
    const crashed = new SuiteRun();
    await crashed.waitForOutput(/every address block routed/);
    crashed.kill();
    await crashed.ended;
    const left = newLeftovers(baseline, await observeLeftovers());
    expect(left.namespaces.length, describeLeftovers(left)).toBeGreaterThan(0);
    // a run record for the shared fabric and for each disruptive spec's own
    expect(left.runDirectories, describeLeftovers(left)).toHaveLength(1 + DISRUPTIVE_SPEC_FILES.length);

    // The next run's first bring-up removes every fabric the crashed run had up (the shared one and the
    // disruptive specs' own), whatever that run selects: a shared spec and a disruptive one will do.
    const next = await new SuiteRun({}, SHORT_SELECTION).ended;
    expect(next.code, failures(next)).toBe(0);
    // (its bring-ups start at once: each names the crashed runs it removed)
    const removed = [...next.output.matchAll(/removed what crashed runs ((?:[0-9a-f]{6}(?:, )?)+) left behind/g)].flatMap((m) => m[1]!.split(', '));
    expect(new Set(removed)).toEqual(new Set(left.runDirectories));
    expect(await leftBehind()).toBe('nothing');
  });
});

describe('two runs at the same time', () => {
  it('both pass, each on its own fabrics, and leave nothing behind', async () => {
    // whole runs at once are resilience/lab-variants.test.ts's (three); here both kinds of fabric, twice
    const [first, second] = await Promise.all([new SuiteRun({}, SHORT_SELECTION).ended, new SuiteRun({}, SHORT_SELECTION).ended]);
    expect(first.code, failures(first)).toBe(0);
    expect(second.code, failures(second)).toBe(0);
    expect(await leftBehind()).toBe('nothing');
  });
});
