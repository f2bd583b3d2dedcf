// Builds the `lab` command: compiles lab/ into .build/js/ with tsc (tsconfig.build.json) and stamps the
// build with the sources it was made from (bin/build-stamp.mjs), so that bin/lab.mjs starts without
// compiling. Used by `npm run build` (which `sudo npm run setup` runs) and by the unit tests' global setup.
// The build is made in a directory of its own and swapped in whole: a `lab` started meanwhile, or a
// build racing this one, finds the old build, the new one or none, never half of one.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { BUILD_DIR, STAMP_FILE, buildState, sourceStamp } from '../bin/build-stamp.mjs';
import { UserFacingError } from '../lab/util/errors.js';
import { repoRoot } from '../lab/util/paths.js';

/** What a build made. */
export interface CliBuild {
  /** the build's directory, .build/js under the repository */
  readonly dir: string;
  /** how many source files went into its stamp */
  readonly files: number;
  readonly milliseconds: number;
}

const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

/** The error for a directory this user may not write, saying how to get it back. */
function unwritable(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'EACCES' && code !== 'EPERM') return error as Error;
  return new UserFacingError(
    `cannot write ${path} (${code}): it belongs to another user, likely root from a \`sudo\` run; ` +
      'run `sudo npm run build`, or give .build/ back to yourself with `sudo chown -R "$(id -u):$(id -g)" .build`',
  );
}

/** Under `sudo`, hands .build/ and the new build to the user who ran sudo, who rebuilds without it. */
function giveToSudoUser(buildRoot: string, staging: string): void {
  const uid = Number(process.env.SUDO_UID);
  const gid = Number(process.env.SUDO_GID);
  if (process.getuid?.() !== 0 || !Number.isInteger(uid) || !Number.isInteger(gid)) return;
  const inside = readdirSync(staging, { recursive: true, encoding: 'utf8' });
  for (const path of [buildRoot, staging, ...inside.map((entry) => join(staging, entry))]) chownSync(path, uid, gid);
}

/** Puts `staging` where the build lives, in place of the build there, if any. */
function swapIn(staging: string, dir: string): void {
  const old = `${staging}-old`;
  try {
    renameSync(dir, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unwritable(dir, error);
  }
  try {
    renameSync(staging, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Another build swapped its own in meanwhile: keep that one; its stamp says what it was made from.
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw unwritable(dir, error);
  }
  rmSync(old, { recursive: true, force: true });
}

/** Compiles lab/ into .build/js/ and stamps it, whether or not the build there is fresh. */
export async function buildCli(): Promise<CliBuild> {
  const started = performance.now();
  // Taken before compiling: a source that changes during the compile leaves a stamp that does not match
  // (the next start compiles, and says so), never one that matches a build of older sources.
  const stamp = sourceStamp(repoRoot);
  const buildRoot = join(repoRoot, '.build');
  const dir = join(repoRoot, BUILD_DIR);
  let staging: string;
  try {
    mkdirSync(buildRoot, { recursive: true });
    staging = mkdtempSync(join(buildRoot, 'js-new-'));
    chmodSync(staging, 0o755); // mkdtemp makes it private; the build is for everyone who may run `lab`
  } catch (error) {
    throw unwritable(buildRoot, error);
  }
  try {
    const args = [tsc, '-p', join(repoRoot, 'tsconfig.build.json'), '--outDir', staging];
    const result = await execa(process.execPath, args, { cwd: repoRoot, reject: false, all: true, timeout: 120_000 });
    if (result.exitCode !== 0) {
      throw new UserFacingError(`tsc could not compile lab/ (exit status ${result.exitCode}); fix what it says:\n${result.all}`);
    }
    writeFileSync(join(staging, STAMP_FILE), `${JSON.stringify(stamp)}\n`);
    giveToSudoUser(buildRoot, staging);
    swapIn(staging, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { dir, files: stamp.files, milliseconds: Math.round(performance.now() - started) };
}

/** Builds the `lab` command unless the build there was made from the sources as they are now. */
export async function buildCliIfStale(): Promise<CliBuild | undefined> {
  return buildState(repoRoot) === 'fresh' ? undefined : buildCli();
}
