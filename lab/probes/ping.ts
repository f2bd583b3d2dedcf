// Parser for iputils `ping` output: what was sent, what came back, and with which TTLs.

export interface PingResult {
  readonly transmitted: number;
  readonly received: number;
  /** the TTL of each reply, in order */
  readonly ttls: readonly number[];
}

export function parsePing(text: string): PingResult {
  const summary = /(\d+) packets transmitted, (\d+) received/.exec(text);
  if (!summary) throw new Error(`no ping summary in: ${JSON.stringify(text.slice(-300))}`);
  const ttls = [...text.matchAll(/^\d+ bytes from \S+: icmp_seq=\d+ ttl=(\d+)/gm)].map((m) => Number(m[1]));
  return { transmitted: Number(summary[1]), received: Number(summary[2]), ttls };
}
