// The BIRD a containerlab node of an attached lab runs, read out of its container, read-only: the argv of
// the container's PID 1 (`docker exec CONTAINER cat /proc/1/cmdline`: the arguments, each ended by a NUL
// byte; proc(5), /proc/PID/cmdline), which must be BIRD (this lab's containerlab cmd is BIRD itself, and
// the published demo's entrypoint ends with `exec /usr/sbin/bird`, so either way BIRD is PID 1); the
// config it reads (`-c`, else the build's default: bird-argv.ts), and every file
// that config includes, found as bird-tokens.ts follows them (relative to the including file), each read
// with `docker exec CONTAINER cat FILE`.
import { UserFacingError } from '../util/errors.js';
import type { Executor } from '../exec/command.js';
import { birdConfigOf, runsBird } from '../description/bird-argv.js';
import { birdIncludes } from '../description/bird-tokens.js';

/** One file BIRD reads, by its path inside the container. Example: {"path":"/etc/bird.conf","text":"router id 10.0.0.1;\n…"} */
export interface ContainerFile {
  readonly path: string;
  readonly text: string;
}

/** What a node's container runs. Example: {"argv":["/usr/sbin/bird","-c","/etc/bird.conf","-d"],"files":[{"path":"/etc/bird.conf",…}]} */
export interface ContainerBird {
  readonly container: string;
  readonly argv: readonly string[];
  /** the config first, then the files it includes (and they include), once each */
  readonly files: readonly ContainerFile[];
}

/** /proc/PID/cmdline's content as argv: "bird\0-c\0/etc/bird.conf\0" -> ["bird","-c","/etc/bird.conf"]. */
export function parseCmdline(text: string): string[] {
  const argv = text.split('\0');
  if (argv.at(-1) === '') argv.pop();
  return argv;
}

/** A wildcard include, which BIRD expands with glob(3) (BIRD 2.0.12 conf/cf-lex.l cf_include) and this reader does not. */
const WILDCARD = /[*?[]/;

/** Reads the BIRD that `container`'s PID 1 is, and the files of its config; refuses a PID 1 that is not BIRD. */
export async function readContainerBird(exec: Executor, container: string): Promise<ContainerBird> {
  const cat = async (path: string): Promise<string> => (await exec.run(['docker', 'exec', container, 'cat', path])).stdout;
  const argv = parseCmdline(await cat('/proc/1/cmdline'));
  if (!runsBird(argv)) {
    throw new UserFacingError(
      `LAB_REUSE=1: container ${container} runs ${JSON.stringify(argv.join(' ') || '(no command line)')} as its PID 1, not BIRD: the harness reads the BIRD config a node runs from BIRD's own command line (-c FILE). ` +
        'Make BIRD the container\'s main process (`exec bird -c FILE` at the end of its entrypoint, or containerlab\'s cmd)',
    );
  }
  const files: ContainerFile[] = [];
  const pending = [birdConfigOf(argv)];
  while (pending.length > 0) {
    const path = pending.shift()!;
    if (files.some((f) => f.path === path)) continue;
    const text = await cat(path);
    files.push({ path, text });
    const shown = (p: string): string => `${container}:${p}`;
    for (const included of birdIncludes(text, path, shown)) {
      if (WILDCARD.test(included)) {
        throw new UserFacingError(`LAB_REUSE=1: ${shown(path)} includes "${included}", a wildcard: the harness follows includes of one file each; name each file in its own include`);
      }
      pending.push(included);
    }
  }
  return { container, argv, files };
}
