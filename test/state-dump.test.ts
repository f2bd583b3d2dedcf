// What a failing conformance test keeps of the fabric's state: one file per command on every node, the
// fabric's own files beside them, and a line saying so where a command did not answer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fabric } from '../lab/fabric/fabric-contract.js';
import { programMapIds, tcProgramIds } from '../lab/netns/fabric-state.js';
import { dumpState } from '../lab/fabric/state-dump.js';
import { topology } from './default-lab.js';
import { scratchDir } from './fixtures.js';

describe('the state dump of a failing test', () => {
  it('writes BIRD, routes and rules of every node and the fabric own state, and says where a command gave no answer', async () => {
    const dir = scratchDir('state-');
    const fabric = {
      lab: topology,
      birdc: async (node: string, args: readonly string[]) => {
        if (node === 'server1') throw new Error('server1 birdc: connection refused');
        return `${node} ${args.join(' ')}\n`;
      },
      node: (node: string) => ({ where: node, run: async (argv: readonly string[]) => ({ command: argv, exitCode: 0, stdout: `${node} ${argv.join(' ')}\n`, stderr: '' }) }),
      fabricState: async () => ({ 'server0-gobgp-neighbor.txt': 'neighbors\n' }),
    } as unknown as Fabric;
    await dumpState(fabric, dir);
    expect(readdirSync(dir).sort()).toEqual([
      'router0-birdc-show-protocols-all.txt', 'router0-birdc-show-route-all.txt', 'router0-ip-route.txt', 'router0-ip-rule.txt',
      'server0-birdc-show-protocols-all.txt', 'server0-birdc-show-route-all.txt', 'server0-gobgp-neighbor.txt', 'server0-ip-route.txt', 'server0-ip-rule.txt',
      'server1-birdc-show-protocols-all.txt', 'server1-birdc-show-route-all.txt', 'server1-ip-route.txt', 'server1-ip-rule.txt',
    ]);
    expect(readFileSync(join(dir, 'router0-ip-route.txt'), 'utf8')).toBe('$ ip route show table all\n(exit 0)\nrouter0 ip route show table all\n');
    expect(readFileSync(join(dir, 'server1-birdc-show-route-all.txt'), 'utf8')).toBe('(no answer: server1 birdc: connection refused)\n');
  });

  it("finds the load balancer's programs in tc's output and their maps in bpftool's", () => {
    const tc = 'filter protocol all pref 49152 bpf chain 0 handle 0x1 lb_dsr.o:[tc/ingress] direct-action not_in_hw id 4679 name lb_ingress tag 3f7c4d7c9f3fea69 jited\n';
    expect(tcProgramIds(tc)).toEqual([4679]);
    expect(programMapIds('{"id":4679,"type":"sched_cls","name":"lb_ingress","map_ids":[2313,2314]}')).toEqual([2313, 2314]);
    expect(programMapIds('Error: get by id (4679): No such file or directory')).toEqual([]);
  });
});
