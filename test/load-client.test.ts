// The steady load's client in router0 answers each port with the FIB's choice and curl's exchange, between
// markers; the harness reads those answers strictly, and talks to the client through a conversation: a
// command kept up, a line in and lines out.
import { describe, expect, it } from 'vitest';
import { startConversation } from '../lab/exec/conversation.js';
import { parseLoadAnswer } from '../lab/probes/load-client.js';

const URL = 'http://20.1.10.2:80/';
const ROUTE = '[{"dst":"20.1.10.2","gateway":"10.0.2.2","dev":"net1","prefsrc":"10.0.2.1","flags":[],"uid":0,"cache":[]}]';

describe("the load client's answers", () => {
  it('gives the next hop and the exchange of an answered request, the body as curl printed it', () => {
    const answer = parseLoadAnswer('router0', URL, 41234, [ROUTE, '@@ip 0', 'Hello from ubuntu-echo', '', '@@curl 0 200 10.0.2.1 41234 ']);
    expect(answer).toEqual({ gateway: '10.0.2.2', curlExit: 0, exchange: { localAddress: '10.0.2.1', localPort: 41234, status: 200, body: 'Hello from ubuntu-echo\n' } });
  });

  it("says a request that failed as httpGet says it, with curl's exit status and message, and no next hop where the FIB had no route", () => {
    const answer = parseLoadAnswer('router0', URL, 41234, ['RTNETLINK answers: Network is unreachable', '@@ip 2', '', '@@curl 28 000   Connection timed out after 1501 milliseconds']);
    expect(answer).toEqual({
      curlExit: 28,
      exchange: { localAddress: '', localPort: 41234, status: 0, body: '', error: `router0: GET ${URL} from port 41234 failed (curl exit 28): curl: (28) Connection timed out after 1501 milliseconds` },
    });
  });

  it('refuses output it does not print: no marks, or a curl line that is not its own', () => {
    expect(() => parseLoadAnswer('router0', URL, 1, ['sh: 1: curl: not found'])).toThrow(/printed what it does not print/);
    expect(() => parseLoadAnswer('router0', URL, 1, [ROUTE, '@@ip 0', '@@curl %{exitcode} 200 10.0.2.1 1 '])).toThrow(/curl line is not one it prints/);
  });
});

describe('a conversation with a command kept up', () => {
  const echo = (): ReturnType<typeof startConversation> => startConversation('host', ['sh', '-c', 'while read -r l; do echo "got $l"; echo "end $l"; done']);

  it('answers each line with what the command printed up to the last line asked for, one question at a time', async () => {
    const talk = echo();
    const last = (l: string) => l.startsWith('end');
    const [a, b] = await Promise.all([talk.ask('1', last, 5_000), talk.ask('2', last, 5_000)]);
    expect([a, b]).toEqual([['got 1', 'end 1'], ['got 2', 'end 2']]);
    await talk.close();
    await expect(talk.ask('3', last, 5_000)).rejects.toThrow(/was closed|exited/);
  });

  it('fails the question after an answer with more lines than the question asked for', async () => {
    // one write (printf), so that the stray line comes with the answer's last line
    const talk = startConversation('host', ['sh', '-c', 'while read -r l; do printf "end %s\\nstray\\n" "$l"; done']);
    expect(await talk.ask('1', (l) => l.startsWith('end'), 5_000)).toEqual(['end 1']);
    await expect(talk.ask('2', (l) => l.startsWith('end'), 5_000)).rejects.toThrow(/printed what no question asked for, before "2"/);
    await talk.close();
  });

  it('fails a question the command never finishes answering, within the bound, and one it exits during', async () => {
    const talk = echo();
    await expect(talk.ask('1', (l) => l === 'never', 300)).rejects.toThrow(/did not answer "1" within 300 ms/);
    await talk.close();
    const quits = startConversation('host', ['sh', '-c', 'read -r l; echo half; exit 3']);
    await expect(quits.ask('1', (l) => l === 'never', 5_000)).rejects.toThrow(/exited with status 3 while it answered "1"/);
  });
});
