// The fabric a spec file runs on, as a file-scoped vitest fixture: set up when the file's first selected
// test needs it and done with when the file ends, whether it passed or failed. A shared spec connects to
// the global setup's shared fabric (on netns handed over once it has converged, own-fabric.ts) and has it
// to itself while it runs (shared-fabric-lock.ts); a disruptive spec on netns connects to the fabric the
// global setup brought up for it alone (own-fabric.ts), and takes it down when it ends.
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject, test } from 'vitest';
import { connectFabric } from '../lab/fabric/connect.js';
import { UserFacingError } from '../lab/util/errors.js';
import { guardExit } from '../lab/run/exit-guard.js';
import type { Fabric } from '../lab/fabric/fabric-contract.js';
import { OWN_FABRIC_WAIT_MS, receive, SHARED, takeDownOwnFabric } from './own-fabric.js';
import { LOCK_WAIT_MS, lockSharedFabric } from './shared-fabric-lock.js';
import { fabricUse } from './spec-files.js';

/** A spec file's fabric and the run it belongs to, whose artifact folder its failures keep their evidence in. Example runId: "3fa9c1" */
export interface SpecFabric {
  readonly fabric: Fabric;
  readonly runId: string;
}

/** How long a spec file's first hook may wait for its fabric: the shared specs before it, or its own bring-up. */
export const FABRIC_WAIT_MS = Math.max(LOCK_WAIT_MS, OWN_FABRIC_WAIT_MS) + 60_000;

/** Registers what ends a spec file's hold on its fabric, run when the file ends, however it ends. */
type OnCleanup = (cleanup: () => void) => void;

/**
 * Registers `cleanup` for when the file ends, and for a signal (Ctrl-C) that ends the worker before: the
 * worker then ends at once (lab/run/exit-guard.ts), and the commands it started go with it (their
 * parent-death signal), where otherwise it ran its test on past the run's end, long enough for a
 * disruption's route watch and load client to outlive the teardown.
 */
function untilFileEnds(onCleanup: OnCleanup, cleanup: () => void): void {
  const guard = guardExit(cleanup, { signalOnly: true });
  onCleanup(() => {
    guard.release();
    cleanup();
  });
}

async function sharedFabric(spec: string, onCleanup: OnCleanup): Promise<SpecFabric> {
  const handed = inject('ownFabrics');
  const description = inject('fabric') ?? (handed.shared ? await receive(handed, SHARED) : null);
  if (!description) {
    throw new UserFacingError(`${spec}: the global setup brought up no shared fabric, finding no selected test of the shared specs (specs/selection.ts); select this spec by its file or a -t pattern that names it`);
  }
  // the lock on netns; on kind nothing to give back, but a worker that still ends with the run
  untilFileEnds(onCleanup, description.fabric === 'netns' ? await lockSharedFabric(description.runDir, spec) : () => undefined);
  return { fabric: await connectFabric(description), runId: description.runId };
}

async function ownFabric(spec: string, onCleanup: OnCleanup): Promise<SpecFabric> {
  const own = inject('ownFabrics');
  if (!own.files.includes(spec)) {
    throw new UserFacingError(`${spec}: the global setup brought up no fabric for it, finding none of its tests selected (specs/selection.ts); select this spec by its file or a -t pattern that names it`);
  }
  const description = await receive(own, spec);
  untilFileEnds(onCleanup, () => takeDownOwnFabric(description));
  return { fabric: await connectFabric(description), runId: description.runId };
}

/**
 * The `test` of the spec file at `fileUrl` (its import.meta.url), with its fabric as the fixture
 * `specFabric`. Example: `const it = specTest(import.meta.url); it('...', async ({ specFabric }) => ...)`
 */
export function specTest(fileUrl: string) {
  const spec = basename(fileURLToPath(fileUrl));
  const own = fabricUse(spec, inject('fabricKind')) === 'own';
  return test.extend('specFabric', { scope: 'file' }, async ({}, { onCleanup }): Promise<SpecFabric> =>
    own ? ownFabric(spec, onCleanup) : sharedFabric(spec, onCleanup),
  );
}
