// The convergence wait is decided by what the daemons say, never by timing. A Cilium speaker that dials
// within a second may reach its node before BIRD listens; its dial is refused, it retries on its own, and
// the wait must see the session come up within its bound. Made for real on a running fabric: server1's
// BIRD and speaker are stopped, a new speaker starts while nothing listens on port 179 (the kernel counts
// its refused dials), and only then BIRD starts again. waitForConvergence throws past its bound.
import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { waitForConvergence } from '../lab/fabric/converge.js';
import { startBird } from '../lab/netns/bird.js';
import { bringUpNetns } from '../lab/netns/bring-up.js';
import { NetnsFabric } from '../lab/netns/netns-fabric.js';
import { launchSpeaker } from '../lab/netns/gobgp.js';
import { readNetnsPlan } from '../lab/netns/manifest-plan.js';
import { pollUntil } from '../lab/util/poll.js';
import { preflightNetns } from '../lab/netns/preflight.js';
import { tcpCounters } from '../lab/probes/tcp-counters.js';
import { Progress } from '../lab/run/progress.js';
import { startFabricRun } from '../lab/run/start.js';
import { readLab } from '../lab/description/index.js';
import { server } from '../lab/description/index.js';
import { netnsOf } from '../lab/netns/description.js';

const topology = readLab();

const SERVER = 'server1';

it('a speaker whose first dial is refused because BIRD is not listening yet converges through its own retry, within the bound', async () => {
  const progress = new Progress('speaker-retry', () => {});
  let refusedDials = 0;
  let reconvergedMs = 0;
  const running = await startFabricRun(progress, { keep: false, whenKept: () => '' }, async (run) => {
    const speaker = await preflightNetns();
    const plan = readNetnsPlan(topology);
    const description = await bringUpNetns(topology, plan, run, progress, speaker);
    const fabric = new NetnsFabric(description);
    await waitForConvergence(fabric, topology, progress);

    const netns = netnsOf(description, SERVER);
    const node = fabric.node(SERVER);
    run.stopProcess(`bird ${SERVER}`);
    run.stopProcess(`gobgpd ${SERVER}`);
    const before = (await tcpCounters(node))['AttemptFails']!;
    const launch = description.speaker.launches[SERVER]!;
    await launchSpeaker(run, SERVER, launch, netns, speaker.gobgp);
    await pollUntil({
      what: `the new speaker on ${SERVER} dials BIRD and is refused`,
      timeoutMs: 10_000,
      intervalMs: 50,
      check: async () => {
        refusedDials = (await tcpCounters(node))['AttemptFails']! - before;
        return { done: refusedDials > 0, seen: `${refusedDials} refused dials` };
      },
    });

    startBird(run, SERVER, server(topology, SERVER).bird.file, netns);
    const started = performance.now();
    await waitForConvergence(fabric, topology, progress);
    reconvergedMs = performance.now() - started;
    return description;
  });
  running.finish();

  expect(refusedDials).toBeGreaterThan(0);
  process.stderr.write(`speaker-retry: ${refusedDials} refused dial(s), converged ${(reconvergedMs / 1000).toFixed(2)} s after BIRD started\n`);
});
