// The one place that says which GoBGP the netns fabric runs as each server's Cilium speaker, and where
// `sudo npm run setup` puts it. Debian 13's gobgpd 3.36 is one minor from the GoBGP v3.37 that Cilium's
// go.mod vendors, and like it dials its peer within 1-2 s: from GoBGP v3.35.0 on, pkg/server/fsm.go's
// connectLoop has minConnectRetryInterval = 1 and waits a random 1-2 s before the first dial, then
// connect-retry..2x that between dials. Up to v3.34.0 the minimum was 5, so Debian 12's 3.10 waits 5-9 s
// before its first dial: that wait was almost all of the fabric's bring-up time.
import { join } from 'node:path';
import { repoRoot } from '../util/paths.js';

/** A Debian binary package fetched at an exact version from a suite the host's apt does not list. */
export interface DebianPackagePin {
  /** e.g. "gobgpd" */
  readonly name: string;
  /** the Debian version, e.g. "3.36.0-2+b3" */
  readonly version: string;
  /** the suite that has it, e.g. "trixie" (Debian 13) */
  readonly suite: string;
  /** e.g. "http://deb.debian.org/debian" */
  readonly mirror: string;
  /** the keyring the suite's InRelease must be signed with, e.g. Debian's archive keyring */
  readonly keyring: string;
}

/** The speaker's GoBGP: its upstream version, the Debian package that carries it, and where it lands. */
export interface SpeakerPin {
  /** what `gobgpd --version` prints for it, e.g. "3.36.0" */
  readonly upstreamVersion: string;
  readonly debian: DebianPackagePin;
  /** where setup unpacks the package: the binaries are `<dir>/usr/bin/gobgpd` and `gobgp` */
  readonly dir: string;
}

export const GOBGP_PIN: SpeakerPin = {
  upstreamVersion: '3.36.0',
  debian: {
    name: 'gobgpd',
    version: '3.36.0-2+b3',
    suite: 'trixie',
    mirror: 'http://deb.debian.org/debian',
    keyring: '/usr/share/keyrings/debian-archive-keyring.gpg',
  },
  dir: join(repoRoot, '.build', 'gobgp'),
};

/** The GoBGP major version whose CLI and config the fabric speaks. */
export const GOBGP_MAJOR = 3;
