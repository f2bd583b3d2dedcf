// Setup's fetch of the pinned GoBGP package, on archives made by the test (debian-archive.ts): a signed
// package is unpacked, an unsigned suite or a pool file that is not the one the signed index names is
// refused with nothing unpacked, and an archive that cannot be reached says so.
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { aptFailure } from '../lab/setup/apt-private.js';
import type { DebianPackagePin, SpeakerPin } from '../lab/gobgp/pin.js';
import { fetchPackage, ORIGIN_FILE } from '../lab/setup/fetch-package.js';
import { fetchSpeaker } from '../lab/setup/fetch-speaker.js';
import { makeArchive } from './debian-archive.js';
import { scratchDir } from './fixtures.js';

const PACKAGE = { name: 'gobgpd', version: '3.36.0-2+b3', suite: 'trixie' };
const FILES = ['usr/bin/gobgpd', 'usr/bin/gobgp'];

/**
 * A folder of the test's own, removed when that test ends (the tests run at once, so it must be the
 * test's own `onTestFinished`, from its context); the archive and the build go in it.
 */
function workspace({ onTestFinished }: TestContext): { dir: string; into: string; aptDir: string } {
  const dir = scratchDir('fetch-package-', { onTestFinished });
  return { dir, into: join(dir, 'build', 'gobgp'), aptDir: join(dir, 'build', 'apt') };
}

// Each test has its own archive and apt state, so they run at once: most of their time is gpg and apt.
describe.concurrent('fetching a pinned Debian package through a private apt', () => {
  it('unpacks the package the signed index names, records where it came from, and leaves no apt state', async (context) => {
    const { expect } = context;
    const { dir, into, aptDir } = workspace(context);
    const archive = makeArchive(dir, { ...PACKAGE, signed: true });
    const outcome = await fetchPackage(archive.pin, into, aptDir, FILES);
    expect(outcome.kind).toBe('unpacked');
    expect(readFileSync(join(into, 'usr/bin/gobgpd'), 'utf8')).toContain('echo "gobgpd version 3.36.0"');
    expect(JSON.parse(readFileSync(join(into, ORIGIN_FILE), 'utf8'))).toMatchObject({ name: 'gobgpd', version: '3.36.0-2+b3', suite: 'trixie' });
    expect(existsSync(aptDir)).toBe(false);

    const again = await fetchPackage(archive.pin, into, aptDir, FILES);
    expect(again.kind).toBe('already-unpacked');
  }, 30_000);

  it('refuses a suite that is not signed, and unpacks nothing', async (context) => {
    const { expect } = context;
    const { dir, into, aptDir } = workspace(context);
    const archive = makeArchive(dir, { ...PACKAGE, signed: false });
    const outcome = await fetchPackage(archive.pin, into, aptDir, FILES);
    expect(outcome).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/not signed/) });
    expect(existsSync(into)).toBe(false);
  }, 30_000);

  it('refuses a pool file that is not the one the signed index names, and unpacks nothing', async (context) => {
    const { expect } = context;
    const { dir, into, aptDir } = workspace(context);
    const archive = makeArchive(dir, { ...PACKAGE, signed: true });
    copyFileSync(archive.buildOther('tampered'), archive.poolFile);
    const outcome = await fetchPackage(archive.pin, into, aptDir, FILES);
    expect(outcome).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/Hash Sum mismatch|unexpected size/) });
    expect(existsSync(into)).toBe(false);
  }, 30_000);

  it('keeps what an earlier fetch unpacked when a later one is refused', async (context) => {
    const { expect } = context;
    const { dir, into, aptDir } = workspace(context);
    const archive = makeArchive(dir, { ...PACKAGE, signed: true });
    expect((await fetchPackage(archive.pin, into, aptDir, FILES)).kind).toBe('unpacked');
    rmSync(join(into, ORIGIN_FILE));
    copyFileSync(archive.buildOther('tampered'), archive.poolFile);
    expect((await fetchPackage(archive.pin, into, aptDir, FILES)).kind).toBe('refused');
    expect(readdirSync(join(into, 'usr/bin')).sort()).toEqual(['gobgp', 'gobgpd']);
    expect(readFileSync(join(into, 'usr/bin/gobgpd'), 'utf8')).toContain('# signed');
  }, 30_000);

  it('says the archive cannot be reached when nothing answers at its address, and unpacks nothing', async (context) => {
    const { expect } = context;
    const { dir, into, aptDir } = workspace(context);
    const archive = makeArchive(dir, { ...PACKAGE, signed: true });
    // Port 9 (discard) on the loopback: nothing listens, so the connection is refused at once.
    const outcome = await fetchPackage({ ...archive.pin, mirror: 'http://127.0.0.1:9/debian' }, into, aptDir, FILES);
    expect(outcome).toMatchObject({ kind: 'unreachable', reason: expect.stringMatching(/127\.0\.0\.1/) });
    expect(existsSync(into)).toBe(false);
  }, 30_000);

  it('says so when the suite has no such version', async (context) => {
    const { expect } = context;
    const { dir, into, aptDir } = workspace(context);
    const archive = makeArchive(dir, { ...PACKAGE, signed: true });
    const outcome = await fetchPackage({ ...archive.pin, version: '3.99.0-1' }, into, aptDir, FILES);
    expect(outcome).toMatchObject({ kind: 'unreachable', reason: expect.stringMatching(/trixie has no gobgpd=3\.99\.0-1/) });
    expect(existsSync(into)).toBe(false);
  }, 30_000);
});

describe("apt's failures, classified by what apt says", () => {
  const result = (stderr: string) => ({ command: ['apt-get'], exitCode: 100, stdout: '', stderr });
  it('a bad or missing signature or a hash mismatch is a refusal', () => {
    expect(aptFailure(result("E: The repository 'http://x trixie InRelease' is not signed.")).kind).toBe('refused');
    expect(aptFailure(result('W: GPG error: http://x trixie InRelease: NO_PUBKEY 6ED0E7B82643E131')).kind).toBe('refused');
    expect(aptFailure(result('E: Failed to fetch file:/x.deb  Hash Sum mismatch')).kind).toBe('refused');
  });
  it('no answer is unreachable, with apt\'s error line as the reason', () => {
    const failure = aptFailure(result('Err:1 http://x trixie InRelease\n  Temporary failure resolving \'x\'\nE: Failed to fetch http://x/dists/trixie/InRelease  Temporary failure resolving \'x\''));
    expect(failure).toEqual({ kind: 'unreachable', reason: "Failed to fetch http://x/dists/trixie/InRelease  Temporary failure resolving 'x'" });
  });
});

describe.concurrent("setup's line on the speaker's GoBGP", () => {
  const speakerPin = (debian: DebianPackagePin, into: string): SpeakerPin => ({ upstreamVersion: '3.36.0', debian, dir: into });

  it('names the fallback and what it costs when the archive cannot be reached', async (context) => {
    const { expect } = context;
    const { dir, into, aptDir } = workspace(context);
    const archive = makeArchive(dir, { ...PACKAGE, signed: true });
    const line = await fetchSpeaker(speakerPin({ ...archive.pin, mirror: 'http://127.0.0.1:9/debian' }, into), aptDir);
    expect(line).toMatch(/^could not fetch gobgpd 3\.36\.0-2\+b3 from Debian trixie \(.*127\.0\.0\.1.*\); the speaker will be the system's gobgpd .* about 8 s instead of 2 s$/);
    expect(line).not.toContain('\n');
  }, 30_000);

  it('says REFUSED, and that nothing was unpacked, for a package that is not the one the index names', async (context) => {
    const { expect } = context;
    const { dir, into, aptDir } = workspace(context);
    const archive = makeArchive(dir, { ...PACKAGE, signed: true });
    copyFileSync(archive.buildOther('tampered'), archive.poolFile);
    const line = await fetchSpeaker(speakerPin(archive.pin, into), aptDir);
    expect(line).toMatch(/^REFUSED gobgpd 3\.36\.0-2\+b3 from Debian trixie: .*; nothing was unpacked; the speaker will be the system's gobgpd/);
    expect(existsSync(into)).toBe(false);
  }, 30_000);

  it('names a missing keyring instead of asking apt', async (context) => {
    const { expect } = context;
    const { dir, into, aptDir } = workspace(context);
    const archive = makeArchive(dir, { ...PACKAGE, signed: true });
    const line = await fetchSpeaker(speakerPin({ ...archive.pin, keyring: join(dir, 'no-such-keyring.gpg') }, into), aptDir);
    expect(line).toMatch(/^could not fetch .* \(no archive keyring at .*no-such-keyring\.gpg \(Debian package debian-archive-keyring\)\)/);
  }, 30_000);
});
