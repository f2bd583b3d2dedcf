// `sudo npm run record-captures`: brings the netns fabric up and records, for the flow analysis's unit
// tests, what both servers' net0 received and sent while router0 sent requests to the VIP over both
// paths (L4 hash), one capture per direction: fixtures/pcap/directed/server{0,1}-net0-{in,out}.pcap.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flowsThroughServers, HASH_POLICY } from '../lab/checks/traffic.js';
import { NetnsFabric } from '../lab/netns/netns-fabric.js';
import { startNetnsFabric } from '../lab/netns/lifecycle.js';
import { repoRoot } from '../lab/util/paths.js';
import { freshPort } from '../lab/probes/http.js';
import { withSysctl } from '../lab/probes/sysctl.js';
import { Progress } from '../lab/run/progress.js';
import { serverNames } from '../lab/description/index.js';
import { readLab } from '../lab/description/index.js';

const t = readLab();

const progress = new Progress('record-captures');
const running = await startNetnsFabric(t, progress, { keep: false });
const dir = mkdtempSync(join(tmpdir(), 'captures-'));
try {
  const fabric = new NetnsFabric(running.description);
  const ports = Array.from({ length: 8 }, freshPort);
  await withSysctl(fabric.node(t.router.name), HASH_POLICY, '1', () => flowsThroughServers(fabric, t, dir, ports));
  const out = join(repoRoot, 'fixtures', 'pcap', 'directed');
  mkdirSync(out, { recursive: true });
  for (const server of serverNames(t)) for (const direction of ['in', 'out']) copyFileSync(join(dir, `${server}-net0-${direction}.pcap`), join(out, `${server}-net0-${direction}.pcap`));
  progress.stage(`recorded ${out}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  running.finish();
}
