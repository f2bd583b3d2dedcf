// The BIRD config reader (lab/description/bird-config.ts) on the lab's own configs, where the expected
// sessions of the bgp spec come from, and on what it must refuse.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBirdConfig } from '../lab/description/bird-config.js';
import { BLOCK_EXPORT_TABLE } from '../lab/netns/pods.js';
import { birdConfigDir } from '../lab/util/paths.js';
import { topology } from './default-lab.js';
import { scratchDir } from './fixtures.js';

const conf = (node: string) => readBirdConfig(join(birdConfigDir, `${node}.conf`));
const session = { rrClient: false, multihop: false, passive: false };

/** A config written into a scratch folder, read. */
function read(text: string, files: Record<string, string> = {}) {
  const dir = scratchDir('bird-conf-');
  for (const [name, body] of Object.entries({ ...files, 'main.conf': text })) writeFileSync(join(dir, name), body);
  return readBirdConfig(join(dir, 'main.conf'), (p) => p.slice(dir.length + 1));
}

describe("the BIRD config reader, on the lab's configs", () => {
  it("reads router0's router id and its two route-reflector sessions, the template's options applied", () => {
    const router = conf('router0');
    expect(router.routerId).toBe('10.0.0.1');
    expect(router.sessions).toEqual([
      { protocol: 'server0', neighborAddress: '10.0.1.2', neighborAs: 65001, localAs: 65001, ...session, rrClient: true },
      { protocol: 'server1', neighborAddress: '10.0.2.2', neighborAs: 65001, localAs: 65001, ...session, rrClient: true },
    ]);
  });

  it("reads a server's session to router0 (its defined address, direct) and the passive multihop one for its Cilium speaker, through the include", () => {
    const server1 = conf('server1');
    expect(server1.routerId).toBe('10.0.2.2');
    expect(server1.sessions).toEqual([
      { protocol: 'cilium', neighborAddress: '127.0.0.1', neighborAs: 65002, localAs: 65001, ...session, multihop: true, passive: true },
      { protocol: 'router0', neighborAddress: '10.0.2.1', neighborAs: 65001, localAs: 65001, ...session },
    ]);
  });

  it(`gives each server's BIRD Coil's blocks from table ${BLOCK_EXPORT_TABLE} and the claimed VIP community to filter`, () => {
    for (const server of topology.servers) {
      expect(server.bird.kernelTables).toEqual([BLOCK_EXPORT_TABLE]);
      expect(server.bird.defines['CILIUM_LB_VIP']).toBe(`(${topology.service.community.join(',')})`);
    }
  });
});

describe('the BIRD config reader, on what it refuses or must not miss', () => {
  it('takes the defaults of the BIRD manual: iBGP multihop, eBGP direct; a disabled protocol is no session', () => {
    const c = read('protocol bgp a { local as 1; neighbor 10.0.0.2 as 1; }\nprotocol bgp b { local as 1; neighbor 10.0.0.3 as 2; }\nprotocol bgp c { disabled; local as 1; neighbor 10.0.0.4 as 2; }\n');
    expect(c.sessions.map((s) => [s.protocol, s.multihop])).toEqual([['a', true], ['b', false]]);
  });

  it('names file and line for a neighbor range, a protocol without local as, an undefined template, a missing include', () => {
    expect(() => read('protocol bgp x {\n  local as 1;\n  neighbor range 10.0.0.0/24 as 1;\n}\n')).toThrow('main.conf:3: protocol bgp x: neighbor range (dynamic BGP)');
    expect(() => read('protocol bgp x {\n  neighbor 10.0.0.2 as 1;\n}\n')).toThrow('main.conf:1: protocol bgp x has no local as');
    expect(() => read('protocol bgp x from t {\n  neighbor 10.0.0.2 as 1;\n}\n')).toThrow('main.conf:1: protocol x is made from template t, which is not defined before it');
    expect(() => read('include "other.conf";\n')).toThrow('main.conf: includes other.conf, which does not exist');
  });
});

describe('the BIRD config reader, on the forms of neighbor', () => {
  it('takes `neighbor ADDRESS internal` as a session within the local AS', () => {
    expect(read('protocol bgp a { local as 65001; neighbor 10.0.0.2 internal; }\n').sessions[0]).toMatchObject({ neighborAs: 65001, localAs: 65001, multihop: true });
  });
});
