// Part of `sudo npm run setup`: fetches the pinned GoBGP (lab/gobgp/pin.ts, Debian 13's gobgpd) into the
// build folder for the netns fabric's Cilium speaker, and says in one line what came of it. Never fails
// setup (lab/setup/fetch-speaker.ts).
import { GOBGP_PIN } from '../lab/gobgp/pin.js';
import { fetchSpeaker } from '../lab/setup/fetch-speaker.js';

process.stdout.write(`setup: ${await fetchSpeaker(GOBGP_PIN)}\n`);
