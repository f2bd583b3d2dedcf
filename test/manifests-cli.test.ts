// `lab manifests` as a user runs it, from the build: what the reader concluded, as text and JSON, on the
// lab's manifests and on a folder given as an argument; a refusal is one line and exit status 2.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestsWith } from '../lab/controls/mistakes.js';
import { repoRoot } from '../lab/util/paths.js';
import { rmSync } from 'node:fs';

const lab = (...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin', 'lab.mjs'), 'manifests', ...args], { cwd: repoRoot, encoding: 'utf8' });

describe('lab manifests', () => {
  it("prints, as JSON, each speaker's peers and routes, each Service's IP and each pod's node, for manifests/", () => {
    const run = lab('--json');
    expect(run.status).toBe(0);
    const view = JSON.parse(run.stdout);
    expect(view.speakers.map((s: { node: string; asn: number }) => [s.node, s.asn])).toEqual([['bgpv2-bird-coil-control-plane', 65002], ['bgpv2-bird-coil-worker', 65002]]);
    expect(view.speakers[1].peers[0]).toMatchObject({ address: '127.0.0.1', asn: 65001, routes: [{ prefix: '20.1.10.2/32', communities: ['65000:300'], localPreference: null }] });
    expect(view.services).toEqual([{ namespace: 'tenant-green', name: 'lb-service-green', ip: '20.1.10.2' }]);
    expect(view.pods).toContainEqual({ namespace: 'default', name: 'ubuntu-worker', node: 'bgpv2-bird-coil-worker' });
    expect(view.notes).toEqual([]);
  });

  it('says why a Service has no IP, on a folder given as an argument, as text', () => {
    const dir = manifestsWith([{ file: 'lb-pool.yaml', from: 'values: [green]', to: 'values: [blue]' }]);
    try {
      const run = lab(dir);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/\n {2}tenant-green\/lb-service-green: no IP: .*\n/);
      expect(run.stdout).toMatch(/advertises nothing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses what the reader refuses in its one line, with exit status 2", () => {
    const dir = manifestsWith([{ file: 'cilium-bgp.yaml', from: 'peerASN: 65001', to: 'peerAsn: 65001' }]);
    try {
      const run = lab(dir, '--json');
      expect([run.status, run.stdout]).toEqual([2, '']);
      expect(run.stderr).toMatch(/^lab manifests: \S+cilium-bgp\.yaml: CiliumBGPClusterConfig cilium-bgp: .*peerAsn is not a field of CiliumBGPClusterConfig: did you mean `peerASN`\?.*\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
