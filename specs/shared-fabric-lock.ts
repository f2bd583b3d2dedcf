// One shared spec file at a time on the global fabric. The disruptive specs run in workers of their own
// while the shared ones share the global fabric; vitest cannot keep some files of a project in one worker
// and others in parallel, so a worker that takes a shared spec file waits here until no other shared spec
// file runs. They must not overlap: ecmp sets router0's multipath hash policy, which lb's and dsr's flows
// depend on, and each counts the flows its captures see. The lock is a file in the fabric's run directory
// (netns), made with link(2), which fails if it exists; it names its holder, by pid and start time.
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollUntil } from '../lab/util/poll.js';
import { isRunning, processStartTime } from '../lab/run/processes.js';

/** Who holds the lock. Example: {"pid":4242,"startTime":"918273","spec":"ecmp.spec.ts"} */
interface Holder {
  readonly pid: number;
  readonly startTime: string;
  readonly spec: string;
}

/** The longest a shared spec file waits for the others: they take about 20 s together, far less than this. */
export const LOCK_WAIT_MS = 10 * 60_000;

const LOCK_FILE = 'shared-specs.lock';

function holderOf(file: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Holder;
  } catch {
    return undefined; // released in between
  }
}

/** Waits until `spec` holds the shared fabric of the run in `runDir`; returns the release. */
export async function lockSharedFabric(runDir: string, spec: string): Promise<() => void> {
  const file = join(runDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, startTime: processStartTime(process.pid)!, spec };
  const offer = `${file}.${process.pid}.tmp`;
  writeFileSync(offer, JSON.stringify(me));
  try {
    const abandoned = await pollUntil<string>({
      what: `${spec} has the shared fabric to itself (one shared spec file at a time)`,
      timeoutMs: LOCK_WAIT_MS,
      intervalMs: 50,
      check: async () => {
        try {
          linkSync(offer, file);
          return { done: true, seen: 'taken', value: '' };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const holder = holderOf(file);
        // A worker died holding it: the run is broken, and waiting longer would only hide that.
        if (holder && !isRunning(holder)) return { done: true, seen: 'abandoned', value: `${holder.spec} (pid ${holder.pid})` };
        return { done: false, seen: holder ? `${holder.spec} (pid ${holder.pid}) runs on it` : 'released just now' };
      },
    });
    if (abandoned) throw new Error(`the worker that ran ${abandoned} ended holding the shared fabric, so ${spec} cannot run on it; see that spec's failure`);
  } finally {
    rmSync(offer, { force: true });
  }
  return () => {
    const holder = holderOf(file);
    if (holder?.pid === me.pid && holder.startTime === me.startTime) rmSync(file, { force: true });
  };
}

/** Removes a lock its holder left when it died (a kept fabric after an interrupted LAB_REUSE=1 run); call before any spec runs. */
export function removeStaleLock(runDir: string): void {
  const file = join(runDir, LOCK_FILE);
  const holder = holderOf(file);
  if (holder && !isRunning(holder)) rmSync(file, { force: true });
}
