// A small Debian archive on disk, made the way Debian's is (a pool, a Packages index, a Release file with
// its hash, an InRelease signed with a key of the test's own), for the tests of setup's package fetch:
// signed or not, and with a pool file that can be swapped for another after the index was signed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DebianPackagePin } from '../lab/gobgp/pin.js';

/** An archive made by `makeArchive`. */
export interface TestArchive {
  /** a pin of the archive's one package, at `file:` URI of the archive, trusting the test's key */
  readonly pin: DebianPackagePin;
  /** the pool file apt will fetch */
  readonly poolFile: string;
  /** builds another package of the same name and version, e.g. to swap it in for the signed one */
  readonly buildOther: (marker: string) => string;
}

const run = (file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): string =>
  execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Builds a package `name` `version` with usr/bin/gobgpd and gobgp that print `version`'s upstream part. */
function buildDeb(dir: string, name: string, version: string, marker: string, out: string): void {
  const root = join(dir, `root-${marker}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  mkdirSync(join(root, 'usr', 'bin'), { recursive: true });
  const upstream = version.split('-')[0];
  for (const binary of ['gobgpd', 'gobgp']) {
    writeFileSync(join(root, 'usr', 'bin', binary), `#!/bin/sh\n# ${marker}\necho "${binary} version ${upstream}"\n`);
    chmodSync(join(root, 'usr', 'bin', binary), 0o755);
  }
  const arch = run('dpkg', ['--print-architecture']).trim();
  writeFileSync(
    join(root, 'DEBIAN', 'control'),
    `Package: ${name}\nVersion: ${version}\nArchitecture: ${arch}\nMaintainer: Test <test@example.invalid>\nDescription: ${marker}\n`,
  );
  run('dpkg-deb', ['--root-owner-group', '--build', root, out]);
}

/** Makes an archive of one package under `dir`, with suite `suite`; `signed` adds an InRelease. */
export function makeArchive(dir: string, options: { name: string; version: string; suite: string; signed: boolean }): TestArchive {
  const { name, version, suite } = options;
  const arch = run('dpkg', ['--print-architecture']).trim();
  const repo = join(dir, 'repo');
  const poolDir = join(repo, 'pool', 'main', name[0]!, name);
  mkdirSync(poolDir, { recursive: true });
  const filename = `pool/main/${name[0]}/${name}/${name}_${version}_${arch}.deb`;
  const poolFile = join(repo, filename);
  buildDeb(dir, name, version, 'signed', poolFile);
  const deb = readFileSync(poolFile);

  const packages =
    `Package: ${name}\nVersion: ${version}\nArchitecture: ${arch}\nMaintainer: Test <test@example.invalid>\n` +
    `Filename: ${filename}\nSize: ${deb.length}\nSHA256: ${sha256(deb)}\nDescription: test package\n\n`;
  const indexDir = join(repo, 'dists', suite, 'main', `binary-${arch}`);
  mkdirSync(indexDir, { recursive: true });
  writeFileSync(join(indexDir, 'Packages'), packages);
  const release =
    `Origin: Test\nLabel: Test\nSuite: ${suite}\nCodename: ${suite}\nDate: ${new Date().toUTCString()}\n` +
    `Architectures: ${arch}\nComponents: main\nSHA256:\n ${sha256(Buffer.from(packages))} ${Buffer.byteLength(packages)} main/binary-${arch}/Packages\n`;
  writeFileSync(join(repo, 'dists', suite, 'Release'), release);

  const gnupg = join(dir, 'gnupg');
  mkdirSync(gnupg, { recursive: true, mode: 0o700 });
  const gpg = (args: readonly string[]): string => run('gpg', ['--homedir', gnupg, '--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', '', ...args]);
  gpg(['--quick-gen-key', 'Test archive <archive@example.invalid>', 'ed25519', 'sign', 'never']);
  const keyring = join(dir, 'keyring.gpg');
  writeFileSync(keyring, execFileSync('gpg', ['--homedir', gnupg, '--batch', '--export']));
  if (options.signed) gpg(['--clearsign', '--output', join(repo, 'dists', suite, 'InRelease'), join(repo, 'dists', suite, 'Release')]);
  run('gpgconf', ['--homedir', gnupg, '--kill', 'all']);

  return {
    pin: { name, version, suite, mirror: `file:${repo}`, keyring },
    poolFile,
    buildOther: (marker) => {
      const out = join(dir, `${marker}.deb`);
      buildDeb(dir, name, version, marker, out);
      return out;
    },
  };
}
