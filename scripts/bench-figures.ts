// The figures the bench scripts print: median, min and max of a series of timings, as one line.

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** "time to converged      median 2.05 s   min 1.62 s   max 2.22 s   (n=7)" */
export function summary(name: string, ms: readonly number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const s = (x: number): string => (x / 1000).toFixed(2);
  return `${name.padEnd(22)} median ${s(median(ms))} s   min ${s(sorted[0]!)} s   max ${s(sorted.at(-1)!)} s   (n=${ms.length})`;
}
