// Prints the Debian packages the netns fabric needs to run, to build its datapath and to run its unit
// tests, one per line, for scripts/setup.sh. The system's gobgpd is the speaker's fallback: the pinned
// GoBGP comes from scripts/fetch-gobgp.ts, into the build folder, not from the system's apt.
import { BUILD_PACKAGES, NETNS_REQUIREMENTS, SPEAKER_FALLBACK_PACKAGES, TEST_PACKAGES } from '../lab/netns/preflight.js';

const packages = new Set([...NETNS_REQUIREMENTS.map((r) => r.debianPackage), ...SPEAKER_FALLBACK_PACKAGES, ...BUILD_PACKAGES, ...TEST_PACKAGES]);
process.stdout.write(`${[...packages].join('\n')}\n`);
