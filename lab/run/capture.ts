// Packet captures: tcpdump in a node's network namespace (entered with the fabric's own prefix), recorded
// in the run's state so that teardown stops it even if the spec that started it died.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { CaptureRequest, RunningCapture } from '../fabric/fabric-contract.js';
import { pollUntil, pollUntilOrTimeout } from '../util/poll.js';
import { isRunning, processState, spawnDaemon, type ProcessRecord } from './processes.js';
import { RunRecord } from './run-state.js';

function logOf(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Bounds the wait for tcpdump to read what the kernel holds for it; a capture of steady traffic never goes quiet. */
const DRAIN_TIMEOUT_MS = 2_000;

/**
 * Waits until tcpdump has read every packet the kernel queued for it: SIGINT ends its loop at once and
 * what is still in its ring is lost, counted neither as captured nor as "dropped by kernel" (on a busy
 * machine, the last replies of a spec's flows). Read means asleep (in poll, its ring empty) with its file
 * (written packet by packet, -U) the same size at two looks in a row. Gives up quietly after the bound.
 */
async function drained(record: ProcessRecord, file: string, where: string): Promise<void> {
  let last = -1;
  await pollUntilOrTimeout({
    what: `${where} has written every packet the kernel holds for it`,
    timeoutMs: DRAIN_TIMEOUT_MS,
    intervalMs: 20,
    check: async () => {
      const state = processState(record.pid);
      const size = existsSync(file) ? statSync(file).size : 0;
      const quiet = state === 'S' && size === last;
      last = state === 'S' ? size : -1;
      return { done: quiet || !isRunning(record), seen: `state ${state}, ${size} bytes written` };
    },
  });
}

export async function startCapture(runDir: string, enter: readonly string[], request: CaptureRequest): Promise<RunningCapture> {
  const run = RunRecord.load(runDir);
  if (!run) throw new Error(`the fabric's run directory ${runDir} is gone`);
  const where = `tcpdump on ${request.node} ${request.interface}`;
  const logFile = `${request.file}.log`;
  // -U and --immediate-mode: packets still buffered in the kernel are otherwise lost when tcpdump stops;
  // -B 16384 (KiB): with the default 2 MiB ring a busy machine (two runs at once on two cores) made
  // the kernel drop packets before tcpdump read them; -Z root: tcpdump otherwise drops to its own user,
  // which may not write where the file goes.
  const argv = [
    ...enter,
    'tcpdump', '-i', request.interface, '-n', '-U', '--immediate-mode', '-B', '16384', '-Z', 'root', '-w', request.file,
    // A pcap of an Ethernet interface does not say which way a packet went: one capture per direction does.
    ...(request.direction ? ['-Q', request.direction] : []),
    ...request.filter,
  ];
  const record = spawnDaemon(where, argv, logFile);
  run.addProcess(record);
  await pollUntil({
    what: `${where} listens`,
    timeoutMs: 5_000,
    intervalMs: 20,
    check: async () => {
      const log = logOf(logFile);
      if (!isRunning(record)) throw new Error(`${where} exited: ${log.trim()}`);
      return { done: log.includes(`listening on ${request.interface}`), seen: log.trim() || 'no output yet' };
    },
  });
  return {
    file: request.file,
    async stop() {
      await drained(record, request.file, where);
      if (isRunning(record)) process.kill(record.pid, 'SIGINT');
      await pollUntil({
        what: `${where} exits`,
        timeoutMs: 5_000,
        intervalMs: 20,
        check: async () => ({ done: !isRunning(record), seen: 'still running' }),
      });
      run.forgetProcess(record);
      const log = logOf(logFile);
      const dropped = Number(/(\d+) packets? dropped by kernel/.exec(log)?.[1] ?? 0);
      if (dropped > 0) throw new Error(`${where} lost ${dropped} packets (the kernel dropped them): the capture is incomplete`);
      return request.file;
    },
  };
}
