// Prints the Debian packages the netns fabric needs to run and to build its datapath, one per line, for
// scripts/setup.sh.
import { BUILD_PACKAGES, NETNS_REQUIREMENTS } from '../lab/preflight.js';

const packages = new Set([...NETNS_REQUIREMENTS.map((r) => r.debianPackage), ...BUILD_PACKAGES]);
process.stdout.write(`${[...packages].join('\n')}\n`);
