// `npm run build` (`sudo npm run setup` runs it): compiles lab/ into .build/js/ so that `npx lab` starts at
// once instead of compiling lab/ at every start. Rebuilds even if the build there is fresh.
import { relative } from 'node:path';
import { UserFacingError } from '../lab/util/errors.js';
import { repoRoot } from '../lab/util/paths.js';
import { buildCli } from './cli-build.js';

try {
  const { dir, files, milliseconds } = await buildCli();
  process.stdout.write(`build: compiled lab/ (${files} files with the tsconfigs) into ${relative(repoRoot, dir)}/ in ${milliseconds} ms\n`);
} catch (error) {
  if (!(error instanceof UserFacingError)) throw error;
  process.stderr.write(`build: ${error.message}\n`);
  process.exitCode = 1;
}
