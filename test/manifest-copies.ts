// The reader on copies of the lab's manifests with changes made (lab/controls/mistakes.ts manifestsWith: a text
// replacement in one file, which must match exactly once, or a file added).
import { rmSync } from 'node:fs';
import { readClusterIntent, type ClusterIntent } from '../lab/manifests/intent.js';
import { manifestsWith, type ManifestChange } from '../lab/controls/mistakes.js';
import { KIND_CLUSTER_CONFIG } from '../lab/util/paths.js';

/** The intent of manifests/ with `changes`, or the error the reader gives. */
export function intentWith(...changes: readonly ManifestChange[]): ClusterIntent | Error {
  const dir = manifestsWith(changes);
  try {
    return readClusterIntent(dir, KIND_CLUSTER_CONFIG);
  } catch (error) {
    return error as Error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The reader's error message for manifests/ with `changes`; fails the test if it reads them. */
export function errorWith(...changes: readonly ManifestChange[]): string {
  const result = intentWith(...changes);
  if (!(result instanceof Error)) throw new Error(`the reader accepted the change: ${JSON.stringify(changes)}`);
  return result.message;
}

/** The intent of manifests/ with `changes`; fails the test if the reader refuses them. */
export function readWith(...changes: readonly ManifestChange[]): ClusterIntent {
  const result = intentWith(...changes);
  if (result instanceof Error) throw result;
  return result;
}
