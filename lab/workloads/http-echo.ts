// The netns fabric's stand-in for hashicorp/http-echo, the lab's `ubuntu-echo` backend: answers every
// request with the text and a newline, and logs one line per request in http-echo's format:
//   2025/07/04 01:44:58 20.1.10.2 10.0.1.1:20000 "GET / HTTP/1.1" 200 31 "curl/7.81.0" 3.667µs
// (date, Host, client address:port as the server saw it, request line, status, body bytes, agent,
// duration). Run as: node --import tsx http-echo.ts --listen :8080 --text "Hello ..."
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { goDuration, goLogDate } from './go-format.js';

const { values } = parseArgs({ options: { listen: { type: 'string' }, text: { type: 'string' } } });
if (!values.listen || values.text === undefined) {
  process.stderr.write('usage: http-echo.ts --listen [HOST]:PORT --text TEXT\n');
  process.exit(2);
}
const separator = values.listen.lastIndexOf(':');
const listenHost = values.listen.slice(0, separator) || '0.0.0.0';
const listenPort = Number(values.listen.slice(separator + 1));
const body = `${values.text}\n`;

function log(message: string): void {
  process.stdout.write(`${goLogDate(new Date())} ${message}\n`);
}

const server = createServer((request, response) => {
  const started = process.hrtime.bigint();
  const health = request.url === '/health';
  const payload = health ? '{"status":"ok"}\n' : body;
  response.on('finish', () => {
    const client = `${request.socket.remoteAddress}:${request.socket.remotePort}`;
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    log(
      `${request.headers.host ?? ''} ${client} "${request.method} ${path} HTTP/${request.httpVersion}" ` +
        `${response.statusCode} ${Buffer.byteLength(payload)} "${request.headers['user-agent'] ?? ''}" ` +
        goDuration(process.hrtime.bigint() - started),
    );
  });
  response.writeHead(200, {
    'Content-Type': health ? 'application/json' : 'text/plain; charset=utf-8',
    'X-App-Name': 'http-echo',
  });
  response.end(payload);
});

server.listen(listenPort, listenHost, () => log(`[INFO] server is listening on ${values.listen}`));
const stop = (): void => {
  server.close();
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
