// Whether the JavaScript `npm run build` compiled from lab/ into .build/js/ is what lab/ is now, decided by
// content, not by modification times (a checkout, a copy or a clock can make those lie either way). The
// build writes a stamp, a sha256 over the relative path and content of every file it was made from;
// bin/lab.mjs recomputes it at every start (a few milliseconds) and runs the build only if they match.
// Plain JavaScript: it runs before anything is compiled.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/** Where the build lives, relative to the repository. */
export const BUILD_DIR = join('.build', 'js');
/** The stamp, in BUILD_DIR: `{ "sha256": "...", "files": N }`. */
export const STAMP_FILE = 'stamp.json';
/** Changed when what goes into the stamp changes, so that older stamps never match. */
const FORMAT = 'lab build stamp 1\n';
/** The compiler's settings: a change to them changes the output as much as a change to lab/ does. */
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json'];

/**
 * The files the build is made from, relative to `root` with `/` separators, sorted: the tsconfig files
 * and every lab/**\/*.ts.
 * @param {string} root the repository
 * @returns {string[]}
 */
export function sourceFiles(root) {
  const lab = readdirSync(join(root, 'lab'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => `lab/${path.split(sep).join('/')}`);
  return [...CONFIG_FILES, ...lab].sort();
}

/**
 * The stamp of the sources under `root` as they are now.
 * @param {string} root the repository
 * @returns {{ sha256: string, files: number }}
 */
export function sourceStamp(root) {
  const files = sourceFiles(root);
  const hash = createHash('sha256').update(FORMAT);
  for (const file of files) {
    const content = readFileSync(join(root, file));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return { sha256: hash.digest('hex'), files: files.length };
}

/**
 * `fresh` if the build under `root` was made from the sources as they are now, `stale` if from others
 * (or its stamp is unreadable), `absent` if there is no build.
 * @param {string} root the repository
 * @returns {'fresh' | 'stale' | 'absent'}
 */
export function buildState(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, BUILD_DIR, STAMP_FILE), 'utf8'));
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT' ? 'absent' : 'stale';
  }
  return stamp?.sha256 === sourceStamp(root).sha256 ? 'fresh' : 'stale';
}
