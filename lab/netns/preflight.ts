// What the netns fabric needs from the host, checked before anything is created, with errors that say
// how to get it.
import { existsSync } from 'node:fs';
import { findOnPath } from '../exec/find-on-path.js';
import { PreflightError } from '../util/errors.js';
import { resolveSpeaker, type SpeakerBinaries } from '../gobgp/speaker-binaries.js';
import { checkDatapathBuilt } from './datapath.js';

export interface Requirement {
  readonly binary: string;
  readonly debianPackage: string;
}

export const NETNS_REQUIREMENTS: readonly Requirement[] = [
  { binary: 'ip', debianPackage: 'iproute2' },
  { binary: 'nsenter', debianPackage: 'util-linux' },
  { binary: 'sysctl', debianPackage: 'procps' },
  { binary: 'bird', debianPackage: 'bird2' },
  { binary: 'birdc', debianPackage: 'bird2' },
  { binary: 'ping', debianPackage: 'iputils-ping' },
  { binary: 'curl', debianPackage: 'curl' },
  { binary: 'tcpdump', debianPackage: 'tcpdump' },
  { binary: 'tc', debianPackage: 'iproute2' },
  { binary: 'unshare', debianPackage: 'util-linux' },
  { binary: 'bpftool', debianPackage: 'bpftool' },
];

/**
 * The system's GoBGP: the speaker's fallback where setup could not fetch the pinned one into the build
 * folder (lab/gobgp/pin.ts). Installed by setup; which one runs is decided by lab/gobgp/speaker-binaries.ts.
 */
export const SPEAKER_FALLBACK_PACKAGES: readonly string[] = ['gobgpd'];

/** What `npm run build:bpf` needs (libbpf-dev brings the BPF helper headers), installed by the set-up command. */
export const BUILD_PACKAGES: readonly string[] = ['clang', 'llvm', 'gcc', 'libbpf-dev'];

/** What the unit tests of setup's package fetch need: gpg signs their test archive (test/fetch-package.test.ts). */
export const TEST_PACKAGES: readonly string[] = ['gpg'];

export function missingBinaries(requirements: readonly Requirement[], path = process.env.PATH ?? ''): Requirement[] {
  return requirements.filter((r) => findOnPath(r.binary, path) === undefined);
}

export function checkRoot(uid = process.getuid?.()): void {
  if (uid !== 0) {
    throw new PreflightError(
      'the netns fabric must run as root: it creates network namespaces, veth links and routes, loads BPF ' +
        'programs, and runs BIRD and GoBGP inside them. Run `sudo npm test` (unit tests alone: `npm run test:unit`).',
    );
  }
}

export function checkBinaries(requirements: readonly Requirement[], path = process.env.PATH ?? ''): void {
  const missing = missingBinaries(requirements, path);
  if (missing.length > 0) {
    const packages = [...new Set(missing.map((r) => r.debianPackage))];
    throw new PreflightError(
      `missing ${missing.map((r) => `${r.binary} (Debian package ${r.debianPackage})`).join(', ')}. ` +
        `Install with \`sudo npm run setup\`, or \`sudo apt-get install ${packages.join(' ')}\`.`,
    );
  }
}

/** Checks the host for the netns fabric; resolves with the speaker's binaries, which it names. */
export async function preflightNetns(): Promise<SpeakerBinaries> {
  checkRoot();
  checkBinaries(NETNS_REQUIREMENTS);
  const kernel: [string, string][] = [
    ['/proc/self/ns/net', 'network namespaces (CONFIG_NET_NS)'],
    ['/proc/sys/net/ipv4/fib_multipath_hash_policy', 'IPv4 multipath routing (CONFIG_IP_ROUTE_MULTIPATH)'],
  ];
  const absent = kernel.filter(([path]) => !existsSync(path)).map(([, feature]) => feature);
  if (absent.length > 0) throw new PreflightError(`this kernel lacks ${absent.join(' and ')}, which the netns fabric needs`);
  checkDatapathBuilt();
  return resolveSpeaker();
}
