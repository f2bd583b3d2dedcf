// HTTP requests with curl from a node, each from a fresh local port so that every request is its own
// flow (ECMP hashes on the port) and no port is still in TIME_WAIT from an earlier request.
import { randomInt } from 'node:crypto';
import type { Executor } from '../exec/command.js';
import { mapConcurrently } from '../util/concurrently.js';

export interface HttpExchange {
  /** empty when the request failed before curl knew it */
  readonly localAddress: string;
  readonly localPort: number;
  /** 0 when there was no answer */
  readonly status: number;
  readonly body: string;
  /** why there was no answer: curl's exit status and message */
  readonly error?: string;
}

const FIRST_PORT = 20_000;
const LAST_PORT = 60_000;
/** curl's exit status when it cannot bind the local port */
export const CURL_LOCAL_PORT_FAILED = 45;
/** How many fresh ports a request tries before it reports the last one busy. */
export const MAX_PORT_ATTEMPTS = 5;

/**
 * curl's GET of `url` from local port `port` (a number, or a shell's "$port"), printing `writeOut` after
 * the body. Answers take a millisecond in the lab: 3 s is a lost request, and keeps a broken fabric's run
 * short. A handshake takes as long; 1.5 s still allows one lost SYN (TCP resends it after 1 s), and a
 * flow whose SYN-ACK never comes (a datapath fault) costs half of what the whole request may.
 */
export const curlGet = (port: string, writeOut: string, url: string): string[] =>
  ['curl', '-sS', '--connect-timeout', '1.5', '-m', '3', '--local-port', port, '-w', writeOut, url];
const usedPorts = new Set<number>();

/** A local port this process has not used yet. */
export function freshPort(): number {
  for (;;) {
    const port = randomInt(FIRST_PORT, LAST_PORT);
    if (!usedPorts.has(port)) {
      usedPorts.add(port);
      return port;
    }
  }
}

/**
 * GET `url` from `localPort` (or a fresh one); a port that turns out busy is replaced by another fresh
 * one, up to five times. A request that gets no answer (no connection, timeout) is an exchange with
 * status 0 and the error, so that a check can still read the captures of that flow.
 */
export async function httpGet(from: Executor, url: string, localPort = freshPort()): Promise<HttpExchange> {
  let port = localPort;
  for (let attempt = 1; ; attempt++) {
    const result = await from.run(curlGet(String(port), '\n%{http_code} %{local_ip} %{local_port}', url), { allowFailure: true });
    if (result.exitCode === CURL_LOCAL_PORT_FAILED && attempt < MAX_PORT_ATTEMPTS) {
      port = freshPort();
      continue;
    }
    if (result.exitCode !== 0) {
      const error = `${from.where}: GET ${url} from port ${port} failed (curl exit ${result.exitCode}): ${result.stderr.trim()}`;
      return { localAddress: '', localPort: port, status: 0, body: '', error };
    }
    const split = result.stdout.lastIndexOf('\n');
    const [status, localAddress, reportedPort] = result.stdout.slice(split + 1).split(' ');
    return { localAddress: localAddress!, localPort: Number(reportedPort), status: Number(status), body: result.stdout.slice(0, split) };
  }
}

/** GETs `url` once from each port, `concurrency` requests at a time; exchanges in the ports' order. */
export function httpGetFromPorts(from: Executor, url: string, ports: readonly number[], concurrency = 16): Promise<HttpExchange[]> {
  return mapConcurrently(ports, concurrency, (port) => httpGet(from, url, port));
}
