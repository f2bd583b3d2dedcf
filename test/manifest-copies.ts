// Copies of the lab's manifests with one change each, for the reader's tests: the change is a text
// replacement in one file (which must match exactly once), or a file added.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readClusterIntent, type ClusterIntent } from '../lab/manifests/intent.js';
import { repoRoot } from '../lab/paths.js';

export const KIND_CONFIG = join(repoRoot, 'lab', 'kind', 'cluster.yaml');

/** A change to a copy of manifests/: replace `from` with `to` in `file`, or write `file` whole. */
export type ManifestChange = { readonly file: string; readonly from: string; readonly to: string } | { readonly file: string; readonly write: string };

/** Copies manifests/ into a temporary folder, applies `changes`, and returns the folder (remove it after). */
export function changedManifests(...changes: readonly ManifestChange[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'manifests-'));
  cpSync(join(repoRoot, 'manifests'), dir, { recursive: true });
  for (const change of changes) {
    const path = join(dir, change.file);
    if ('write' in change) {
      writeFileSync(path, change.write);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    if (text.split(change.from).length !== 2) throw new Error(`test setup: ${change.file} must contain ${JSON.stringify(change.from)} exactly once`);
    writeFileSync(path, text.replace(change.from, change.to));
  }
  return dir;
}

/** The intent of manifests/ with `changes`, or the error the reader gives. */
export function intentWith(...changes: readonly ManifestChange[]): ClusterIntent | Error {
  const dir = changedManifests(...changes);
  try {
    return readClusterIntent(dir, KIND_CONFIG);
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
