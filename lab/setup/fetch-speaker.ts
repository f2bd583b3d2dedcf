// Setup's step for the speaker's GoBGP: fetch the pinned package (fetch-package.ts) and say in one line
// what came of it. Never fails setup: where the archive cannot be reached, or what came is refused, the
// line says so and what the fabric will run instead (lab/gobgp/speaker-binaries.ts picks it).
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SpeakerPin } from '../gobgp/pin.js';
import { repoRoot } from '../util/paths.js';
import { fetchPackage, type FetchOutcome } from './fetch-package.js';

const FALLBACK = "the speaker will be the system's gobgpd (Debian 12's 3.10), and bring-up will take about 8 s instead of 2 s";

async function fetchOutcome(pin: SpeakerPin, aptDir: string): Promise<FetchOutcome> {
  if (!existsSync('/usr/bin/apt-get')) return { kind: 'unreachable', reason: 'this host has no apt-get' };
  if (!existsSync(pin.debian.keyring)) {
    return { kind: 'unreachable', reason: `no archive keyring at ${pin.debian.keyring} (Debian package debian-archive-keyring)` };
  }
  return fetchPackage(pin.debian, pin.dir, aptDir, ['usr/bin/gobgpd', 'usr/bin/gobgp']);
}

/** What a fetch of `pin` came to, as setup's one line. */
export function describeFetch(pin: SpeakerPin, outcome: FetchOutcome): string {
  const spec = `${pin.debian.name} ${pin.debian.version} from Debian ${pin.debian.suite}`;
  const into = relative(repoRoot, pin.dir);
  switch (outcome.kind) {
    case 'unpacked':
      return `GoBGP ${pin.upstreamVersion} for the speaker: ${spec}, its signed index and SHA256 ${outcome.sha256.slice(0, 16)}… checked, unpacked into ${into}`;
    case 'already-unpacked':
      return `GoBGP ${pin.upstreamVersion} for the speaker is already in ${into}`;
    case 'unreachable':
      return `could not fetch ${spec} (${outcome.reason}); ${FALLBACK}`;
    case 'refused':
      return `REFUSED ${spec}: ${outcome.reason}; nothing was unpacked; ${FALLBACK}`;
  }
}

/** Fetches the speaker's GoBGP into `pin.dir`, with apt's private state in `aptDir`; resolves with setup's line. */
export async function fetchSpeaker(pin: SpeakerPin, aptDir = join(repoRoot, '.build', `apt-${pin.debian.suite}`)): Promise<string> {
  return describeFetch(pin, await fetchOutcome(pin, aptDir));
}
