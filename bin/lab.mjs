#!/usr/bin/env node
// The `lab` command, from whatever directory it is started in. It runs the JavaScript `npm run build`
// compiled from lab/ into .build/js/ (`sudo npm run setup` builds it), which starts at once, but only if
// that build was made from lab/ as it is now (bin/build-stamp.mjs). Otherwise it says so on stderr, in one
// line, and compiles lab/cli.ts at start with tsx as before: the same output, later.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILD_DIR, buildState } from './build-stamp.mjs';

// A reader that stops early (`lab pcap FILE | head`) closes the pipe: that ends the output, not in error.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

const root = fileURLToPath(new URL('..', import.meta.url));
const state = buildState(root);
let main;
if (state === 'fresh') {
  ({ main } = await import(pathToFileURL(join(root, BUILD_DIR, 'lab', 'cli.js')).href));
} else {
  const why = state === 'absent' ? `there is no build in ${BUILD_DIR}/` : `the build in ${BUILD_DIR}/ is out of date with lab/`;
  process.stderr.write(
    `lab: ${why}, so lab/ is compiled at start instead: run \`npm run build\` (or \`sudo npm run setup\`) to start at once\n`,
  );
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  ({ main } = await import(new URL('../lab/cli.ts', import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
