// What a run of a fabric created, written down *before* it is created, so that teardown, a Ctrl-C
// handler or the next run after a crash can remove exactly that and nothing else: network namespaces
// and daemons (netns fabric), packet captures (both), commands that undo what a run made (kind fabric:
// its cluster and its containerlab topology).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FabricDescription } from '../fabric/fabric-description.js';
import { pollUntil } from '../util/poll.js';
import { isRunning, processStartTime, stopProcessesSync, type ProcessRecord } from './processes.js';
import { ownerTemp, removeOwnerTemp } from './owner-temp.js';

export interface RunState {
  readonly runId: string;
  readonly createdAt: string;
  /** a run recorded under another boot left nothing behind but its directory */
  readonly bootId: string;
  /** the process that brought the fabric up; while it runs, the run is not stale */
  readonly owner: Pick<ProcessRecord, 'pid' | 'startTime'>;
  /** left up on purpose (LAB_KEEP=1); only `npm run down` removes it */
  kept: boolean;
  /** why LAB_REUSE=1 must not run on it: a spec that disrupted it could not put it back */
  unusable?: string;
  readonly namespaces: string[];
  readonly processes: ProcessRecord[];
  /** commands that undo what the run made, newest last; teardown runs them newest first */
  readonly undo: string[][];
  /**
   * commands that free what a deleted namespace could keep past its deletion, run before the namespaces
   * are deleted: a namespace whose orphaned TCP sockets still retransmit lives on in the kernel, unlisted,
   * and its tc programs with it (lab/netns/datapath.ts). Example: [["tc","-netns","bgplab-0a1b2c-server0","qdisc","del","dev","net0","clsact"]]
   */
  detach?: string[][];
  /** the owner's temporary folder (lab/run/owner-temp.ts), removed only by the run that finds this one stale */
  readonly ownerTemp?: string;
  description?: FabricDescription;
}

const STATE_FILE = 'state.json';

function bootId(): string {
  return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
}

/** Namespace names start with this and the run id; containerlab's own start with `clab-`. */
export const NAMESPACE_PREFIX = 'bgplab';

export class RunRecord {
  private constructor(
    readonly dir: string,
    private current: RunState,
  ) {}

  get state(): RunState {
    return this.current;
  }

  static create(runsRoot: string): RunRecord {
    const runId = randomBytes(3).toString('hex');
    const dir = join(runsRoot, runId);
    mkdirSync(dir, { recursive: true });
    const owner = { pid: process.pid, startTime: processStartTime(process.pid)! };
    const temp = ownerTemp();
    const record = new RunRecord(dir, {
      runId,
      createdAt: new Date().toISOString(),
      bootId: bootId(),
      owner,
      kept: false,
      namespaces: [],
      processes: [],
      undo: [],
      ...(temp ? { ownerTemp: temp } : {}),
    });
    record.save();
    return record;
  }

  static load(dir: string): RunRecord | undefined {
    try {
      return new RunRecord(dir, JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as RunState);
    } catch {
      return undefined;
    }
  }

  namespaceName(suffix: string): string {
    return `${NAMESPACE_PREFIX}-${this.state.runId}-${suffix}`;
  }

  /** Call before `ip netns add`. */
  addNamespace(name: string): void {
    this.update((state) => state.namespaces.push(name));
  }

  /** Call right after the spawn, in the same tick. */
  addProcess(record: ProcessRecord): void {
    this.update((state) => state.processes.push(record));
  }

  /** Call before the step that makes what `argv` undoes. */
  addUndo(argv: readonly string[]): void {
    this.update((state) => state.undo.push([...argv]));
  }

  /** Call before the step that makes what `argv` frees: see RunState.detach. */
  addDetach(argv: readonly string[]): void {
    this.update((state) => (state.detach ??= []).push([...argv]));
  }

  /** Call once a short-lived process (a capture) has exited. */
  forgetProcess(record: ProcessRecord): void {
    this.update((state) => {
      const index = state.processes.findIndex((p) => p.pid === record.pid && p.startTime === record.startTime);
      if (index >= 0) state.processes.splice(index, 1);
    });
  }

  /**
   * Stops the running process recorded under `name` (e.g. "gobgpd server1"), by its pid and start time,
   * as a crash or an operator would, and forgets it.
   */
  stopProcess(name: string): void {
    const record = this.state.processes.find((p) => p.name === name && isRunning(p));
    if (!record) throw new Error(`run ${this.state.runId}: no running process ${name} to stop`);
    stopProcessesSync([record]);
    this.forgetProcess(record);
  }

  /**
   * Sends exactly `signal` to the running process recorded under `name` (by pid and start time), waits
   * up to `waitMs` for it to exit, and forgets it: a SIGKILL is a crash, a SIGTERM a clean stop.
   */
  async signalProcess(name: string, signal: 'SIGKILL' | 'SIGTERM', waitMs = 5_000): Promise<void> {
    this.reload();
    const record = this.state.processes.find((p) => p.name === name && isRunning(p));
    if (!record) throw new Error(`run ${this.state.runId}: no running process ${name} to signal`);
    process.kill(record.pid, signal);
    await pollUntil({
      what: `run ${this.state.runId}: ${name} (pid ${record.pid}) exits after ${signal}`,
      timeoutMs: waitMs,
      intervalMs: 10,
      check: async () => ({ done: !isRunning(record), seen: 'still running' }),
    });
    this.forgetProcess(record);
  }

  setDescription(description: FabricDescription): void {
    this.update((state) => {
      state.description = description;
    });
  }

  markUnusable(reason: string | undefined): void {
    this.update((state) => {
      if (reason === undefined) delete state.unusable;
      else state.unusable = reason;
    });
  }

  markKept(): void {
    this.update((state) => {
      state.kept = true;
    });
  }

  /** Stale: brought up under another boot, or by a process that is gone, and not kept on purpose. */
  isStale(): boolean {
    if (this.state.bootId !== bootId()) return true;
    return !this.state.kept && !isRunning(this.state.owner);
  }

  /**
   * Removes everything this run recorded: processes (by pid and start time), what a namespace could keep
   * past its deletion (detach), namespaces (which takes their veths and routes with them), then the run
   * directory. Synchronous and idempotent, so that it
   * can run from a signal or exit handler and again after a partial teardown.
   */
  teardownSync(): void {
    this.reload();
    if (this.state.bootId === bootId()) {
      stopProcessesSync(this.state.processes);
      for (const argv of this.state.detach ?? []) spawnSync(argv[0]!, argv.slice(1), { stdio: 'ignore', timeout: 10_000 });
      for (const namespace of this.state.namespaces) {
        if (existsSync(join('/run/netns', namespace))) {
          spawnSync('ip', ['netns', 'delete', namespace], { stdio: 'ignore' });
        }
      }
    }
    for (const argv of [...(this.state.undo ?? [])].reverse()) {
      spawnSync(argv[0]!, argv.slice(1), { stdio: 'ignore', timeout: 5 * 60_000 });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * Processes of the specs (packet captures) record themselves too, from vitest's worker processes:
   * every change reads the file first, so that no process overwrites what another recorded.
   */
  private update(change: (state: RunState) => void): void {
    this.reload();
    change(this.current);
    this.save();
  }

  private reload(): void {
    try {
      this.current = JSON.parse(readFileSync(join(this.dir, STATE_FILE), 'utf8')) as RunState;
    } catch {
      // not written yet, or already torn down: keep what this process knows
    }
  }

  private save(): void {
    const file = join(this.dir, STATE_FILE);
    writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(this.state, null, 2));
    renameSync(`${file}.${process.pid}.tmp`, file);
  }
}

export function listRuns(runsRoot: string): RunRecord[] {
  if (!existsSync(runsRoot)) return [];
  return readdirSync(runsRoot)
    .map((entry) => RunRecord.load(join(runsRoot, entry)))
    .filter((run): run is RunRecord => run !== undefined);
}

/** Tears down what crashed runs left, their owners' temporary folders included; returns their ids. Runs whose owner still runs are not touched. */
export function cleanStaleRuns(runsRoot: string): string[] {
  const stale = listRuns(runsRoot).filter((run) => run.isStale());
  stale.forEach((run) => {
    run.teardownSync();
    removeOwnerTemp(run.state.ownerTemp);
  });
  return stale.map((run) => run.state.runId);
}
