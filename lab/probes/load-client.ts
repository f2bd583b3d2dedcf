// The steady load's client in router0: one shell loop that, for each local port the harness writes it,
// asks router0's FIB where that flow goes (`ip -j route get`, the L4 hash's choice) and sends the GET from
// that port with the same curl as every other request (http.ts), printing both with markers. It replaces
// two commands a request, each started through nsenter or docker exec, which at 20 requests a second were
// a third of a run's CPU. It ends when its input closes (the load stops, or the harness dies), when its
// harness dies (setpriv's parent-death signal), or after `maxSeconds` (timeout), as a route watch does.
import type { NodeExecutor } from '../exec/conversation.js';
import { curlGet, CURL_LOCAL_PORT_FAILED, freshPort, MAX_PORT_ATTEMPTS, type HttpExchange } from './http.js';
import { firstGateway, routeGetFlow } from './routing.js';

/** One request: the next hop router0's FIB chose for its flow (undefined if it had none), curl's exit status, and the exchange. */
export interface LoadAnswer {
  readonly gateway?: string;
  readonly curlExit: number;
  readonly exchange: HttpExchange;
}

export interface LoadClient {
  /** sends a GET from `port` (another fresh one if it is busy) and says where the FIB sent it */
  request(port: number): Promise<LoadAnswer>;
  /** ends the client; again, the same */
  close(): Promise<void>;
}

/** In its command line, so that lab/run/leftovers.ts finds a client left running. */
export const LOAD_CLIENT = 'bgplab-load-client';
const IP_MARK = '@@ip ';
const CURL_MARK = '@@curl ';
/** after the body: curl's exit status and its message, which it otherwise writes to stderr (curl 7.75+) */
const WRITE_OUT = `\\n${CURL_MARK}%{exitcode} %{http_code} %{local_ip} %{local_port} %{errormsg}\\n`;
/** $1 the VIP, $2 its port, $3 the URL; a port on each line of input */
const SCRIPT = [
  'while read -r port; do',
  `${routeGetFlow('"$1"', '"$port"', '"$2"').join(' ')} 2>&1; echo "${IP_MARK}$?";`,
  `${curlGet('"$port"', `'${WRITE_OUT}'`, '"$3"').join(' ')} 2>/dev/null;`,
  'done',
].join(' ');
/** the longest one answer may take: curl's 3 s, the route lookup, and a busy machine */
const ANSWER_MS = 15_000;

/** Starts the client in `node` (router0), for `url` on `vip`:`port`; it ends by itself after `maxSeconds`. */
export function startLoadClient(node: NodeExecutor, vip: string, port: number, url: string, maxSeconds: number): LoadClient {
  const conversation = node.converse(['setpriv', '--pdeathsig', 'TERM', 'timeout', String(maxSeconds), 'sh', '-c', SCRIPT, LOAD_CLIENT, vip, String(port), url]);
  const once = async (local: number): Promise<LoadAnswer> => {
    const lines = await conversation.ask(String(local), (l) => l.startsWith(CURL_MARK), ANSWER_MS);
    return parseLoadAnswer(node.where, url, local, lines);
  };
  return {
    async request(first) {
      let answer = await once(first);
      for (let attempt = 1; answer.curlExit === CURL_LOCAL_PORT_FAILED && attempt < MAX_PORT_ATTEMPTS; attempt++) answer = await once(freshPort());
      return answer;
    },
    close: () => conversation.close(),
  };
}

/** Reads one answer of the client: the route lookup, its mark, the body, curl's mark. Exported for the unit tests. */
export function parseLoadAnswer(where: string, url: string, port: number, lines: readonly string[]): LoadAnswer {
  const ipAt = lines.findIndex((l) => l.startsWith(IP_MARK));
  const curlLine = lines.at(-1) ?? '';
  if (ipAt < 0 || !curlLine.startsWith(CURL_MARK)) throw new Error(`${where}: the load client printed what it does not print: ${JSON.stringify(lines.join('\n'))}`);
  const routeOk = lines[ipAt] === `${IP_MARK}0`;
  const gateway = routeOk ? firstGateway(lines.slice(0, ipAt).join('\n')) : undefined;
  const [exitCode, status, localAddress, localPort, ...message] = curlLine.slice(CURL_MARK.length).split(' ');
  if (!/^\d+$/.test(exitCode ?? '') || !/^\d{3}$/.test(status ?? '')) throw new Error(`${where}: the load client's curl line is not one it prints: ${JSON.stringify(curlLine)}`);
  const body = lines.slice(ipAt + 1, -1).join('\n');
  const exchange: HttpExchange =
    exitCode === '0'
      ? { localAddress: localAddress!, localPort: Number(localPort), status: Number(status), body }
      : { localAddress: '', localPort: port, status: 0, body: '', error: `${where}: GET ${url} from port ${port} failed (curl exit ${exitCode}): curl: (${exitCode}) ${message.join(' ')}` };
  return { ...(gateway ? { gateway } : {}), curlExit: Number(exitCode), exchange };
}
