// Where the harness finds and keeps things: all of it under the repository. The repository is found from
// this file, which is lab/util/paths.ts when run from the sources (tsx, vitest) and
// .build/js/lab/util/paths.js in the build `npm run build` makes: so not at a fixed depth, but as the
// nearest directory above whose package.json names this package. Non-TypeScript files (bird/*.conf,
// lab/netns/attach-datapath.sh, lab/kind/*.yaml, manifests/) are never copied into the build: they are
// always read from here.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `name` in this repository's package.json. */
export const PACKAGE_NAME = 'bgpv2-lab-conformance';

/** The `name` of the package.json in `dir`, or undefined if there is none (or it cannot be read). */
function packageName(dir: string): unknown {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}

/** The nearest directory at or above `start` whose package.json is this package's. */
export function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (packageName(dir) === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) {
      throw new Error(`no package.json named ${PACKAGE_NAME} in ${start} or above it: run the harness from its repository`);
    }
  }
}

/** The repository's top directory, without a trailing slash. */
export const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
export const birdConfigDir = join(repoRoot, 'bird');
/** where runs keep their state, sockets and logs: one directory per run, removed at teardown */
export const runsRoot = join(repoRoot, '.lab', 'runs');
/** each run's page and the evidence it links (lab/run/artifacts.ts keeps the newest few), and the history of runs */
export const artifactsRoot = join(repoRoot, 'artifacts');
/** the cluster's intent, which both fabrics take from here unless LAB_MANIFESTS names another folder */
export const DEFAULT_MANIFESTS = join(repoRoot, 'manifests');
/** the kind cluster config, which names the Kubernetes nodes and their labels */
export const KIND_CLUSTER_CONFIG = join(repoRoot, 'lab', 'kind', 'cluster.yaml');

/**
 * vitest's own entry point, for the scripts that start suite runs (the controls, the soak, the resilience
 * tests): `node` on it is the runner's pid, without npx's start (about 0.4 s of CPU) before it.
 */
export const vitestEntry = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
