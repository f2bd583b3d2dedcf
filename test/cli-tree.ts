// A stand-in for the repository with a stale or no build of the `lab` command, for the tests of what
// bin/lab.mjs does then: such a build cannot be made in the repository itself, where the other tests run
// the fresh one at the same time. It holds a copy of bin/ (bin/lab.mjs finds the repository from its own
// path, which for a link would be the link's target) and links to the rest, so that the sources, their
// stamp and the dependencies are the repository's own.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../lab/util/paths.js';

/** What a stale build prints if bin/lab.mjs runs it, which it must not. */
export const STALE_BUILD_RAN = 'the stale build ran';

/** The line bin/lab.mjs prints on stderr before it compiles lab/ at start, for each state of the build. */
export const COMPILE_AT_START = {
  stale: 'lab: the build in .build/js/ is out of date with lab/, so lab/ is compiled at start instead: run `npm run build` (or `sudo npm run setup`) to start at once',
  absent: 'lab: there is no build in .build/js/, so lab/ is compiled at start instead: run `npm run build` (or `sudo npm run setup`) to start at once',
} as const;

/** How one `lab` process ended. */
export interface CliRun {
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bin/lab.mjs` (a path) with `args`, in the repository, however it ends. */
export async function runLab(lab: string, args: readonly string[]): Promise<CliRun> {
  const { exitCode, stdout, stderr } = await execa('node', [lab, ...args], { cwd: repoRoot, reject: false, timeout: 30_000 });
  return { exitCode, stdout, stderr };
}

/** A stand-in repository; `remove` deletes it (never what its links point to). */
export interface CliTree {
  readonly root: string;
  /** runs its bin/lab.mjs with `args` */
  run(args: readonly string[]): Promise<CliRun>;
  remove(): void;
}

/** A stand-in repository whose build is `build`: a stale one has a stamp of other sources. */
export function cliTree(build: 'stale' | 'absent'): CliTree {
  const root = mkdtempSync(join(tmpdir(), 'lab-cli-'));
  cpSync(join(repoRoot, 'bin'), join(root, 'bin'), { recursive: true });
  for (const name of ['lab', 'node_modules', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) {
    symlinkSync(join(repoRoot, name), join(root, name));
  }
  if (build === 'stale') {
    const lab = join(root, '.build', 'js', 'lab');
    mkdirSync(lab, { recursive: true });
    writeFileSync(join(lab, 'cli.js'), `export async function main() { console.log('${STALE_BUILD_RAN}'); return 0; }\n`);
    writeFileSync(join(root, '.build', 'js', 'stamp.json'), JSON.stringify({ sha256: '0'.repeat(64), files: 1 }));
  }
  const lab = join(root, 'bin', 'lab.mjs');
  return {
    root,
    run: (args) => runLab(lab, args),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
