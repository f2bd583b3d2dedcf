// Pod-to-pod reachability as a check over the fabric contract.
import type { Fabric } from '../fabric/fabric-contract.js';
import { parsePing, type PingResult } from '../probes/ping.js';
import { podKey, podServer, routersBetween, type Lab, type PodRef } from '../description/index.js';
import { fail, pass, type Check, type Symptom } from './check.js';

const PINGS = 5;

/**
 * What is wrong with a ping of `count` requests whose replies should all carry `ttl`: missing replies,
 * replies whose TTL could not be read (the TTL claim would go untested), replies with another TTL.
 */
export function pingProblems(ping: PingResult, count: number, ttl: number): { readonly text: string; readonly symptom: Symptom }[] {
  return [
    ...(ping.transmitted !== count || ping.received !== count ? [{ text: `${ping.received}/${ping.transmitted} replies, expected ${count}/${count}`, symptom: 'ping-replies-missing' }] : []),
    ...(ping.ttls.length !== ping.received ? [{ text: `${ping.ttls.length} of ${ping.received} replies show a TTL`, symptom: 'ping-ttl-unread' }] : []),
    ...(ping.ttls.some((x) => x !== ttl) ? [{ text: `TTLs [${ping.ttls.join(', ')}], expected each ${ttl}`, symptom: 'ping-ttl-wrong' }] : []),
  ];
}

/**
 * `from` pings `to` with no loss, and every reply's TTL shows it crossed exactly the routers between
 * the two pods' nodes (the reply starts at the destination's ip_default_ttl and loses one per router).
 */
export function podPingsPod(fabric: Fabric, t: Lab, from: PodRef, to: PodRef): Check {
  const source = { node: podServer(t, from) };
  const target = { node: podServer(t, to) };
  const routers = routersBetween(t, source.node, target.node);
  return {
    title: `${podKey(from)} (${source.node}) pings ${podKey(to)} (${target.node}) with no loss, across ${routers.join(', ')}`,
    async run() {
      const [ip, defaultTtl] = await Promise.all([
        fabric.podIp(to),
        fabric.pod(to).run(['cat', '/proc/sys/net/ipv4/ip_default_ttl']).then((r) => Number(r.stdout.trim())),
      ]);
      const result = await fabric.pod(from).run(['ping', '-n', '-c', String(PINGS), '-i', '0.2', '-W', '2', ip], {
        allowFailure: true,
      });
      const ping = parsePing(result.stdout);
      const expectedTtl = defaultTtl - routers.length;
      const problems = pingProblems(ping, PINGS, expectedTtl);
      const summary =
        `pod ${podKey(from)} on ${source.node} -> ${ip} (${podKey(to)} on ${target.node}): ` +
        `${ping.received}/${ping.transmitted} replies, TTLs [${ping.ttls.join(', ')}]`;
      const [first, ...rest] = problems;
      if (!first) return pass(summary);
      return fail(
        `${summary}: ${problems.map((p) => p.text).join('; ')}; expected ${PINGS}/${PINGS} replies, each with TTL ${expectedTtl} ` +
          `(${defaultTtl} minus one for each of ${routers.join(', ')})\n  ping output:\n    ` +
          `${(result.stdout + result.stderr).trim().split('\n').join('\n    ')}`,
        first.symptom,
        ...rest.map((p) => p.symptom),
      );
    },
  };
}
