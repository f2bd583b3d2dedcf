// `lab manifests [DIR] [--json]` (show.ts says what it prints). Exit status 0, 2 when the reader refuses
// the folder (its one line on stderr), 1 on wrong usage.
import { join, resolve } from 'node:path';
import { repoRoot } from '../util/paths.js';
import { ManifestError } from './fields.js';
import { readClusterIntent } from './intent.js';
import { displayPath } from './load.js';
import { manifestsText, manifestsView } from './show.js';

export function manifestsCommand(args: readonly string[], usage: string): number {
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  if (rest.length > 1 || rest.some((a) => a.startsWith('-'))) {
    process.stderr.write(usage);
    return 1;
  }
  const dir = resolve(rest[0] ?? join(repoRoot, 'manifests'));
  const cluster = resolve(process.env.LAB_CLUSTER || join(repoRoot, 'lab', 'kind', 'cluster.yaml'));
  try {
    const view = manifestsView(readClusterIntent(dir, cluster));
    process.stdout.write(json ? `${JSON.stringify(view, null, 2)}\n` : manifestsText(displayPath(dir), view));
    return 0;
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    process.stderr.write(`lab manifests: ${error.message}\n`);
    return 2;
  }
}
