// A copy of the lab's own files (containerlab topology, kind cluster, claims, BIRD configs, manifests)
// in another folder, with changes made as a user of the lab would make them: the tests that rename,
// move and add servers, and the scale bench, edit such copies and run the harness on them through
// LAB_TOPOLOGY, LAB_CLUSTER, LAB_CLAIMS and LAB_MANIFESTS. The layout is the repository's, so that the
// topology's relative binds (../../bird) still find the BIRD configs.
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from '../util/paths.js';
import { changeFiles, type FileChange } from '../util/replace-once.js';
import { DEFAULT_LAB_FILES } from './read-lab.js';
import type { LabFiles } from './lab.js';

/** One change, by path relative to the repository: `from` (found exactly once) becomes `to`, or the file is written whole. */
export type LabChange = FileChange;

/** What is copied: the lab's files and the folder of BIRD configs its topology binds. */
const COPIED = [DEFAULT_LAB_FILES.topology, DEFAULT_LAB_FILES.cluster, DEFAULT_LAB_FILES.claims, DEFAULT_LAB_FILES.manifests, join(repoRoot, 'bird')];

/** Copies the lab into `dir` with `changes` made; returns the copy's files. */
export function copyLab(dir: string, changes: readonly LabChange[] = []): LabFiles {
  for (const source of COPIED) {
    const target = join(dir, relative(repoRoot, source));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(source, target, { recursive: true });
  }
  changeFiles(dir, changes, "to change the lab's copy");
  const at = (file: string): string => join(dir, relative(repoRoot, file));
  return { topology: at(DEFAULT_LAB_FILES.topology), cluster: at(DEFAULT_LAB_FILES.cluster), claims: at(DEFAULT_LAB_FILES.claims), manifests: at(DEFAULT_LAB_FILES.manifests) };
}

/** The variables that run the harness on a copy. */
export function labEnv(files: LabFiles): Record<string, string> {
  return { LAB_TOPOLOGY: files.topology, LAB_CLUSTER: files.cluster, LAB_CLAIMS: files.claims, LAB_MANIFESTS: files.manifests };
}
