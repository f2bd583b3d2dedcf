// Go's formatting of the two values http-echo logs, so that the netns fabric's echo log reads like the
// real pod's: log.Printf's date prefix and time.Duration's String().

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2006/01/02 15:04:05`, log's default prefix, in UTC as in a container. */
export function goLogDate(date: Date): string {
  return (
    `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

function trimFraction(whole: bigint, fraction: bigint, digits: number): string {
  const text = fraction.toString().padStart(digits, '0').replace(/0+$/, '');
  return text ? `${whole}.${text}` : `${whole}`;
}

/** time.Duration.String(): 150ns, 3.667µs, 1.5ms, 2s, 1m30.5s, 2h0m0s. */
export function goDuration(nanoseconds: bigint): string {
  if (nanoseconds < 0n) return `-${goDuration(-nanoseconds)}`;
  if (nanoseconds === 0n) return '0s';
  if (nanoseconds < 1_000n) return `${nanoseconds}ns`;
  if (nanoseconds < 1_000_000n) return `${trimFraction(nanoseconds / 1_000n, nanoseconds % 1_000n, 3)}µs`;
  if (nanoseconds < 1_000_000_000n) return `${trimFraction(nanoseconds / 1_000_000n, nanoseconds % 1_000_000n, 6)}ms`;
  const totalSeconds = nanoseconds / 1_000_000_000n;
  const seconds = `${trimFraction(totalSeconds % 60n, nanoseconds % 1_000_000_000n, 9)}s`;
  const minutes = totalSeconds / 60n;
  if (minutes === 0n) return seconds;
  if (minutes < 60n) return `${minutes}m${seconds}`;
  return `${minutes / 60n}h${minutes % 60n}m${seconds}`;
}
