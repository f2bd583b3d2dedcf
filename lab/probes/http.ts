// HTTP requests with curl from a node, each from a fresh local port so that every request is its own
// flow (ECMP hashes on the port) and no port is still in TIME_WAIT from an earlier request.
import { randomInt } from 'node:crypto';
import type { Executor } from '../exec/command.js';

export interface HttpExchange {
  readonly localAddress: string;
  readonly localPort: number;
  readonly status: number;
  readonly body: string;
}

const FIRST_PORT = 20_000;
const LAST_PORT = 60_000;
/** curl's exit status when it cannot bind the local port */
const CURL_LOCAL_PORT_FAILED = 45;
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
 * one, up to five times. A failed request (no connection, timeout) is an error that says so.
 */
export async function httpGet(from: Executor, url: string, localPort = freshPort()): Promise<HttpExchange> {
  let port = localPort;
  for (let attempt = 1; ; attempt++) {
    const result = await from.run(
      ['curl', '-sS', '-m', '5', '--local-port', String(port), '-w', '\n%{http_code} %{local_ip} %{local_port}', url],
      { allowFailure: true },
    );
    if (result.exitCode === CURL_LOCAL_PORT_FAILED && attempt < 5) {
      port = freshPort();
      continue;
    }
    if (result.exitCode !== 0) {
      throw new Error(`${from.where}: GET ${url} from port ${port} failed (curl exit ${result.exitCode}): ${result.stderr.trim()}`);
    }
    const split = result.stdout.lastIndexOf('\n');
    const [status, localAddress, reportedPort] = result.stdout.slice(split + 1).split(' ');
    return { localAddress: localAddress!, localPort: Number(reportedPort), status: Number(status), body: result.stdout.slice(0, split) };
  }
}
