// Part of `sudo npm run setup`: fetches the pinned GoBGP (lab/gobgp/pin.ts, Debian 13's gobgpd) into
// the build folder for the netns fabric's Cilium speaker, through a private apt that checks the Debian
// archive's signature. Never fails setup: where the archive cannot be reached, or what came is refused,
// it says so in one line and the fabric uses the system's gobgpd instead.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GOBGP_PIN } from '../lab/gobgp/pin.js';
import { repoRoot } from '../lab/paths.js';
import { fetchPackage, type FetchOutcome } from '../lab/setup/fetch-package.js';

const pin = GOBGP_PIN;
const spec = `${pin.debian.name} ${pin.debian.version} from Debian ${pin.debian.suite}`;
const into = relative(repoRoot, pin.dir);
const fallback = "the speaker will be the system's gobgpd (Debian 12's 3.10), and bring-up will take about 8 s instead of 2 s";

async function fetchOutcome(): Promise<FetchOutcome> {
  if (!existsSync('/usr/bin/apt-get')) return { kind: 'unreachable', reason: 'this host has no apt-get' };
  if (!existsSync(pin.debian.keyring)) {
    return { kind: 'unreachable', reason: `no Debian archive keyring at ${pin.debian.keyring} (Debian package debian-archive-keyring)` };
  }
  return fetchPackage(pin.debian, pin.dir, join(repoRoot, '.build', `apt-${pin.debian.suite}`), ['usr/bin/gobgpd', 'usr/bin/gobgp']);
}

function describe(outcome: FetchOutcome): string {
  switch (outcome.kind) {
    case 'unpacked':
      return `GoBGP ${pin.upstreamVersion} for the speaker: ${spec}, its signed index and SHA256 ${outcome.sha256.slice(0, 16)}… checked, unpacked into ${into}`;
    case 'already-unpacked':
      return `GoBGP ${pin.upstreamVersion} for the speaker is already in ${into}`;
    case 'unreachable':
      return `could not fetch ${spec} (${outcome.reason}); ${fallback}`;
    case 'refused':
      return `REFUSED ${spec}: ${outcome.reason}; nothing was unpacked; ${fallback}`;
  }
}

process.stdout.write(`setup: ${describe(await fetchOutcome())}\n`);
