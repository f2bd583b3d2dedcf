// Captures on several nodes around an action, decoded for the checks: one capture per direction on each
// interface, since an Ethernet pcap does not record whether the node received or sent a packet.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Fabric, RunningCapture } from '../fabric/fabric-contract.js';
import { readPcap } from '../pcap/read.js';

import type { Frame } from '../pcap/frame.js';

const DIRECTIONS = ['in', 'out'] as const;

export interface CapturePoint {
  readonly node: string;
  readonly interface: string;
}

/** What one interface received (in) and sent (out). */
export interface DirectedFrames {
  readonly in: readonly Frame[];
  readonly out: readonly Frame[];
}

export interface Captured<T> {
  readonly value: T;
  readonly frames: Partial<Record<string, DirectedFrames>>;
  /** the pcap files, named in failure messages */
  readonly files: string[];
}

/** Captures on every point while `action` runs; the pcaps go to `dir` as NODE-INTERFACE-in.pcap and -out.pcap. */
export async function captureDuring<T>(
  fabric: Fabric,
  dir: string,
  points: readonly CapturePoint[],
  filter: readonly string[],
  action: () => Promise<T>,
): Promise<Captured<T>> {
  mkdirSync(dir, { recursive: true });
  const started: RunningCapture[] = [];
  let value: T;
  try {
    for (const point of points) {
      for (const direction of DIRECTIONS) {
        started.push(await fabric.startCapture({ ...point, filter, direction, file: join(dir, `${point.node}-${point.interface}-${direction}.pcap`) }));
      }
    }
    value = await action();
  } finally {
    await Promise.all(started.map((capture) => capture.stop()));
  }
  const frames: Partial<Record<string, DirectedFrames>> = {};
  for (const [index, point] of points.entries()) {
    frames[point.node] = { in: await readPcap(started[2 * index]!.file), out: await readPcap(started[2 * index + 1]!.file) };
  }
  return { value, frames, files: started.map((c) => c.file) };
}
