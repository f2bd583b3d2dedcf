// `lab` with a build older than lab/: it must not run that build (which would print what older sources
// print, silently), but compile lab/ at start as before, print the right frames, and say in one line on
// stderr why it was slow and how to make it fast.
import { afterAll, describe, expect, it } from 'vitest';
import { cliTree, COMPILE_AT_START, STALE_BUILD_RAN } from './cli-tree.js';
import { fixturePath } from './fixtures.js';

const tree = cliTree('stale');
afterAll(() => tree.remove());

describe('bin/lab.mjs with a stale build', () => {
  it('compiles lab/ at start, says so in one line on stderr, and prints the frames', { timeout: 30_000 }, async () => {
    const { exitCode, stdout, stderr } = await tree.run(['pcap', fixturePath('pcap/dsr-server1-net0.pcap')]);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: COMPILE_AT_START.stale });
    expect(stdout).not.toContain(STALE_BUILD_RAN);
    const lines = stdout.split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe('{"frame":1,"outer":{"src":"10.0.2.1","dst":"20.1.10.2","proto":6,"sport":20001,"dport":80},"tcpFlags":2}');
    expect(lines[1]).toBe(
      '{"frame":2,"outer":{"src":"10.0.2.2","dst":"10.0.1.2","proto":17,"sport":56856,"dport":6081},"tcpFlags":2,' +
        '"geneve":{"vni":2,"protocolType":25944,"options":[{"class":331,"type":129,"length":2,"data":"14010a0200500000"}]},' +
        '"inner":{"src":"10.0.2.1","dst":"10.1.0.1","proto":6,"sport":20001,"dport":8080}}',
    );
  });
});
