// The `lab` command (bin/lab.mjs). Exit status 0 on success, 1 on bad input or wrong usage.
// `lab kind` is loaded only when asked for: it pulls in the Kubernetes client, which `lab pcap` must not
// wait for.
import { KIND_USAGE } from './kind/usage.js';
import { PcapError } from './pcap/pcap-error.js';
import { readPcap } from './pcap/read.js';

const USAGE = `usage: lab manifests [DIR] [--json]
  What Cilium, Coil and Kubernetes would make of a folder of manifests (default manifests/), on the kind
  nodes of LAB_CLUSTER (default lab/kind/cluster.yaml): each node's speaker, peers and routes, each
  Service's IP, each pod's node, Coil's pool, the datapath, every note. A refusal is one line, exit 2.
usage: lab pcap FILE
  Prints each frame of a classic pcap capture as one JSON line:
  {"frame":1,"outer":{"src":"10.0.2.2","dst":"10.0.1.2","proto":17,"sport":40000,"dport":6081},"tcpFlags":2,
   "geneve":{"vni":2,"protocolType":25944,"options":[...]},"inner":{"src":"10.0.2.1","dst":"10.1.0.5","proto":6,...}}
  A frame without IPv4 prints {"frame":N,"ethertype":N}; a frame with a bad header also has "malformed".
${KIND_USAGE}`;

/**
 * Prints the frames of `file`. The file is read whole before anything is printed, so a file that is
 * cut short in the middle prints no frame, only the error.
 */
async function printPcap(file: string): Promise<void> {
  const frames = await readPcap(file);
  process.stdout.write(frames.map((frame) => `${JSON.stringify(frame)}\n`).join(''));
}

/** Runs `lab ARGS...`; resolves to the exit status. */
export async function main(args: readonly string[]): Promise<number> {
  const [command, file, ...extra] = args;
  if (command === 'manifests') {
    const { manifestsCommand } = await import('./manifests/cli.js');
    return manifestsCommand(args.slice(1), USAGE);
  }
  if (command === 'kind') {
    const { kindCommand } = await import('./kind/cli.js');
    return kindCommand(args.slice(1));
  }
  if (command !== 'pcap' || file === undefined || extra.length > 0) {
    process.stderr.write(USAGE);
    return 1;
  }
  try {
    await printPcap(file);
    return 0;
  } catch (error) {
    if (!(error instanceof PcapError)) throw error;
    process.stderr.write(`lab pcap: ${error.message}\n`);
    return 1;
  }
}
