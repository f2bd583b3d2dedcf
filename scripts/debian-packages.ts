// Prints the Debian packages the netns fabric needs, one per line, for scripts/setup.sh.
import { NETNS_REQUIREMENTS } from '../lab/preflight.js';

process.stdout.write(`${[...new Set(NETNS_REQUIREMENTS.map((r) => r.debianPackage))].join('\n')}\n`);
