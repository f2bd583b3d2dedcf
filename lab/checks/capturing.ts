// Captures on several nodes around an action, decoded for the checks.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Fabric, RunningCapture } from '../fabric.js';
import { readPcap } from '../pcap/read.js';
import type { NodeName } from '../topology.js';
import type { Frame } from '../pcap/frame.js';

export interface CapturePoint {
  readonly node: NodeName;
  readonly interface: string;
}

export interface Captured<T> {
  readonly value: T;
  readonly frames: Partial<Record<NodeName, Frame[]>>;
  /** the pcap files, named in failure messages */
  readonly files: string[];
}

/** Captures on every point while `action` runs; the pcaps go to `dir` as NODE-INTERFACE.pcap. */
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
      started.push(await fabric.startCapture({ ...point, filter, file: join(dir, `${point.node}-${point.interface}.pcap`) }));
    }
    value = await action();
  } finally {
    await Promise.all(started.map((capture) => capture.stop()));
  }
  const frames: Partial<Record<NodeName, Frame[]>> = {};
  for (const [index, point] of points.entries()) frames[point.node] = await readPcap(started[index]!.file);
  return { value, frames, files: started.map((c) => c.file) };
}
