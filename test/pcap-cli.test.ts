// `lab pcap FILE` as a user runs it: bin/lab.mjs in a child process.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../lab/util/paths.js';
import { fixturePath, publicCapture } from './fixtures.js';

const lab = join(repoRoot, 'bin', 'lab.mjs');
const directory = mkdtempSync(join(tmpdir(), 'pcap-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function run(args: string[], cwd = repoRoot) {
  return execa('node', [lab, ...args], { cwd, reject: false, timeout: 20_000 });
}

const FRAME_KEYS = ['frame', 'ethertype', 'outer', 'tcpFlags', 'geneve', 'vxlan', 'inner', 'malformed'];
const ENDPOINT_KEYS = ['src', 'dst', 'proto', 'sport', 'dport'];

/** Expects the keys of `object` to be some of `order`, in that order, and nothing else. */
function expectKeysInOrder(object: object, order: string[]): void {
  expect(Object.keys(object)).toEqual(order.filter((key) => key in object));
}

describe.concurrent('lab pcap FILE', () => {
  it('prints one JSON object per frame, keys in the documented order', async () => {
    const { exitCode, stdout, stderr } = await run(['pcap', 'fixtures/pcap/dsr-server0-net0.pcap']);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    const lines = stdout.split('\n');
    expect(lines).toHaveLength(40);
    expect(lines[0]).toBe(
      '{"frame":1,"outer":{"src":"10.0.2.2","dst":"10.0.1.2","proto":17,"sport":56856,"dport":6081},"tcpFlags":2,' +
        '"geneve":{"vni":2,"protocolType":25944,"options":[{"class":331,"type":129,"length":2,"data":"14010a0200500000"}]},' +
        '"inner":{"src":"10.0.2.1","dst":"10.1.0.1","proto":6,"sport":20001,"dport":8080}}',
    );
    expect(lines[1]).toBe('{"frame":2,"outer":{"src":"20.1.10.2","dst":"10.0.2.1","proto":6,"sport":80,"dport":20001},"tcpFlags":18}');
    for (const [index, line] of lines.entries()) {
      const frame = JSON.parse(line) as { frame: number; outer: object; inner?: object };
      expect(frame.frame).toBe(index + 1);
      expectKeysInOrder(frame, FRAME_KEYS);
      expectKeysInOrder(frame.outer, ENDPOINT_KEYS);
      expectKeysInOrder(frame.inner ?? {}, ENDPOINT_KEYS);
    }
  });

  it('prints the same from any directory', async () => {
    const fromRepo = await run(['pcap', 'fixtures/pcap/dsr-server1-net0.pcap']);
    const fromElsewhere = await run(['pcap', fixturePath('pcap/dsr-server1-net0.pcap')], tmpdir());
    expect(fromElsewhere.exitCode).toBe(0);
    expect(fromElsewhere.stdout).toBe(fromRepo.stdout);
  });

  it('prints a frame without IPv4 as its ethertype', async () => {
    const { stdout } = await run(['pcap', publicCapture('vxlan.pcap')]);
    expect(stdout.split('\n')[1]).toBe(
      '{"frame":2,"outer":{"src":"192.168.202.1","dst":"192.168.203.1","proto":17,"sport":42710,"dport":4789},"vxlan":{"vni":100}}',
    );
  });
});

describe.concurrent('lab pcap on bad input', () => {
  async function expectFailure(args: string[], message: string): Promise<void> {
    const { exitCode, stdout, stderr } = await run(args);
    expect({ exitCode, stdout }).toEqual({ exitCode: 1, stdout: '' });
    expect(stderr).toBe(`lab pcap: ${message}`);
  }

  it('exits 1 with one line naming a missing file', async () => {
    await expectFailure(['pcap', 'fixtures/pcap/nothing-here.pcap'], 'fixtures/pcap/nothing-here.pcap: no such file');
  });

  it('exits 1 with one line on pcapng', async () => {
    const file = publicCapture('bgp-shutdown-communication.pcapng');
    await expectFailure(
      ['pcap', file],
      `${file}: pcapng is not supported, only classic pcap with microsecond timestamps ` +
        '(Wireshark, dumpcap and tshark write it; capture with tcpdump -w, or convert with editcap -F pcap IN OUT)',
    );
  });

  it('prints no frame of a file cut short midway, only the error', async () => {
    const cut = join(directory, 'cut.pcap');
    writeFileSync(cut, readFileSync(fixturePath('pcap/dsr-server0-net0.pcap')).subarray(0, 1000));
    await expectFailure(
      ['pcap', cut],
      `${cut}: the file ends inside frame 6 (after 5 whole frames): 299 of its 303 bytes are there (was the file copied while tcpdump was still writing it?)`,
    );
  });

  it('prints the usage and exits 1 without a subcommand, with an unknown one, or without exactly one file', async () => {
    for (const args of [[], ['capture', 'x.pcap'], ['pcap'], ['pcap', 'a.pcap', 'b.pcap']]) {
      const { exitCode, stdout, stderr } = await run(args);
      expect({ exitCode, stdout }).toEqual({ exitCode: 1, stdout: '' });
      expect(stderr).toMatch(/^usage: lab manifests \[DIR\] \[--json\]\n[\s\S]*\nusage: lab pcap FILE\n/);
    }
  });
});
