// Fetches one pinned Debian package through a private apt (apt-private.ts), checks it, and unpacks it
// into a folder of the project, all or nothing. apt checks the suite's InRelease signature against the
// pin's keyring and the file's SHA256 against the signed index; this code checks again, on the file it
// is about to unpack, that its hash is the index's and that it is the package and version pinned. A
// refused or failed fetch leaves the folder as it was: nothing is unpacked.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../exec/command.js';
import type { DebianPackagePin } from '../gobgp/pin.js';
import { aptFailure, privateApt, runApt, type AptFailure } from './apt-private.js';

/** What a fetch did. */
export type FetchOutcome =
  | { readonly kind: 'unpacked' | 'already-unpacked'; readonly dir: string; readonly sha256: string }
  | AptFailure;

/** Written beside what was unpacked: which package it came from. Example: {"name":"gobgpd","version":"3.36.0-2+b3","suite":"trixie","sha256":"7a32..."} */
export interface UnpackedOrigin {
  readonly name: string;
  readonly version: string;
  readonly suite: string;
  readonly sha256: string;
}

export const ORIGIN_FILE = 'origin.json';

export function readOrigin(dir: string): UnpackedOrigin | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, ORIGIN_FILE), 'utf8')) as UnpackedOrigin;
  } catch {
    return undefined;
  }
}

/** The value of `field` in an apt-cache show record, e.g. "SHA256". */
function recordField(record: string, field: string): string | undefined {
  return new RegExp(`^${field}: (.+)$`, 'm').exec(record)?.[1]?.trim();
}

function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

const refused = (reason: string): AptFailure => ({ kind: 'refused', reason });

/**
 * Fetches `pin` into `into` (e.g. .build/gobgp), using `aptDir` for apt's private state, and checks
 * that `expectFiles` (paths inside the package, e.g. usr/bin/gobgpd) are in it.
 */
export async function fetchPackage(
  pin: DebianPackagePin,
  into: string,
  aptDir: string,
  expectFiles: readonly string[],
): Promise<FetchOutcome> {
  const origin = readOrigin(into);
  if (origin?.name === pin.name && origin.version === pin.version && expectFiles.every((f) => existsSync(join(into, f)))) {
    return { kind: 'already-unpacked', dir: into, sha256: origin.sha256 };
  }
  rmSync(aptDir, { recursive: true, force: true });
  const apt = privateApt(pin, aptDir);
  try {
    const update = await runApt(apt, 'apt-get', ['-q', 'update']);
    if (update.exitCode !== 0) return aptFailure(update);
    const spec = `${pin.name}=${pin.version}`;
    const show = await runApt(apt, 'apt-cache', ['show', spec]);
    const sha256 = recordField(show.stdout, 'SHA256');
    const filename = recordField(show.stdout, 'Filename');
    if (show.exitCode !== 0 || !sha256 || !filename) {
      return { kind: 'unreachable', reason: `${pin.suite} has no ${spec}: ${aptFailure(show).reason}` };
    }
    const download = await runApt(apt, 'apt-get', ['-q', 'download', spec], aptDir);
    if (download.exitCode !== 0) return aptFailure(download);
    const deb = join(aptDir, filename.split('/').at(-1)!);
    if (!existsSync(deb)) return refused(`apt-get download reported success but ${deb} is not there`);
    const actual = sha256Of(deb);
    if (actual !== sha256) return refused(`${deb} has SHA256 ${actual}, the signed index says ${sha256}`);
    const fields = await runCommand('host', ['dpkg-deb', '--field', deb, 'Package', 'Version'], { allowFailure: true });
    const wanted = `Package: ${pin.name}\nVersion: ${pin.version}`;
    if (fields.exitCode !== 0 || fields.stdout.trim() !== wanted) {
      return refused(`${deb} is not ${spec}: dpkg-deb says ${JSON.stringify(fields.stdout.trim() || fields.stderr.trim())}`);
    }
    const staging = join(aptDir, 'unpacked');
    const unpack = await runCommand('host', ['dpkg-deb', '--extract', deb, staging], { allowFailure: true });
    if (unpack.exitCode !== 0) return refused(`dpkg-deb could not unpack ${deb}: ${unpack.stderr.trim()}`);
    const absent = expectFiles.filter((f) => !existsSync(join(staging, f)));
    if (absent.length > 0) return refused(`${spec} has no ${absent.join(', ')}`);
    const record: UnpackedOrigin = { name: pin.name, version: pin.version, suite: pin.suite, sha256 };
    writeFileSync(join(staging, ORIGIN_FILE), `${JSON.stringify(record)}\n`);
    rmSync(into, { recursive: true, force: true });
    renameSync(staging, into);
    return { kind: 'unpacked', dir: into, sha256 };
  } finally {
    rmSync(aptDir, { recursive: true, force: true });
  }
}
