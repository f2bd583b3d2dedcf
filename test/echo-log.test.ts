import { describe, expect, it } from 'vitest';
import { clientsLoggedSince } from '../lab/checks/echo-log-clients.js';
import { parseEchoLog } from '../lab/probes/echo-log.js';

describe("http-echo's request log", () => {
  it('reads the lines of the published demo, skipping the start-up line', () => {
    const log = [
      '2025/07/04 00:53:12 [INFO] server is listening on :8080',
      '2025/07/04 01:44:58 20.1.10.2 10.0.1.1:20000 "GET / HTTP/1.1" 200 31 "curl/7.81.0" 3.667µs',
      '2025/07/04 01:45:04 20.1.10.2 10.0.2.1:60000 "GET / HTTP/1.1" 200 31 "curl/7.81.0" 4.459µs',
      '',
    ].join('\n');
    expect(parseEchoLog(log)).toEqual([
      { host: '20.1.10.2', client: '10.0.1.1:20000', request: 'GET / HTTP/1.1', status: 200, bytes: 31, agent: 'curl/7.81.0' },
      { host: '20.1.10.2', client: '10.0.2.1:60000', request: 'GET / HTTP/1.1', status: 200, bytes: 31, agent: 'curl/7.81.0' },
    ]);
  });
});

describe('the clients a check reads from the echo log', () => {
  it('are those logged since the check began, not a stale line of an earlier check with the same port', () => {
    const earlier = '2025/07/04 01:44:58 20.1.10.2 10.0.1.1:20000 "GET / HTTP/1.1" 200 31 "curl/7.81.0" 3.667µs\n';
    const now = '2025/07/04 01:45:04 20.1.10.2 10.0.2.1:20000 "GET / HTTP/1.1" 200 31 "curl/7.81.0" 4.459µs\n';
    expect([...clientsLoggedSince(earlier + now, earlier.length)]).toEqual(['10.0.2.1:20000']);
    expect(clientsLoggedSince(earlier + now, earlier.length).has('10.0.1.1:20000')).toBe(false);
    expect(clientsLoggedSince(earlier + now, 0).has('10.0.1.1:20000')).toBe(true);
  });
});
