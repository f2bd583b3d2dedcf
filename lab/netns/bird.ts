// BIRD on each node of the netns fabric, running the very config the containerlab topology gives the node.
import { join } from 'node:path';
import { UserFacingError } from '../util/errors.js';
import { host } from '../exec/command.js';

import { inNamespace } from './namespaces.js';
import { spawnDaemon } from '../run/processes.js';
import type { RunRecord } from '../run/run-state.js';

// A unix socket path must fit in sockaddr_un.sun_path.
const MAX_SOCKET_PATH = 107;

export function birdSocketPath(runDir: string, node: string): string {
  const path = join(runDir, `bird-${node}.ctl`);
  if (path.length > MAX_SOCKET_PATH) {
    throw new Error(`BIRD's control socket path ${path} is longer than ${MAX_SOCKET_PATH} bytes; clone the repository to a shorter path`);
  }
  return path;
}

/** What `bird --version` says (on stderr), e.g. "2.0.12". */
export async function birdVersion(): Promise<string> {
  const result = await host.run(['bird', '--version'], { allowFailure: true });
  const version = /BIRD version (\S+)/.exec(result.stderr + result.stdout)?.[1];
  if (!version) throw new UserFacingError(`\`bird --version\` does not say which BIRD it is: ${JSON.stringify((result.stderr + result.stdout).trim())}`);
  return version;
}

/** Parses the node's config with BIRD itself (`bird -p`), so that a syntax error stops the bring-up
 * with BIRD's own message, file and line, instead of a session that never comes up. */
export async function checkBirdConfig(node: string, file: string): Promise<void> {
  const result = await host.run(['bird', '-p', '-c', file], { allowFailure: true });
  if (result.exitCode !== 0) {
    throw new UserFacingError(`BIRD rejects the config of ${node}: ${(result.stderr || result.stdout).trim()}`);
  }
}

/**
 * Starts BIRD in the foreground (-f, so the pid is BIRD's own; `log stderr` in the configs then goes to
 * the log file) with its control socket and pid file in the run directory, which also lets `birdc -s` reach it from
 * outside the namespace.
 */
export function startBird(run: RunRecord, node: string, config: string, netns: string): void {
  const argv = [
    ...inNamespace(netns),
    'bird', '-f',
    '-c', config,
    '-s', birdSocketPath(run.dir, node),
    '-P', join(run.dir, `bird-${node}.pid`),
  ];
  run.addProcess(spawnDaemon(`bird ${node}`, argv, join(run.dir, `bird-${node}.log`)));
}
