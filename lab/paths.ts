import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const birdConfigDir = join(repoRoot, 'bird');
/** where runs keep their state, sockets and logs: one directory per run, removed at teardown */
export const runsRoot = join(repoRoot, '.lab', 'runs');
/** evidence of failed specs (packet captures), kept until the next run starts */
export const artifactsRoot = join(repoRoot, 'artifacts');
