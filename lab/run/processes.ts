// Daemons the netns fabric starts (BIRD, GoBGP, the echo server), identified by pid *and* start time:
// a pid alone may have been reused by the time a later run cleans up after a crashed one.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface ProcessRecord {
  /** what it is, for messages: "bird router0" */
  readonly name: string;
  readonly pid: number;
  /** field 22 of /proc/PID/stat: clock ticks after boot, fixed for the life of the process */
  readonly startTime: string;
  /** where its stdout and stderr go */
  readonly logFile: string;
}

interface ProcStat {
  readonly state: string;
  readonly startTime: string;
}

function readProcStat(pid: number): ProcStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may contain spaces: split after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0]!, startTime: fields[19]! };
}

/** A process's state (field 3 of /proc/PID/stat: "S" sleeping, "R" running, "T" stopped...), or undefined if there is none with that pid. */
export function processState(pid: number): string | undefined {
  return readProcStat(pid)?.state;
}

/** The start time of a live process, or undefined if there is none with that pid. */
export function processStartTime(pid: number): string | undefined {
  return readProcStat(pid)?.startTime;
}

/** True while the recorded process runs: same pid, same start time, not a zombie. */
export function isRunning(record: Pick<ProcessRecord, 'pid' | 'startTime'>): boolean {
  const stat = readProcStat(record.pid);
  return stat !== undefined && stat.startTime === record.startTime && stat.state !== 'Z' && stat.state !== 'X';
}

/**
 * Starts a daemon in its own session (setsid), so that a Ctrl-C in the terminal or the death of the
 * runner does not take it down halfway: teardown stops it by pid. stdout and stderr go to `logFile`.
 * `argv` must exec into the daemon (nsenter does), so that the pid is the daemon's own.
 */
export function spawnDaemon(name: string, argv: readonly string[], logFile: string): ProcessRecord {
  const log = openSync(logFile, 'a');
  try {
    const child = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: ['ignore', log, log] });
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not start ${name}: \`${argv.join(' ')}\``);
    child.on('error', () => {}); // reported through its log and the bring-up's checks
    child.unref();
    const startTime = processStartTime(pid);
    if (startTime === undefined) throw new Error(`${name} (pid ${pid}) exited at once; see ${logFile}`);
    return { name, pid, startTime, logFile };
  } finally {
    closeSync(log);
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Stops the recorded processes that still run: SIGTERM, up to `graceMs` to exit, then SIGKILL.
 * Synchronous, so that it also works from an exit handler.
 */
export function stopProcessesSync(records: readonly ProcessRecord[], graceMs = 2000): void {
  const signal = (record: ProcessRecord, sig: NodeJS.Signals): void => {
    if (!isRunning(record)) return;
    try {
      process.kill(record.pid, sig);
    } catch {
      // exited in between
    }
  };
  records.forEach((record) => signal(record, 'SIGTERM'));
  const deadline = Date.now() + graceMs;
  while (records.some(isRunning) && Date.now() < deadline) sleepSync(10);
  records.forEach((record) => signal(record, 'SIGKILL'));
  while (records.some(isRunning) && Date.now() < deadline + 1000) sleepSync(10);
}
