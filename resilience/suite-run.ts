// A run of the conformance suite in its own process group, as a terminal would start it, so that a test
// can interrupt it the way a person or a crash does.
import { spawn, type ChildProcess } from 'node:child_process';
import { listRuns } from '../lab/run/run-state.js';
import { repoRoot, runsRoot, vitestEntry } from '../lab/util/paths.js';
import { pollUntil } from '../lab/util/poll.js';

export interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

export class SuiteRun {
  /** runs not yet ended, so that a test that fails or times out does not leave one running */
  private static readonly running = new Set<SuiteRun>();
  private output = '';
  private readonly child: ChildProcess;
  readonly ended: Promise<Ended>;

  /** `args` are vitest's, after the project: `['-t', 'dsr']` runs what that selects (specs/selection.ts). */
  constructor(env: NodeJS.ProcessEnv = {}, args: readonly string[] = []) {
    // vitest's own entry point, so that this pid is the runner's (npx would stand between).
    this.child = spawn(process.execPath, [vitestEntry, 'run', '--project', 'conformance', ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer): void => {
      this.output += chunk.toString();
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    SuiteRun.running.add(this);
    this.ended = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        SuiteRun.running.delete(this);
        resolve({ code, signal, output: this.output });
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  async waitForOutput(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    await pollUntil({
      what: `the run prints ${pattern}`,
      timeoutMs,
      intervalMs: 10,
      check: async () => ({ done: pattern.test(this.output), seen: this.output.slice(-400) }),
    });
  }

  /** Waits until a spec of this run captures packets (a tcpdump recorded in its run state). */
  async waitForCapture(timeoutMs = 60_000): Promise<void> {
    await pollUntil({
      what: 'a spec of the run starts a packet capture',
      timeoutMs,
      intervalMs: 10,
      check: async () => ({
        done: listRuns(runsRoot).some((run) => run.state.owner.pid === this.pid && run.state.processes.some((p) => p.name.startsWith('tcpdump'))),
        seen: this.output.slice(-400),
      }),
    });
  }

  /** Waits until a spec of this run disrupts the fabric (graceful-restart, failover): its run state says so. */
  async waitForDisruption(timeoutMs = 120_000): Promise<void> {
    await pollUntil({
      what: 'a spec of the run disrupts the fabric',
      timeoutMs,
      intervalMs: 10,
      check: async () => ({
        done: listRuns(runsRoot).some((run) => run.state.owner.pid === this.pid && run.state.unusable !== undefined),
        seen: this.output.slice(-400),
      }),
    });
  }

  /** Ctrl-C: SIGINT to the whole process group. */
  interrupt(): void {
    process.kill(-this.pid, 'SIGINT');
  }

  /** Interrupts every run still going (its own teardown then runs) and waits for them, at most 30 s. */
  static async stopAll(): Promise<void> {
    const runs = [...SuiteRun.running];
    for (const run of runs) {
      try {
        run.interrupt();
      } catch {
        // its process group has just gone; its close event is on the way
      }
    }
    await pollUntil({
      what: 'the interrupted runs end',
      timeoutMs: 30_000,
      check: async () => ({ done: runs.every((run) => !SuiteRun.running.has(run)), seen: `${SuiteRun.running.size} still running` }),
    });
  }

  /** kill -9 of the runner alone. */
  kill(): void {
    process.kill(this.pid, 'SIGKILL');
  }
}

/** What to show when a run ended otherwise than expected: its failures, or the end of its output. */
export function failures(ended: Ended): string {
  const plain = ended.output.replace(/\x1b\[[0-9;]*m/g, '');
  const start = plain.indexOf('Failed Tests');
  return start >= 0 ? plain.slice(start, start + 4000) : plain.slice(-4000);
}
