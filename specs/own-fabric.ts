// The netns fabrics of the disruptive spec files, one each, so that each can kill a speaker or take an
// uplink down while the other specs run on the shared fabric: the same lab, faults (LAB_FAULT, so that
// the negative controls see their fault on every fabric) and bring-up (lab/netns/lifecycle.ts) as the
// shared one, brought up by the global setup beside it, each under its own run record and exit guard.
// They may still be coming up when the workers start: the global setup hands each over, once up (or
// failed), in a file the spec file's fixture waits for (specs/spec-fabric.ts). On netns the shared fabric
// is handed over the same way, under the key SHARED, so that the workers start while it converges. The
// fixture takes an own fabric down when the file ends; the global setup's teardown, or its exit guard on
// Ctrl-C, whatever is left. Never kept: LAB_KEEP=1 keeps the shared fabric only.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeArtifactDirIfEmpty } from '../lab/run/artifacts.js';
import type { Lab } from '../lab/description/index.js';
import type { FaultName } from '../lab/controls/faults.js';
import { pollUntil } from '../lab/util/poll.js';
import { startNetnsFabric, type NetnsPreparation } from '../lab/netns/lifecycle.js';
import type { NetnsDescription } from '../lab/netns/description.js';
import { Progress } from '../lab/run/progress.js';
import { RunRecord } from '../lab/run/run-state.js';
import type { RunningFabric } from '../lab/run/start.js';

/** Where the global setup hands the own fabrics over, for which spec files, and whether the shared fabric too. Example: {"dir":"/tmp/Xy.../own-fabrics","files":["graceful-restart-late.spec.ts"],"shared":true} */
export interface OwnFabrics {
  readonly dir: string;
  readonly files: readonly string[];
  /** the shared fabric is handed over here, under SHARED, rather than provided as `fabric` (netns) */
  readonly shared: boolean;
}

/** The key the shared fabric is handed over under: no spec file is named so. */
export const SHARED = 'shared';

const fabricOf = (key: string): string => (key === SHARED ? 'the shared fabric' : `the own fabric of ${key}`);

/** What a handover file holds: the fabric, or why it did not come up. */
type Handover = { readonly description: NetnsDescription } | { readonly error: string };

/** How long a spec file waits for its fabric: a bring-up takes 2 to 5 s, more on a busy machine. */
export const OWN_FABRIC_WAIT_MS = 120_000;

/** Brings up a netns fabric for the spec file `spec`; its progress lines say which: "[netns failover-uplink-down] ...". */
export async function bringUpOwnFabric(lab: Lab, spec: string, faults: readonly FaultName[], prepared: NetnsPreparation): Promise<RunningFabric<NetnsDescription>> {
  const progress = new Progress(`netns ${spec.replace(/\.spec\.ts$/, '')}`);
  return startNetnsFabric(lab, progress, { keep: false, faults, prepared });
}

/**
 * Takes an own fabric down from the worker whose spec file has ended, by its run record (the processes
 * and namespaces it lists), as soon as the file is done with it; idempotent, so the global setup's
 * teardown after it finds nothing left.
 */
export function takeDownOwnFabric(description: NetnsDescription): void {
  RunRecord.load(description.runDir)?.teardownSync();
  removeArtifactDirIfEmpty(description.runId);
}

/** Writes, once `bringUp` settles, what the fixture of spec file `key` (or of the shared specs: SHARED) reads (atomically: a rename). */
export function handOver(own: OwnFabrics, key: string, bringUp: Promise<RunningFabric<NetnsDescription>>): void {
  mkdirSync(own.dir, { recursive: true });
  const write = (handover: Handover): void => {
    const file = join(own.dir, `${key}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(handover));
    renameSync(`${file}.tmp`, file);
  };
  bringUp.then(
    (running) => write({ description: running.description }),
    (error: unknown) => write({ error: error instanceof Error ? error.message : String(error) }),
  );
}

/** Waits until the global setup hands the fabric of `key` (a spec file, or SHARED) over; throws what stopped its bring-up. */
export async function receive(own: OwnFabrics, key: string): Promise<NetnsDescription> {
  const file = join(own.dir, `${key}.json`);
  await pollUntil({
    what: `the global setup has brought up ${fabricOf(key)}`,
    timeoutMs: OWN_FABRIC_WAIT_MS,
    intervalMs: 50,
    check: async () => ({ done: existsSync(file), seen: 'still coming up' }),
  });
  const handover = JSON.parse(readFileSync(file, 'utf8')) as Handover;
  if ('error' in handover) throw new Error(`${fabricOf(key)} did not come up: ${handover.error}`);
  return handover.description;
}
