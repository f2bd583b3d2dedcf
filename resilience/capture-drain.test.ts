// A capture must hold every packet its interface carried before the spec stopped it. tcpdump loses what
// the kernel queued for it and it has not read yet when SIGINT ends its loop, and does not count those as
// "dropped by kernel": on a busy machine the last replies of a spec's flows went missing that way, and a
// check judged a flow answered but absent from the captures. Made for real on a namespace of its own:
// tcpdump is paused (SIGSTOP, as a loaded machine deschedules it) while packets arrive and when the stop
// comes, and resumed 100 ms later; the pcap must hold them all.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { host } from '../lab/exec/command.js';
import { createNamespace, inNamespace } from '../lab/netns/namespaces.js';
import { runsRoot } from '../lab/util/paths.js';
import { readPcap } from '../lab/pcap/read.js';
import { startCapture } from '../lab/run/capture.js';
import { RunRecord } from '../lab/run/run-state.js';

const PINGS_BEFORE = 3;
const PINGS_WHILE_PAUSED = 20;

it('a capture stopped while tcpdump is descheduled holds every packet the interface carried', async () => {
  const run = RunRecord.create(runsRoot);
  try {
    const netns = run.namespaceName('capture');
    await createNamespace(run, netns, false);
    const ping = (count: number): Promise<unknown> => host.run([...inNamespace(netns), 'ping', '-q', '-c', String(count), '-i', '0.01', '127.0.0.1']);
    const capture = await startCapture(run.dir, inNamespace(netns), { node: 'router0', interface: 'lo', filter: ['icmp'], file: join(run.dir, 'lo.pcap') });
    const tcpdump = RunRecord.load(run.dir)!.state.processes.find((p) => p.name.startsWith('tcpdump'))!;

    await ping(PINGS_BEFORE);
    process.kill(tcpdump.pid, 'SIGSTOP');
    await ping(PINGS_WHILE_PAUSED);
    const stopped = capture.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(tcpdump.pid, 'SIGCONT');
    const frames = await readPcap(await stopped);

    // each ping is a request and a reply, each seen once on lo
    expect(frames.length, `${frames.length} frames in the pcap`).toBe(2 * (PINGS_BEFORE + PINGS_WHILE_PAUSED));
  } finally {
    run.teardownSync();
  }
});
