// `sudo npm run record-fixtures`: brings the netns fabric up and records what the parsers read into
// fixtures/ for the unit tests: right after start (sessions still connecting), converged, and with
// sessions shut (router0's BIRD session to server1 disabled, server0's GoBGP neighbor disabled).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForConvergence } from '../lab/fabric/converge.js';
import { guardExit } from '../lab/run/exit-guard.js';
import { bringUpNetns } from '../lab/netns/bring-up.js';
import { NetnsFabric } from '../lab/netns/netns-fabric.js';
import { readNetnsPlan } from '../lab/netns/manifest-plan.js';
import { gobgpCli } from '../lab/netns/gobgp.js';
import { host } from '../lab/exec/command.js';
import { repoRoot, runsRoot } from '../lab/util/paths.js';
import { preflightNetns } from '../lab/netns/preflight.js';
import { Progress } from '../lab/run/progress.js';
import { RunRecord } from '../lab/run/run-state.js';
import { readLab } from '../lab/description/index.js';
import { nodeIp, nodeNames, serverNames } from '../lab/description/index.js';
import { netnsOf } from '../lab/netns/description.js';

const topology = readLab();

const speaker = await preflightNetns();
const run = RunRecord.create(runsRoot);
const guard = guardExit(() => run.teardownSync());
const progress = new Progress('record-fixtures');
const description = await bringUpNetns(topology, readNetnsPlan(topology), run, progress, speaker);
const fabric = new NetnsFabric(description);

async function record(stage: string): Promise<void> {
  const write = (dir: string, name: string, text: string): void => {
    mkdirSync(join(repoRoot, 'fixtures', dir), { recursive: true });
    writeFileSync(join(repoRoot, 'fixtures', dir, `${stage}-${name}`), text);
  };
  for (const node of nodeNames(topology)) {
    write('bird', `${node}-show-protocols.txt`, await fabric.birdc(node, ['show', 'protocols']));
    write('bird', `${node}-show-protocols-all.txt`, await fabric.birdc(node, ['show', 'protocols', 'all']));
    write('bird', `${node}-show-route-all.txt`, await fabric.birdc(node, ['show', 'route', 'all']));
    write('iproute', `${node}-ip-j-route.json`, (await fabric.node(node).run(['ip', '-j', 'route', 'show', 'table', 'main'])).stdout);
  }
  for (const server of serverNames(topology)) {
    const neighbors = await host.run([...gobgpCli(netnsOf(description, server), speaker.gobgp), 'neighbor', '-j']);
    write('gobgp', `${server}-neighbor-j.json`, neighbors.stdout);
  }
  progress.stage(`recorded the ${stage} fixtures`);
}

await record('starting');
await waitForConvergence(fabric, topology, progress);
await record('converged');
await fabric.birdc(topology.router.name, ['disable', topology.router.bird.sessions.find((s) => s.neighborAddress === nodeIp(topology, 'server1'))!.protocol]);
await host.run([...gobgpCli(netnsOf(description, 'server0'), speaker.gobgp), 'neighbor', '127.0.0.1', 'disable']);
await record('disabled');
guard.cleanupNow();
