#!/usr/bin/env node
// The `lab` command: runs lab/cli.ts through tsx, from whatever directory it is started in.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// A reader that stops early (`lab pcap FILE | head`) closes the pipe: that ends the output, not in error.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import(new URL('../lab/cli.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
