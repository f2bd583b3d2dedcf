// `npm run down`: takes down the fabrics LAB_KEEP=1 left up and whatever crashed runs left behind.
import { downAll } from '../lab/run/runs.js';
import { checkRoot } from '../lab/netns/preflight.js';

checkRoot();
const removed = downAll();
process.stdout.write(removed.length > 0 ? `took down ${removed.join(', ')}\n` : 'nothing to take down\n');
